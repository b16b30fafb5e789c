"""The policy-feedback report: barriers met by projects, aggregated for policy makers.

Barriers are confidential facts of a project, so the report counts only the projects the
reader sees in full; cluster managers see all and publish the report. No project is named in
it: only counts, capital and shares.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Sum
from django.utils import timezone

from obieg.directory.models import Country
from obieg.pipeline import choices
from obieg.pipeline.models import Barrier, InvestmentProject
from obieg.pipeline.selectors.portfolio import full_scope
from obieg.pipeline.selectors.projects import ProjectFilters


@dataclass(frozen=True)
class BarrierRow:
    """How many projects meet one barrier, and how much investment they carry."""

    code: str
    label: str
    projects: int
    capital_eur: float
    share: float  # of the projects in the report
    recorded_by_advisers: int


@dataclass(frozen=True)
class PolicyReport:
    generated_at: Any
    projects: int
    projects_with_barriers: int
    capital_eur: float
    blocked_capital_eur: float
    barriers: list[BarrierRow]
    by_country: list[tuple[str, str, int]]  # (code, name, projects with barriers)
    by_stage: list[tuple[str, str, int]]
    messages: dict[str, list[str]]  # a few anonymous examples per barrier


def policy_report(*, user: Any, filters: ProjectFilters | None = None) -> PolicyReport:
    """Aggregate the barriers of the projects the user sees in full."""
    scope = full_scope(user, filters or ProjectFilters())
    projects = InvestmentProject.objects.all() if scope is None else scope
    barriers = Barrier.objects.filter(project__in=projects)
    totals = projects.aggregate(n=Count("pk"), capital=Sum("budget_eur"))
    blocked = InvestmentProject.objects.filter(pk__in=barriers.values("project_id"))
    count = totals["n"] or 0
    return PolicyReport(
        generated_at=timezone.now(),
        projects=count,
        projects_with_barriers=blocked.count(),
        capital_eur=float(totals["capital"] or 0),
        blocked_capital_eur=float(blocked.aggregate(c=Sum("budget_eur"))["c"] or 0),
        barriers=_barrier_rows(barriers, count),
        by_country=_by(blocked, "country_id", {c.code: c.name for c in Country.objects.all()}),
        by_stage=_by(blocked, "stage", {k: str(v) for k, v in choices.Stage.choices}),
        messages=_examples(barriers),
    )


def _barrier_rows(barriers: Any, total: int) -> list[BarrierRow]:
    labels = dict(choices.BarrierCode.choices)
    rows = []
    for code in barriers.values_list("code", flat=True).distinct().order_by("code"):
        of_code = barriers.filter(code=code)
        projects = InvestmentProject.objects.filter(pk__in=of_code.values("project_id"))
        figures = projects.aggregate(n=Count("pk"), capital=Sum("budget_eur"))
        rows.append(
            BarrierRow(
                code=code,
                label=str(labels.get(code, code)),
                projects=figures["n"],
                capital_eur=float(figures["capital"] or 0),
                share=figures["n"] / total if total else 0.0,
                recorded_by_advisers=of_code.filter(source=choices.BarrierSource.ADVISER).count(),
            )
        )
    return sorted(rows, key=lambda r: (-r.projects, r.code))


def _by(projects: Any, column: str, names: dict[str, str]) -> list[tuple[str, str, int]]:
    rows = projects.values(column).annotate(n=Count("pk")).order_by("-n", column)[:15]
    return [(r[column], names.get(r[column], r[column]), r["n"]) for r in rows]


def _examples(barriers: Any) -> dict[str, list[str]]:
    # Matcher messages name instruments and amounts, never the project: safe to quote.
    out: dict[str, list[str]] = {}
    rows = barriers.filter(source=choices.BarrierSource.MATCHER).values_list("code", "message")
    for code, message in rows[:2000]:
        examples = out.setdefault(code, [])
        if message and message not in examples and len(examples) < 3:
            examples.append(message)
    return out
