"""Optimal allocation of quantities over candidate pairs (OR-Tools).

Integer scaling: the min-cost-flow solver works on integers, so quantities are scaled by
QUANTITY_SCALE (1000 units per tonne: kilograms) and per-tonne arc values by VALUE_SCALE
(1000), giving arc costs per kilogram moved in metres (`tkm`), milligrams of CO2e (`co2`)
or millionths of the currency unit (`cost`). Quantities are thus rounded to the nearest
kilogram and distances to the nearest metre; results are reported in tonnes.

Without minimum lots the problem is a min-cost flow (SimpleMinCostFlow), solved exactly.
A minimum lot (a pair carries nothing or at least the lot) is not a flow constraint, so it
is handled by integer branching: a repaired min-cost flow gives a feasible start, then a
branch and bound whose nodes are min-cost flows (a pair shut, or forced to its lot) proves
optimality within a time limit. Status: OPTIMAL (proved), FEASIBLE (time limit reached),
HEURISTIC (instance too large for the search). A general MIP solver (SCIP via OR-Tools)
was tried first and was far slower: its LP relaxations ignore the network structure.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray
from ortools.graph.python import min_cost_flow

from obieg.symbiosis.matching.candidates import CandidateSet
from obieg.symbiosis.matching.savings import ImpactFactors, tonne_impact

QUANTITY_SCALE = 1000
VALUE_SCALE = 1000
# Above this many candidate pairs each branch-and-bound node (one min-cost flow) costs
# seconds, so only the repaired min-cost flow is returned, marked HEURISTIC.
EXACT_LOTS_MAX_PAIRS = 200_000
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
    exact_lots_max_pairs: int = EXACT_LOTS_MAX_PAIRS,
) -> Allocation:
    """Allocate quantities optimally; minimum lots add a time-limited branch and bound."""
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
        if len(cs) <= exact_lots_max_pairs:
            deadline = started + time_limit_s
            flow, status = _branch_and_bound(
                cs, goal, costs, offered, wanted, cap, lots, flow, deadline
            )
            solver = "ortools.min_cost_flow+branch_and_bound"
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


@dataclass(frozen=True, slots=True)
class _Branch:
    """A node of the lot search: pairs forced shut, and pairs forced to carry their lot."""

    closed: frozenset[int] = frozenset()
    forced: frozenset[int] = frozenset()


def _relaxation(
    cs: CandidateSet,
    goal: Objective,
    costs: NDArray[np.int64],
    offered: NDArray[np.int64],
    wanted: NDArray[np.int64],
    cap: NDArray[np.int64],
    lots: NDArray[np.int64],
    branch: _Branch,
) -> NDArray[np.int64] | None:
    """Best flow of a node ignoring its undecided lots; None if the node is infeasible.

    A forced lot l on pair (o, n) is sent up front along source -> o -> n -> sink, so the
    rest is an ordinary min-cost flow on the remaining capacities.
    """
    low = np.zeros(len(cs), dtype=np.int64)
    low[list(branch.forced)] = lots[list(branch.forced)]
    rest_offered = offered - np.bincount(cs.offer_idx, weights=low, minlength=len(offered))
    rest_wanted = wanted - np.bincount(cs.need_idx, weights=low, minlength=len(wanted))
    if rest_offered.min(initial=0) < 0 or rest_wanted.min(initial=0) < 0:
        return None
    rest_cap = cap - low
    rest_cap[list(branch.closed)] = 0
    off, want = rest_offered.astype(np.int64), rest_wanted.astype(np.int64)
    return low + _solve_flow(cs, goal, costs, off, want, rest_cap)


def _rank(goal: Objective, flow: NDArray[np.int64], costs: NDArray[np.int64]) -> tuple[int, int]:
    """Lexicographic key, smaller is better: (-tonnes, cost) for tkm, (0, cost) otherwise."""
    cost = int(np.dot(flow, costs))
    return (-int(flow.sum()), cost) if goal is Objective.TKM else (0, cost)


def _branch_and_bound(
    cs: CandidateSet,
    goal: Objective,
    costs: NDArray[np.int64],
    offered: NDArray[np.int64],
    wanted: NDArray[np.int64],
    cap: NDArray[np.int64],
    lots: NDArray[np.int64],
    incumbent: NDArray[np.int64],
    deadline: float,
) -> tuple[NDArray[np.int64], str]:
    """Exact minimum lots: branch on a pair that carries less than its lot (shut it / force it).

    Every node is a min-cost flow that relaxes the lots not yet decided, so its value bounds
    every allocation below it and nodes no better than the incumbent are dropped. The search
    dives depth first into the better child, which finds good incumbents early.
    """
    best, best_rank = incumbent, _rank(goal, incumbent, costs)
    root = _relaxation(cs, goal, costs, offered, wanted, cap, lots, _Branch())
    stack = [] if root is None else [(_rank(goal, root, costs), _Branch(), root)]
    while stack:
        if time.perf_counter() > deadline:
            return best, "FEASIBLE"
        rank, branch, flow = stack.pop()
        if rank >= best_rank:
            continue
        short = np.flatnonzero((flow > 0) & (flow < lots))
        if len(short) == 0:
            best, best_rank = flow, rank
            continue
        # Branch where the lot is furthest from being met or dropped.
        k = int(short[np.argmax(np.minimum(flow[short], lots[short] - flow[short]))])
        children = []
        for child in (
            _Branch(branch.closed | {k}, branch.forced),
            _Branch(branch.closed, branch.forced | {k}),
        ):
            child_flow = _relaxation(cs, goal, costs, offered, wanted, cap, lots, child)
            if child_flow is not None:
                children.append((_rank(goal, child_flow, costs), child, child_flow))
        # The better child goes on top of the stack, so it is explored first.
        stack.extend(sorted(children, key=lambda c: c[0], reverse=True))
    return best, "OPTIMAL"


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
