from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from obieg.core.errors import NotFoundError
from obieg.core.filters import QueryFilters
from obieg.strategies import choices, classification, search
from obieg.strategies.models import Passage, PassageCorrection, Strategy, StrategyGoal

V4 = ("PL", "CZ", "SK", "HU")
MAX_COMPARE = 6
EXPORT_LIMIT = 1000


def _language() -> str:
    return (get_language() or "en").split("-")[0]


def strategy_list_for_user(*, user: Any) -> QuerySet[Strategy]:
    """Return the strategies a user may read: published ones, plus their own, plus all for
    advisers and managers. The one visibility rule of the app."""
    queryset = Strategy.objects.select_related("country", "region", "organisation")
    if getattr(user, "is_adviser", False):
        return queryset
    if not getattr(user, "is_authenticated", False):
        return queryset.filter(is_published=True)
    mine = Q(is_published=True) | Q(uploaded_by=user)
    if user.organisation_id:
        mine |= Q(organisation_id=user.organisation_id)
    return queryset.filter(mine)


def strategy_get_for_user(*, user: Any, slug: str = "", strategy_id: int | None = None) -> Strategy:
    """Return one strategy the user may read, or raise NotFoundError."""
    queryset = (
        strategy_list_for_user(user=user)
        .select_related("superseded_by", "last_run", "uploaded_by")
        .prefetch_related("files")
    )
    strategy = (
        queryset.filter(pk=strategy_id).first()
        if strategy_id is not None
        else queryset.filter(slug=slug).first()
    )
    if strategy is None:
        raise NotFoundError(
            _("Strategy “%(key)s” does not exist or is not published.")
            % {"key": strategy_id if strategy_id is not None else slug},
            field="id",
        )
    return strategy


@dataclass(frozen=True)
class StrategyFilters(QueryFilters):
    """What the strategy list, the search page and the API filter by."""

    q: str = ""
    country: str = ""
    region: str = ""
    kind: str = ""
    year: str = ""
    goal: str = ""
    target: str = ""
    green_deal: str = ""
    language: str = ""
    status: str = ""

    @property
    def goal_number(self) -> int | None:
        return int(self.goal) if self.goal.isdigit() and 1 <= int(self.goal) <= 17 else None

    @property
    def active(self) -> dict[str, str]:
        return {k: v for k, v in vars(self).items() if v}


def _filter_strategies(
    queryset: QuerySet[Strategy], filters: StrategyFilters
) -> QuerySet[Strategy]:
    if filters.country:
        queryset = queryset.filter(country_id=filters.country.upper())
    if filters.region:
        queryset = queryset.filter(region__code__startswith=filters.region.upper())
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind.replace("-", "_"))
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.year.isdigit():
        year = int(filters.year)
        queryset = queryset.filter(
            Q(period_start__lte=year) | Q(period_start__isnull=True),
            Q(period_end__gte=year) | Q(period_end__isnull=True),
        )
    return queryset


def strategy_list(*, user: Any, filters: StrategyFilters | None = None) -> QuerySet[Strategy]:
    """Return the visible strategies matching the filters, titles matched by `q`."""
    filters = filters or StrategyFilters()
    queryset = _filter_strategies(strategy_list_for_user(user=user), filters)
    for prefix in search.parse_query(filters.q).prefixes:
        queryset = queryset.filter(search_text__contains=prefix)
    if filters.goal_number:
        queryset = queryset.filter(
            pk__in=StrategyGoal.objects.filter(goal=filters.goal_number)
            .exclude(level=choices.GoalLevel.ABSENT)
            .values("strategy_id")
        )
    if filters.green_deal:
        queryset = queryset.filter(categories__key=filters.green_deal)
    if filters.target:
        queryset = queryset.filter(
            pk__in=Passage.objects.filter(target_codes__contains=f" {filters.target} ").values(
                "strategy_id"
            )
        )
    if filters.language:
        queryset = queryset.filter(languages__icontains=f'"{filters.language}"')
    return queryset.order_by("-created_at", "pk")


@dataclass
class PassageHit:
    passage: Passage
    highlighted: SafeString


@dataclass
class SearchResults:
    filters: StrategyFilters
    strategies: list[Strategy]
    hits: list[PassageHit]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def search_strategies(
    *, user: Any, filters: StrategyFilters, page: int = 1, per_page: int = 20
) -> SearchResults:
    """Search titles and passages of the visible strategies, passages ranked and highlighted."""
    parsed = search.parse_query(filters.q)
    visible = _filter_strategies(strategy_list_for_user(user=user), filters)
    sql, params = visible.order_by().values("id").query.sql_with_params()
    conditions = search.PassageConditions(
        strategies_sql=sql,
        strategies_params=params,
        goal=filters.goal_number,
        target=filters.target,
        green_deal=filters.green_deal,
        language=filters.language,
    )
    page = max(page, 1)
    ids, total = search.search_passages(
        parsed, conditions, limit=per_page, offset=(page - 1) * per_page
    )
    rows = Passage.objects.select_related("strategy", "strategy__country").in_bulk(ids)
    hits = [PassageHit(rows[i], search.highlight(rows[i].text, parsed.prefixes)) for i in ids]
    titles = list(strategy_list(user=user, filters=filters)[:10]) if parsed and page == 1 else []
    return SearchResults(filters, titles, hits, total, page, per_page)


@dataclass
class TargetRow:
    code: str
    text: str
    score: float


@dataclass
class GoalRow:
    goal: int
    name: str
    share: float
    passages: int
    strength: float
    level: str
    level_label: str
    targets: list[TargetRow] = field(default_factory=list)
    evidence: list[Passage] = field(default_factory=list)


@dataclass
class Scorecard:
    strategy: Strategy
    goals: list[GoalRow]
    green_deal: list[Any]
    taxonomy: list[Any]

    @property
    def addressed(self) -> list[GoalRow]:
        ranked = [g for g in self.goals if g.level != choices.GoalLevel.ABSENT]
        return sorted(ranked, key=lambda g: (-g.share, -g.strength, g.goal))

    @property
    def not_addressed(self) -> list[GoalRow]:
        return [g for g in self.goals if g.level == choices.GoalLevel.ABSENT]


def _goal_rows(strategies: list[Strategy]) -> dict[int, dict[int, StrategyGoal]]:
    rows: dict[int, dict[int, StrategyGoal]] = defaultdict(dict)
    for row in StrategyGoal.objects.filter(strategy__in=strategies):
        rows[row.strategy_id][row.goal] = row
    return rows


def scorecard(*, strategy: Strategy) -> Scorecard:
    """Return the strategy's 17-goal profile, top targets with evidence, and EU categories."""
    language = _language()
    texts = classification.target_texts(language)
    profile = _goal_rows([strategy]).get(strategy.pk, {})
    wanted = {i for row in profile.values() for i in row.evidence_passages}
    passages = {p.index: p for p in strategy.passages.filter(index__in=wanted)}
    levels = dict(choices.GoalLevel.choices)
    goals = []
    for number in range(1, 18):
        row = profile.get(number)
        level = row.level if row else choices.GoalLevel.ABSENT
        goals.append(
            GoalRow(
                goal=number,
                name=classification.goal_name(number, language),
                share=row.share if row else 0.0,
                passages=row.passages if row else 0,
                strength=row.strength if row else 0.0,
                level=level,
                level_label=str(levels[level]),
                targets=[
                    TargetRow(t["target"], texts.get(t["target"], ""), t["score"])
                    for t in (row.top_targets if row else [])
                ],
                evidence=[
                    passages[i] for i in (row.evidence_passages if row else []) if i in passages
                ],
            )
        )
    categories = list(strategy.categories.all())
    return Scorecard(
        strategy=strategy,
        goals=goals,
        green_deal=[c for c in categories if c.scheme == choices.CategoryScheme.GREEN_DEAL],
        taxonomy=[c for c in categories if c.scheme == choices.CategoryScheme.TAXONOMY],
    )


@dataclass
class Comparison:
    strategies: list[Strategy]
    rows: list[dict[str, Any]]
    shared: list[int]
    missing: list[int]


def compare(*, user: Any, ids: list[int]) -> Comparison:
    """Set two to six visible strategies side by side by goal."""
    from obieg.core.errors import ApplicationError

    unique_ids = list(dict.fromkeys(ids))
    if not 2 <= len(unique_ids) <= MAX_COMPARE:
        raise ApplicationError(
            _("Choose between two and six strategies to compare."), field="ids", status=422
        )
    found = strategy_list_for_user(user=user).in_bulk(unique_ids)
    missing_ids = [i for i in unique_ids if i not in found]
    if missing_ids:
        raise NotFoundError(_("Strategy %(id)s does not exist.") % {"id": missing_ids[0]})
    strategies = [found[i] for i in unique_ids]
    profile = _goal_rows(strategies)
    language = _language()
    rows: list[dict[str, Any]] = []
    for number in range(1, 18):
        cells = [profile.get(s.pk, {}).get(number) for s in strategies]
        rows.append(
            {
                "goal": number,
                "name": classification.goal_name(number, language),
                "cells": [
                    {"share": c.share if c else 0.0, "level": c.level if c else "absent"}
                    for c in cells
                ],
            }
        )
    addressed = {row["goal"]: [cell["level"] != "absent" for cell in row["cells"]] for row in rows}
    return Comparison(
        strategies=strategies,
        rows=rows,
        shared=[goal for goal, flags in addressed.items() if all(flags)],
        missing=[goal for goal, flags in addressed.items() if not any(flags)],
    )


@dataclass
class Heatmap:
    """Share of strategies per area (country or region) that address each goal."""

    areas: list[tuple[str, str, int]]
    cells: dict[str, list[float]]


def _coverage(
    queryset: QuerySet[Strategy], area_of: dict[int, str], names: dict[str, str]
) -> Heatmap:
    counts: dict[str, int] = defaultdict(int)
    for code in area_of.values():
        counts[code] += 1
    cells = {area: [0.0] * 17 for area in counts}
    rows = StrategyGoal.objects.filter(strategy__in=queryset).exclude(
        level=choices.GoalLevel.ABSENT
    )
    for strategy_id, goal in rows.values_list("strategy_id", "goal"):
        area = area_of.get(strategy_id)
        if area is not None:
            cells[area][goal - 1] += 1 / counts[area]
    rounded = {area: [round(v, 3) for v in values] for area, values in cells.items()}
    return Heatmap(
        [(code, names.get(code, code), counts[code]) for code in sorted(counts)], rounded
    )


def v4_overview(*, user: Any) -> dict[str, Any]:
    """Heatmaps of SDG coverage by V4 country and by NUTS 2 region, and strategies per region."""
    from obieg.directory.models import Country, NutsRegion

    queryset = strategy_list_for_user(user=user).filter(
        country_id__in=V4, processing_status=choices.ProcessingStatus.READY
    )
    rows = list(queryset.values_list("pk", "country_id", "region_id"))
    # Regions are counted at NUTS 2: a strategy of a NUTS 3 area counts for its NUTS 2 parent.
    by_country = {pk: country for pk, country, _region in rows}
    by_region = {pk: region[:4] for pk, _country, region in rows if region}
    countries = {c.code: c.name for c in Country.objects.filter(code__in=V4)}
    regions = dict(
        NutsRegion.objects.filter(code__in=set(by_region.values())).values_list("code", "name")
    )
    map_values: dict[str, int] = defaultdict(int)
    for code in by_region.values():
        map_values[code] += 1
    return {
        "countries": _coverage(queryset, by_country, countries),
        "regions": _coverage(queryset, by_region, regions),
        "map_values": dict(map_values),
        "goal_names": [classification.goal_name(g, _language()) for g in range(1, 18)],
        "total": len(rows),
    }


def passage_list(
    *, strategy: Strategy, goal: int | None = None, reviewed: bool | None = None
) -> QuerySet[Passage]:
    """Return a strategy's passages in reading order with their corrections, optionally only
    those addressing a goal, or only those (not) reviewed yet."""
    queryset = strategy.passages.order_by("index").prefetch_related("corrections__corrected_by")
    if goal:
        queryset = queryset.filter(goal_codes__contains=f" {goal} ")
    if reviewed is not None:
        queryset = queryset.filter(is_corrected=reviewed)
    return queryset


def passage_get_for_user(*, user: Any, passage_id: int) -> Passage:
    """Return one passage of a strategy the user may read."""
    passage = (
        Passage.objects.select_related("strategy")
        .filter(pk=passage_id, strategy__in=strategy_list_for_user(user=user))
        .first()
    )
    if passage is None:
        raise NotFoundError(_("Passage %(id)s does not exist.") % {"id": passage_id}, field="id")
    return passage


def correction_list(*, user: Any) -> QuerySet[PassageCorrection]:
    """Return reviewer corrections of visible strategies, newest first (training data)."""
    return PassageCorrection.objects.select_related(
        "passage", "passage__strategy", "corrected_by"
    ).filter(passage__strategy__in=strategy_list_for_user(user=user))


def strategies_overview(*, user: Any) -> dict[str, int]:
    """Headline counts for the portal's start page."""
    queryset = strategy_list_for_user(user=user)
    return {
        "strategies": queryset.count(),
        "countries": queryset.exclude(country__isnull=True).values("country").distinct().count(),
        "passages": Passage.objects.filter(strategy__in=queryset).count(),
    }


def scorecard_data(*, card: Scorecard) -> dict[str, Any]:
    """Return a scorecard as JSON-ready data (the download and the API share it)."""
    strategy = card.strategy
    return {
        "strategy": {
            "id": strategy.pk,
            "slug": strategy.slug,
            "title": strategy.title,
            "is_sample": strategy.is_sample,
            "model_version": strategy.model_version,
        },
        "goals": [
            {
                "goal": g.goal,
                "name": g.name,
                "level": g.level,
                "share": g.share,
                "passages": g.passages,
                "strength": g.strength,
                "top_targets": [
                    {"target": t.code, "text": t.text, "score": t.score} for t in g.targets
                ],
                "evidence": [
                    {"passage_id": p.pk, "page": p.page, "text": p.text} for p in g.evidence
                ],
            }
            for g in card.goals
        ],
        "goals_not_addressed": [g.goal for g in card.not_addressed],
        "green_deal": [
            {"key": c.key, "name": c.name, "share": c.share, "passages": c.passages}
            for c in card.green_deal
        ],
        "taxonomy": [
            {"key": c.key, "name": c.name, "share": c.share, "passages": c.passages}
            for c in card.taxonomy
        ],
    }


def dump_querysets(
    *, user: Any
) -> tuple[QuerySet[Strategy], QuerySet[Passage], QuerySet[PassageCorrection]]:
    """Return everything visible to the user for the researchers' dump."""
    strategies = strategy_list_for_user(user=user).prefetch_related("goal_profile")
    passages = Passage.objects.filter(strategy__in=strategies).order_by("strategy_id", "index")
    return strategies, passages.iterator(chunk_size=2000), correction_list(user=user)  # type: ignore[return-value]


def outdated_count() -> int:
    """Count ready strategies labelled by another model than the current one."""
    from obieg.strategies.services import outdated_strategies

    return outdated_strategies().count()
