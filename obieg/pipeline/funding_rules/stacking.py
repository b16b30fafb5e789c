"""Funding stacks and policy-feedback barriers built from match results."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from obieg.pipeline.funding_rules.engine import RULE_BIT
from obieg.pipeline.funding_rules.matching import MatchMatrix
from obieg.pipeline.funding_rules.model import (
    CASH_TYPES,
    Barrier,
    FundingProject,
    FundingStack,
    InstrumentMatch,
    StackItem,
)

# Amounts below one cent are rounding, not a gap.
_CENT = 0.005

# Rules whose near misses are barriers worth reporting, with the barrier code they feed.
BARRIER_OF_RULE: dict[str, str] = {
    "ticket_below_minimum": "ticket_below_minimum",
    "cofinancing_too_low": "cofinancing_too_low",
    "trl_out_of_range": "trl_gap",
    "org_kind_not_eligible": "org_kind_not_eligible",
    "org_size_not_eligible": "org_size_not_eligible",
    "deadline_passed": "no_open_call",
}


def propose_stack(
    project: FundingProject,
    matches: Sequence[InstrumentMatch],
    *,
    own_share: float = 0.0,
    max_instruments: int = 4,
) -> FundingStack:
    """Greedily stack eligible cash instruments by fit until the budget is covered.

    Rule: take eligible grant/loan/equity/blended instruments in order of fit (ties: higher
    co-financing cap, then id); give each min(remaining need, cap x budget, ticket maximum);
    skip one whose amount would fall below its ticket minimum. The promoter keeps `own_share`.
    """
    budget = project.budget_eur
    remaining = budget * (1.0 - own_share)
    items: list[StackItem] = []
    skipped: list[tuple[str, str]] = []
    for match in _cash_candidates(matches):
        inst = match.instrument
        if remaining <= _CENT or len(items) >= max_instruments:
            break
        amount = min(remaining, budget * inst.max_cofinancing_rate, inst.ticket_max_eur)
        if amount < inst.ticket_min_eur:
            skipped.append((inst.id, "the remaining need is below its minimum ticket"))
            continue
        items.append(StackItem(inst, amount, amount / budget if budget else 0.0))
        remaining -= amount
    supporting = tuple(
        m.instrument
        for m in matches
        if m.eligible and m.instrument.instrument_type not in CASH_TYPES
    )
    return FundingStack(
        project_id=project.id,
        budget_eur=budget,
        items=tuple(items),
        own_contribution_eur=budget * own_share,
        gap_eur=max(remaining, 0.0) if remaining > _CENT else 0.0,
        supporting=supporting,
        skipped=tuple(skipped),
    )


def derive_barriers(
    project: FundingProject,
    matches: Sequence[InstrumentMatch],
    stack: FundingStack | None = None,
) -> list[Barrier]:
    """Turn near misses (one failed rule) and an uncovered gap into barrier records."""
    barriers = []
    for rule, code in BARRIER_OF_RULE.items():
        near = [m for m in matches if [f.code for f in m.failures] == [rule]]
        if near:
            ids = tuple(m.instrument.id for m in near)
            message = f"{len(near)} instrument(s) fail only on this: {near[0].failures[0].reason}"
            barriers.append(Barrier(project.id, code, message, ids))
    geographic = {"country_not_eligible", "region_not_eligible"}
    if matches and all(geographic & {f.code for f in m.failures} for m in matches):
        message = f"no instrument is open to {project.nuts or project.country}"
        barriers.append(Barrier(project.id, "no_instrument_for_region", message))
    if not any(m.eligible for m in matches):
        barriers.append(Barrier(project.id, "no_eligible_instrument", "no instrument is eligible"))
    if stack is not None and stack.gap_eur > 0:
        message = f"EUR {stack.gap_eur:,.0f} of the budget is not covered by the proposed stack"
        barriers.append(Barrier(project.id, "funding_gap_uncovered", message))
    return barriers


def barrier_counts(matrix: MatchMatrix) -> dict[str, int]:
    """Count projects with at least one near miss per barrier code, over a whole batch."""
    counts: dict[str, int] = {}
    for rule, code in BARRIER_OF_RULE.items():
        near = (matrix.failures == RULE_BIT[rule]).any(axis=1)
        counts[code] = int(np.count_nonzero(near))
    geographic = RULE_BIT["country_not_eligible"] | RULE_BIT["region_not_eligible"]
    blocked = ((matrix.failures & geographic) != 0).all(axis=1) if len(matrix.compiled) else []
    counts["no_instrument_for_region"] = int(np.count_nonzero(blocked))
    counts["no_eligible_instrument"] = int(np.count_nonzero(~matrix.eligible.any(axis=1)))
    return counts


def _cash_candidates(matches: Sequence[InstrumentMatch]) -> list[InstrumentMatch]:
    cash = [m for m in matches if m.eligible and m.instrument.instrument_type in CASH_TYPES]
    return sorted(
        cash,
        key=lambda m: (-m.fit.total, -m.instrument.max_cofinancing_rate, m.instrument.id),
    )
