"""Optimal allocation of quantities over candidate pairs (OR-Tools).

Integer scaling: the min-cost-flow solver works on integers, so quantities are scaled by
QUANTITY_SCALE (1000 units per tonne: kilograms) and per-tonne arc values by VALUE_SCALE
(1000), giving arc costs per kilogram moved in metres (`tkm`), milligrams of CO2e (`co2`)
or millionths of the currency unit (`cost`). Quantities are thus rounded to the nearest
kilogram and distances to the nearest metre; results are reported in tonnes.

Without minimum lots the problem is a min-cost flow (SimpleMinCostFlow), solved exactly.
A minimum lot (a pair carries nothing or at least the lot) is not a flow constraint: then
a repaired min-cost flow gives a feasible start and a MIP (SCIP, one binary per lotted
pair) improves it to optimality within a time limit; the status says which was reached.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray
from ortools.graph.python import min_cost_flow
from ortools.linear_solver import pywraplp

from obieg.symbiosis.matching.candidates import CandidateSet
from obieg.symbiosis.matching.savings import ImpactFactors, tonne_impact

QUANTITY_SCALE = 1000
VALUE_SCALE = 1000
# Above this many candidate pairs the MIP for minimum lots is skipped (memory and time);
# the repaired min-cost-flow allocation is returned, marked HEURISTIC.
MIP_MAX_PAIRS = 200_000
LOT_REPAIR_ROUNDS = 20


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
    time_limit_s: float = 10.0,
    mip_max_pairs: int = MIP_MAX_PAIRS,
) -> Allocation:
    """Allocate quantities optimally; minimum lots switch to a MIP (SCIP) with a time limit."""
    goal = Objective(objective)
    started = time.perf_counter()
    costs = arc_unit_values(cs, goal, factors or ImpactFactors.default())
    offered, wanted = _scaled_quantities(cs)
    _check_overflow(offered, costs)
    cap = np.minimum(offered[cs.offer_idx], wanted[cs.need_idx])
    lots = np.ceil(cs.min_lot() * QUANTITY_SCALE - 1e-9).astype(np.int64)
    if len(cs) == 0 or lots.max() == 0:
        flow = _solve_flow(cs, goal, costs, offered, wanted, cap)
        status, solver = "OPTIMAL", "ortools.min_cost_flow"
    else:
        flow = _repair_lots(cs, goal, costs, offered, wanted, cap, lots)
        status, solver = "HEURISTIC", "ortools.min_cost_flow+lot_repair"
        if len(cs) <= mip_max_pairs:
            mip = _solve_with_lots(cs, goal, costs, offered, wanted, cap, lots, flow, time_limit_s)
            if mip is not None:
                flow, status = mip
                solver = "ortools.scip"
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
    pair_cap: NDArray[np.int64],
) -> NDArray[np.int64]:
    """Exact min-cost flow source -> offers -> needs -> sink; returns the pair flows."""
    n_off, n_need = len(cs.offers), len(cs.needs)
    source, sink = n_off + n_need, n_off + n_need + 1
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
    return np.asarray(mcf.flows(np.arange(n_off, n_off + len(cs), dtype=np.int32)), np.int64)


def _repair_lots(
    cs: CandidateSet,
    goal: Objective,
    costs: NDArray[np.int64],
    offered: NDArray[np.int64],
    wanted: NDArray[np.int64],
    cap: NDArray[np.int64],
    lots: NDArray[np.int64],
) -> NDArray[np.int64]:
    """Feasible start for lots: close pairs that carry less than their lot and re-solve."""
    cap = cap.copy()
    flow = np.zeros(len(cs), dtype=np.int64)
    for _ in range(LOT_REPAIR_ROUNDS):
        flow = _solve_flow(cs, goal, costs, offered, wanted, cap)
        short = (flow > 0) & (flow < lots)
        if not short.any():
            return flow
        cap[short] = 0
    # Dropping a flow never breaks a capacity, so zeroing the rest stays feasible.
    flow[(flow > 0) & (flow < lots)] = 0
    return flow


def _solve_with_lots(
    cs: CandidateSet,
    goal: Objective,
    costs: NDArray[np.int64],
    offered: NDArray[np.int64],
    wanted: NDArray[np.int64],
    cap: NDArray[np.int64],
    lots: NDArray[np.int64],
    start: NDArray[np.int64],
    time_limit_s: float,
) -> tuple[NDArray[np.int64], str] | None:
    """Exact MIP: each lotted pair carries 0 or between its lot and its capacity."""
    solver = pywraplp.Solver.CreateSolver("SCIP")
    if solver is None:
        return None
    # Quantities stay continuous: once the on/off choices are fixed the rest is a flow
    # problem with integral bounds, whose optimal vertices are integral (kilograms).
    x = [solver.NumVar(0.0, float(c), "") for c in cap]
    switches = []
    for k in np.flatnonzero(lots > 0).tolist():
        used = solver.BoolVar("")
        solver.Add(x[k] >= float(lots[k]) * used)
        solver.Add(x[k] <= float(cap[k]) * used)
        switches.append((used, float(start[k] > 0)))
    _add_capacities(solver, x, cs.offer_idx, offered)
    _add_capacities(solver, x, cs.need_idx, wanted)
    hint_vars, hint_values = (
        x + [u for u, _ in switches],
        [*start.tolist(), *(v for _, v in switches)],
    )
    total = solver.Sum(x)
    if goal is Objective.TKM:
        # Lexicographic: the most quantity first, then the fewest tkm at that quantity.
        solver.Maximize(total)
        first = _solve_timed(solver, hint_vars, hint_values, time_limit_s / 2)
        if first is None:
            return None
        hint_values = [v.solution_value() for v in hint_vars]
        solver.Add(total >= solver.Objective().Value() - 0.5)
    solver.Minimize(solver.Sum([float(c) * v for c, v in zip(costs, x, strict=True)]))
    status = _solve_timed(solver, hint_vars, hint_values, time_limit_s / 2)
    if status is None:
        return None
    flows = np.minimum(np.rint([v.solution_value() for v in x]).astype(np.int64), cap)
    return flows, status


def _add_capacities(
    solver: pywraplp.Solver,
    x: list[pywraplp.Variable],
    owner: NDArray[np.intp],
    limits: NDArray[np.int64],
) -> None:
    order = np.argsort(owner, kind="stable")
    for group in np.split(order, np.flatnonzero(np.diff(owner[order])) + 1):
        if len(group):
            limit = float(limits[owner[group[0]]])
            solver.Add(solver.Sum([x[k] for k in group.tolist()]) <= limit)


def _solve_timed(
    solver: pywraplp.Solver,
    hint_vars: list[pywraplp.Variable],
    hint_values: list[float],
    seconds: float,
) -> str | None:
    solver.SetHint(hint_vars, hint_values)
    solver.SetTimeLimit(max(1, int(seconds * 1000)))
    status = solver.Solve()
    if status == pywraplp.Solver.OPTIMAL:
        return "OPTIMAL"
    return "FEASIBLE" if status == pywraplp.Solver.FEASIBLE else None


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
