"""Optimal allocation of quantities over candidate pairs (OR-Tools).

Integer scaling: OR-Tools solvers work on integers, so quantities are scaled by
QUANTITY_SCALE (1000 units per tonne, i.e. kilograms) and per-tonne arc values by
VALUE_SCALE (1000: metres per km for `tkm`, grams per kg for `co2`, 1/1000 of a currency
unit per kg for `cost`). Every quantity is therefore rounded to the nearest kilogram and
every distance to the nearest metre; results are converted back to tonnes.

Without minimum lots the problem is a min-cost flow (SimpleMinCostFlow, exact). With
minimum lots a pair carries either nothing or at least its lot, which is not a flow
constraint, so the model becomes a mixed-integer program solved with CP-SAT.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray
from ortools.graph.python import min_cost_flow
from ortools.sat.python import cp_model

from obieg.symbiosis.matching.candidates import CandidateSet
from obieg.symbiosis.matching.savings import ImpactFactors, tonne_impact

QUANTITY_SCALE = 1000
VALUE_SCALE = 1000


class Objective(StrEnum):
    """What the allocation optimises."""

    TKM = "tkm"  # most tonnes matched, then fewest tonne-kilometres
    COST = "cost"  # least transport + treatment - avoided disposal
    CO2 = "co2"  # most CO2e avoided


class AllocationError(RuntimeError):
    """Raised when the solver reports a problem it could not solve."""


@dataclass(frozen=True, slots=True)
class AllocatedFlow:
    """Quantity sent from one offer to one need."""

    offer_id: str
    need_id: str
    quantity: float
    distance_km: float
    tkm: float


@dataclass(frozen=True, slots=True)
class Allocation:
    """The chosen flows and their totals."""

    flows: tuple[AllocatedFlow, ...]
    objective: Objective
    total_quantity: float
    total_tkm: float
    solver: str
    status: str
    elapsed_s: float


def _scaled_quantities(cs: CandidateSet) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    offered = np.array([round(o.quantity * QUANTITY_SCALE) for o in cs.offers], dtype=np.int64)
    wanted = np.array([round(n.quantity * QUANTITY_SCALE) for n in cs.needs], dtype=np.int64)
    return offered, wanted


def arc_unit_values(
    cs: CandidateSet, objective: Objective, factors: ImpactFactors
) -> NDArray[np.int64]:
    """Integer cost per scaled unit on every candidate pair (to be minimised)."""
    km = cs.distance_km
    if objective is Objective.TKM:
        per_tonne = km
    elif objective is Objective.COST:
        per_tonne = (
            factors.transport_eur_tkm * km + factors.treatment_eur_t - factors.landfill_eur_t
        )
    else:
        impact = [tonne_impact(o.ewc_code, factors) for o in cs.offers]
        credit = np.array([i.avoided_primary_kg + i.avoided_disposal_kg for i in impact])
        per_tonne = factors.transport_kgco2e_tkm * km - credit[cs.offer_idx]
    return np.rint(np.asarray(per_tonne, dtype=np.float64) * VALUE_SCALE).astype(np.int64)


def allocate(
    cs: CandidateSet,
    *,
    objective: Objective | str = Objective.TKM,
    factors: ImpactFactors | None = None,
    time_limit_s: float = 60.0,
) -> Allocation:
    """Allocate quantities optimally; uses CP-SAT only when some pair has a minimum lot."""
    goal = Objective(objective)
    started = time.perf_counter()
    costs = arc_unit_values(cs, goal, factors or ImpactFactors.default())
    offered, wanted = _scaled_quantities(cs)
    _check_overflow(offered, costs)
    lots = np.ceil(cs.min_lot() * QUANTITY_SCALE - 1e-9).astype(np.int64)
    if len(cs) and lots.max() > 0:
        flow, status, solver = _solve_with_lots(
            cs, goal, costs, offered, wanted, lots, time_limit_s
        )
    else:
        flow, status, solver = _solve_flow(cs, goal, costs, offered, wanted)
    return _result(cs, goal, flow, status, solver, time.perf_counter() - started)


def _check_overflow(offered: NDArray[np.int64], costs: NDArray[np.int64]) -> None:
    """Refuse instances whose total cost could overflow the solvers' 64-bit integers."""
    largest = int(np.abs(costs).max()) if len(costs) else 0
    # Python ints do not overflow, so the product is exact; 2**62 leaves solver headroom.
    if int(offered.sum()) * largest >= 2**62:
        raise AllocationError(
            "quantities x costs exceed 64-bit range at kilogram scaling; split the instance"
        )


def _solve_flow(
    cs: CandidateSet,
    goal: Objective,
    costs: NDArray[np.int64],
    offered: NDArray[np.int64],
    wanted: NDArray[np.int64],
) -> tuple[NDArray[np.int64], str, str]:
    n_off, n_need = len(cs.offers), len(cs.needs)
    source, sink = n_off + n_need, n_off + n_need + 1
    pair_cap = np.minimum(offered[cs.offer_idx], wanted[cs.need_idx])
    tails = np.concatenate([np.full(n_off, source), cs.offer_idx, n_off + np.arange(n_need)])
    heads = np.concatenate([np.arange(n_off), n_off + cs.need_idx, np.full(n_need, sink)])
    caps = np.concatenate([offered, pair_cap, wanted])
    unit = np.concatenate([np.zeros(n_off, np.int64), costs, np.zeros(n_need, np.int64)])
    if goal is not Objective.TKM:
        # A free bypass lets supply stay unmatched when no pair is worth moving.
        tails, heads = np.append(tails, source), np.append(heads, sink)
        caps, unit = np.append(caps, offered.sum()), np.append(unit, 0)
    mcf = min_cost_flow.SimpleMinCostFlow()
    mcf.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32), heads.astype(np.int32), caps.astype(np.int64), unit.astype(np.int64)
    )
    total = int(offered.sum())
    mcf.set_node_supply(source, total)
    mcf.set_node_supply(sink, -total)
    # For tkm, max-flow-then-min-cost gives "most tonnes, then fewest tonne-km" exactly.
    status = mcf.solve_max_flow_with_min_cost() if goal is Objective.TKM else mcf.solve()
    if status != mcf.OPTIMAL:
        raise AllocationError(f"min-cost flow failed with status {status}")
    flows = mcf.flows(np.arange(n_off, n_off + len(cs), dtype=np.int32))
    return np.asarray(flows, dtype=np.int64), "OPTIMAL", "ortools.min_cost_flow"


def _solve_with_lots(
    cs: CandidateSet,
    goal: Objective,
    costs: NDArray[np.int64],
    offered: NDArray[np.int64],
    wanted: NDArray[np.int64],
    lots: NDArray[np.int64],
    time_limit_s: float,
) -> tuple[NDArray[np.int64], str, str]:
    model = cp_model.CpModel()
    cap = np.minimum(offered[cs.offer_idx], wanted[cs.need_idx])
    x = [model.new_int_var(0, int(c), f"x{k}") for k, c in enumerate(cap)]
    for k, lot in enumerate(lots):
        if lot > 0:
            used = model.new_bool_var(f"y{k}")
            model.add(x[k] >= int(lot)).only_enforce_if(used)
            model.add(x[k] == 0).only_enforce_if(~used)
    for column, limits in ((cs.offer_idx, offered), (cs.need_idx, wanted)):
        members: dict[int, list[int]] = {}
        for k, owner in enumerate(column.tolist()):
            members.setdefault(owner, []).append(k)
        for owner, ks in members.items():
            model.add(sum(x[k] for k in ks) <= int(limits[owner]))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit_s
    solver.parameters.num_workers = 2
    if goal is Objective.TKM:
        # Lexicographic: first the most quantity, then fix it and minimise tonne-km.
        model.maximize(sum(x))
        _solve_checked(solver, model)
        model.add(sum(x) >= round(solver.objective_value))
    model.minimize(sum(int(c) * v for c, v in zip(costs, x, strict=True)))
    status = _solve_checked(solver, model)
    flows = np.array([solver.value(v) for v in x], dtype=np.int64)
    return flows, status, "ortools.cp_sat"


def _solve_checked(solver: cp_model.CpSolver, model: cp_model.CpModel) -> str:
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise AllocationError(f"CP-SAT failed with status {status.name}")
    return str(status.name)


def _result(
    cs: CandidateSet,
    goal: Objective,
    flow: NDArray[np.int64],
    status: str,
    solver: str,
    elapsed: float,
) -> Allocation:
    used = np.flatnonzero(flow > 0)
    tonnes = flow[used] / QUANTITY_SCALE
    km = cs.distance_km[used]
    flows = tuple(
        AllocatedFlow(
            offer_id=cs.offers[cs.offer_idx[k]].id,
            need_id=cs.needs[cs.need_idx[k]].id,
            quantity=float(t),
            distance_km=float(d),
            tkm=float(t * d),
        )
        for k, t, d in zip(used.tolist(), tonnes, km, strict=True)
    )
    return Allocation(
        flows=flows,
        objective=goal,
        total_quantity=float(tonnes.sum()),
        total_tkm=float((tonnes * km).sum()),
        solver=solver,
        status=status,
        elapsed_s=elapsed,
    )
