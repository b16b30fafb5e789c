"""Translate projects and instruments between the database and the funding-rules core."""

from __future__ import annotations

import datetime as dt
import logging
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from obieg.pipeline import choices
from obieg.pipeline.alignment import alignment_themes
from obieg.pipeline.funding_rules import (
    Barrier,
    Call,
    CompiledInstruments,
    FundingInstrument,
    FundingProject,
    FundingStack,
    InstrumentMatch,
    compile_instruments,
    derive_barriers,
    match_projects,
    propose_stack,
)
from obieg.pipeline.models import FundingCall, InvestmentProject
from obieg.pipeline.models import FundingInstrument as InstrumentRow

log = logging.getLogger(__name__)

# The pipeline's stages on the matcher's stage ladder. On hold and dropped projects are
# matched as if still being structured, so an adviser can see what would open up again.
CORE_STAGE: dict[str, str] = {
    choices.Stage.IDEA: "idea",
    choices.Stage.SCREENING: "feasibility",
    choices.Stage.STRUCTURING: "structuring",
    choices.Stage.INVESTMENT_READY: "investment_ready",
    choices.Stage.FINANCING: "investment_ready",
    choices.Stage.FINANCED: "implementation",
    choices.Stage.IMPLEMENTED: "operation",
    choices.Stage.ON_HOLD: "structuring",
    choices.Stage.DROPPED: "structuring",
}
# Directory kinds of organisation on the matcher's coarser list.
CORE_ORG_KIND: dict[str, str] = {
    "company": "company",
    "university": "research",
    "research": "research",
    "municipality": "municipality",
    "region": "public_body",
    "public_body": "public_body",
    "cluster": "cluster",
    "ngo": "ngo",
    "investor": "company",
    "agency": "public_body",
}


@dataclass(frozen=True)
class ProjectFunding:
    """Matches (eligible first), the proposed stack and the barriers of one project."""

    matches: tuple[InstrumentMatch, ...]
    stack: FundingStack | None
    barriers: tuple[Barrier, ...]
    rows: dict[str, InstrumentRow]
    missing_reason: str = ""


def instrument_dataclass(row: InstrumentRow, calls: Iterable[FundingCall]) -> FundingInstrument:
    """Return the core's view of one instrument row."""
    return FundingInstrument(
        id=row.key,
        programme=row.programme,
        managing_body=row.managing_body,
        instrument_type=row.instrument_type,
        countries=frozenset(row.countries),
        nuts_prefixes=tuple(row.nuts_prefixes),
        org_kinds=frozenset(row.org_kinds),
        org_sizes=frozenset(row.org_sizes),
        trl_min=row.trl_min,
        trl_max=row.trl_max,
        ticket_min_eur=float(row.ticket_min_eur),
        ticket_max_eur=math.inf if row.ticket_max_eur is None else float(row.ticket_max_eur),
        max_cofinancing_rate=float(row.max_cofinancing_rate),
        themes=frozenset(row.themes),
        stages=frozenset(row.stages),
        calls=tuple(
            Call(c.identifier, c.title, tuple(dt.date.fromisoformat(d) for d in c.deadlines), c.url)
            for c in calls
        ),
        verified=row.verified,
        note=row.note,
    )


def project_dataclass(project: InvestmentProject) -> FundingProject:
    """Return the core's view of a project (the caller checks that budget_eur is known)."""
    promoter = project.promoter
    return FundingProject(
        id=str(project.pk),
        country=project.country_id,
        budget_eur=float(project.budget_eur or 0),
        nuts=project.region_id or "",
        org_kind=CORE_ORG_KIND.get(promoter.kind, "company"),
        org_size=promoter.size_class or "",
        trl=project.trl,
        stage=CORE_STAGE[project.stage],
        themes=alignment_themes(project.alignment),
        r_strategy=project.r_strategy or None,
        needed_cofinancing_rate=float(project.needed_cofinancing_rate),
    )


def load_instruments(
    *, today: dt.date | None = None
) -> tuple[CompiledInstruments, dict[str, InstrumentRow]]:
    """Compile the active instruments of the database for matching on `today`."""
    rows = list(
        InstrumentRow.objects.filter(is_active=True).prefetch_related(
            Prefetch("calls", queryset=FundingCall.objects.order_by("identifier"))
        )
    )
    instruments = []
    for row in rows:
        try:
            instruments.append(instrument_dataclass(row, row.calls.all()))
        except ValueError as exc:
            # Rows are validated on save; one edited around that must not break every match.
            log.warning("funding instrument %s skipped: %s", row.key, exc)
    compiled = compile_instruments(instruments, today=today or timezone.localdate())
    return compiled, {row.key: row for row in rows}


def project_funding(
    project: InvestmentProject,
    compiled: tuple[CompiledInstruments, dict[str, InstrumentRow]] | None = None,
) -> ProjectFunding:
    """Rank every instrument for a project, propose a stack and derive barriers."""
    instruments, rows = compiled or load_instruments()
    if project.budget_eur is None:
        reason = _(
            "no exchange rate for %(currency)s is stored, so the budget has no euro value"
        ) % {"currency": project.currency}
        return ProjectFunding((), None, (), rows, missing_reason=reason)
    core = project_dataclass(project)
    matrix = match_projects([core], instruments)
    matches = tuple(matrix.ranking(0, include_excluded=True))
    stack = propose_stack(core, matches, own_share=float(project.own_share))
    barriers = tuple(derive_barriers(core, matches, stack))
    return ProjectFunding(matches, stack, barriers, rows)


def eligible_projects(
    instrument: InstrumentRow, projects: Sequence[InvestmentProject]
) -> list[tuple[InvestmentProject, float]]:
    """Return the given projects eligible for one instrument, best fit first."""
    priced = [p for p in projects if p.budget_eur is not None]
    if not priced:
        return []
    compiled = compile_instruments(
        [instrument_dataclass(instrument, instrument.calls.all())], today=timezone.localdate()
    )
    matrix = match_projects([project_dataclass(p) for p in priced], compiled)
    by_id = {str(p.pk): p for p in priced}
    return [(by_id[core.id], fit) for core, fit in matrix.eligible_projects(0)]
