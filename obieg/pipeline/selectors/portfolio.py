"""The portfolio dashboard: counts and capital by dimension, time in stage, conversion.

Counts and capital use teaser fields (stage, place, sector, R-strategy, budget) of the projects
the user may see; time in stage, conversion and funding by instrument use confidential rows
(history, stack), so they count only the projects the user sees in full. No chart can count a
project, or a confidential fact of one, that its reader may not know about.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet, Sum
from django.db.models.functions import Substr

from obieg.directory.models import Country, NaceActivity
from obieg.pipeline import choices
from obieg.pipeline.models import InvestmentProject, StackItem, StageChange
from obieg.pipeline.selectors.projects import (
    ProjectFilters,
    project_ids_for_user,
    project_list_full_for_user,
)

TOP = 12


@dataclass(frozen=True)
class Slice:
    """One bar of a breakdown: how many projects and how much capital (EUR)."""

    key: str
    label: str
    count: int
    capital_eur: float


@dataclass(frozen=True)
class StageTime:
    stage: str
    label: str
    projects: int
    average_days: float


@dataclass(frozen=True)
class Conversion:
    from_stage: str
    to_stage: str
    reached_from: int
    reached_to: int

    @property
    def rate(self) -> float | None:
        return self.reached_to / self.reached_from if self.reached_from else None


@dataclass(frozen=True)
class Portfolio:
    projects: int
    capital_eur: float
    unpriced: int
    by_stage: list[Slice]
    by_country: list[Slice]
    by_sector: list[Slice]
    by_strategy: list[Slice]
    by_instrument: list[Slice]
    time_in_stage: list[StageTime]
    conversion: list[Conversion]


def _visible(user: Any, filters: ProjectFilters) -> QuerySet[InvestmentProject]:
    if _sees_all(user, filters):
        return InvestmentProject.objects.all()
    return InvestmentProject.objects.filter(pk__in=project_ids_for_user(user=user, filters=filters))


def full_scope(user: Any, filters: ProjectFilters) -> QuerySet[InvestmentProject] | None:
    """The projects whose confidential side (history, stack, barriers) the user may count;
    None means every project (an unfiltered manager)."""
    if _sees_all(user, filters):
        return None
    full = project_list_full_for_user(user=user, filters=filters).order_by()
    return InvestmentProject.objects.filter(pk__in=full.values("pk"))


def _sees_all(user: Any, filters: ProjectFilters) -> bool:
    return bool(getattr(user, "is_manager", False)) and not filters.active()


def _of(queryset: QuerySet[Any], projects: QuerySet[InvestmentProject] | None) -> QuerySet[Any]:
    # A manager's unfiltered dashboard skips the IN (…) over every project id.
    return queryset if projects is None else queryset.filter(project__in=projects)


def _grouped(queryset: QuerySet[Any], column: str) -> list[dict[str, Any]]:
    rows = queryset.values(column).annotate(n=Count("pk"), capital=Sum("budget_eur"))
    return sorted(rows, key=lambda r: (-r["n"], str(r[column])))


def _slices(rows: list[dict[str, Any]], column: str, labels: dict[str, str]) -> list[Slice]:
    return [
        Slice(
            str(r[column] or ""),
            labels.get(r[column] or "", r[column] or "—"),
            r["n"],
            float(r["capital"] or 0),
        )
        for r in rows[:TOP]
    ]


def portfolio(*, user: Any, filters: ProjectFilters | None = None) -> Portfolio:
    """Return the dashboard figures: teaser fields over the projects the user may see, stage
    history and funding over those the user sees in full."""
    filters = filters or ProjectFilters()
    projects = _visible(user, filters)
    scope = full_scope(user, filters)
    totals = projects.aggregate(
        n=Count("pk"), capital=Sum("budget_eur"), unpriced=Count("pk", filter=Q(budget_eur=None))
    )
    stage_rows = {r["stage"]: r for r in _grouped(projects, "stage")}
    countries = _grouped(projects, "country_id")
    sectors = _grouped(projects.annotate(division=Substr("sector_id", 1, 2)), "division")
    return Portfolio(
        projects=totals["n"],
        capital_eur=float(totals["capital"] or 0),
        unpriced=totals["unpriced"],
        by_stage=[
            Slice(
                value,
                str(label),
                stage_rows.get(value, {}).get("n", 0),
                float(stage_rows.get(value, {}).get("capital") or 0),
            )
            for value, label in choices.Stage.choices
        ],
        by_country=_slices(countries, "country_id", _country_names(countries)),
        by_sector=_slices(sectors, "division", _sector_names(sectors)),
        by_strategy=_slices(
            _grouped(projects, "r_strategy"),
            "r_strategy",
            {k: str(v) for k, v in choices.RStrategy.choices},
        ),
        by_instrument=_by_instrument(scope),
        time_in_stage=_time_in_stage(scope),
        conversion=_conversion(projects if scope is None else scope),
    )


def _country_names(rows: list[dict[str, Any]]) -> dict[str, str]:
    codes = [r["country_id"] for r in rows[:TOP]]
    return {c.code: c.name for c in Country.objects.filter(code__in=codes)}


def _sector_names(rows: list[dict[str, Any]]) -> dict[str, str]:
    codes = [r["division"] for r in rows[:TOP] if r["division"]]
    return {n.code: f"{n.code} {n.name}"[:40] for n in NaceActivity.objects.filter(code__in=codes)}


def _by_instrument(projects: QuerySet[InvestmentProject] | None) -> list[Slice]:
    rows = (
        _of(StackItem.objects.all(), projects)
        .values("instrument__programme", "instrument__instrument_type")
        .annotate(n=Count("project", distinct=True), capital=Sum("amount_eur"))
        .order_by("-capital")[:TOP]
    )
    return [
        Slice(
            f"{r['instrument__programme']}:{r['instrument__instrument_type']}",
            f"{r['instrument__programme'][:24]} ({r['instrument__instrument_type']})",
            r["n"],
            float(r["capital"] or 0),
        )
        for r in rows
    ]


def _time_in_stage(projects: QuerySet[InvestmentProject] | None) -> list[StageTime]:
    """Average length of the completed stays in each stage (a stay still open is not over)."""
    rows = {
        r["to_stage"]: r
        for r in _of(StageChange.objects.filter(seconds_in_stage__isnull=False), projects)
        .values("to_stage")
        .annotate(n=Count("project", distinct=True), seconds=Avg("seconds_in_stage"))
    }
    return [
        StageTime(value, str(label), rows[value]["n"], rows[value]["seconds"] / 86400)
        for value, label in choices.Stage.choices
        if value in rows
    ]


def _conversion(projects: QuerySet[InvestmentProject]) -> list[Conversion]:
    """Of the projects that reached a funnel stage (or beyond), how many went further."""
    furthest = dict(
        projects.values("furthest_stage").annotate(n=Count("pk")).values_list("furthest_stage", "n")
    )
    funnel = choices.FUNNEL
    reached = [sum(n for k, n in furthest.items() if k >= index) for index in range(len(funnel))]
    return [
        Conversion(funnel[k], funnel[k + 1], reached[k], reached[k + 1])
        for k in range(len(funnel) - 1)
    ]
