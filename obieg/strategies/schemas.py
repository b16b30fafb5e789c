from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from obieg.strategies import choices


class StrategyUploadIn(Schema):
    """Metadata sent with the files of a multipart upload (form fields)."""

    title: str = Field("", max_length=500, description="used when one file is sent")
    kind: str = Field(
        "other",
        description="smart_city, regional_development, climate_energy, "
        "circular_economy, mobility or other (hyphens allowed)",
    )
    country: str | None = Field(None, description="ISO 3166-1 alpha-2 code, e.g. PL")
    region: str | None = Field(None, description="NUTS 2024 code, e.g. PL21")
    territory_name: str = Field("", max_length=200)
    territory_level: choices.TerritoryLevel = choices.TerritoryLevel.MUNICIPALITY
    organisation_id: int | None = None
    status: choices.StrategyStatus = choices.StrategyStatus.ADOPTED
    adopted_on: dt.date | None = None
    period_start: int | None = Field(None, ge=1990, le=2100)
    period_end: int | None = Field(None, ge=1990, le=2100)
    source_url: str = Field("", max_length=500)
    is_published: bool = False


class StrategyPatch(Schema):
    title: str | None = Field(None, min_length=2, max_length=500)
    title_translations: dict[str, str] | None = None
    kind: str | None = None
    status: choices.StrategyStatus | None = None
    superseded_by_id: int | None = None
    country: str | None = None
    region: str | None = None
    territory_name: str | None = None
    territory_level: choices.TerritoryLevel | None = None
    organisation_id: int | None = None
    adopted_on: dt.date | None = None
    period_start: int | None = Field(None, ge=1990, le=2100)
    period_end: int | None = Field(None, ge=1990, le=2100)
    source_url: str | None = None
    is_published: bool | None = None


class StrategyOut(Schema):
    id: int
    slug: str
    title: str
    title_translations: dict[str, str]
    original_language: str
    kind: str
    status: str
    territory_name: str
    territory_level: str
    country: str | None = Field(None, alias="country_id")
    region: str | None = Field(None, alias="region_id")
    organisation_id: int | None
    adopted_on: dt.date | None
    period_start: int | None
    period_end: int | None
    source_url: str
    languages: list[str]
    is_sample: bool = Field(description="written for the demo, not a real public document")
    is_published: bool
    processing_status: str
    processing_error: str
    run_id: int | None = Field(
        None, alias="last_run_id", description="follow at /api/v1/core/runs/{id}"
    )
    model_version: str
    page_count: int
    passage_count: int
    url: str

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return f"/strategies/{obj.slug}/"


class StrategyFileOut(Schema):
    original_name: str
    sha256: str
    size: int
    document_format: str
    page_count: int


class StrategyDetailOut(StrategyOut):
    superseded_by_id: int | None
    files: list[StrategyFileOut]


class TargetOut(Schema):
    target: str
    text: str
    score: float


class EvidenceOut(Schema):
    passage_id: int
    page: int
    text: str


class GoalOut(Schema):
    goal: int
    name: str
    level: str
    share: float
    passages: int
    strength: float
    top_targets: list[TargetOut]
    evidence: list[EvidenceOut]


class CategoryOut(Schema):
    key: str
    name: str
    share: float
    passages: int


class ScorecardOut(Schema):
    strategy: dict[str, Any]
    goals: list[GoalOut]
    goals_not_addressed: list[int]
    green_deal: list[CategoryOut]
    taxonomy: list[CategoryOut]


class CorrectionOut(Schema):
    id: int
    goals: list[int]
    targets: list[str]
    note: str
    model_version: str
    corrected_by: str | None = Field(None, alias="corrected_by.username")
    created_at: dt.datetime


class PassageOut(Schema):
    id: int
    strategy_id: int
    index: int
    page: int
    text: str
    language: str
    goals: list[int] = Field(description="reviewer's goals when corrected, else the model's")
    targets: list[str]
    green_deal: list[str]
    taxonomy: list[str]
    model_goals: list[int]
    model_targets: dict[str, float]
    evidence: dict[str, list[str]]
    is_corrected: bool

    @staticmethod
    def resolve_green_deal(obj: Any) -> list[str]:
        return str(obj.green_deal_codes).split()

    @staticmethod
    def resolve_taxonomy(obj: Any) -> list[str]:
        return str(obj.taxonomy_codes).split()


class CorrectionIn(Schema):
    goals: list[int] = Field(description="the goals the passage addresses (may be empty)")
    targets: list[str] = Field(default_factory=list, description="SDG target codes, e.g. 7.2")
    note: str = Field("", max_length=500)


class SearchHitOut(Schema):
    passage: PassageOut
    strategy_id: int
    strategy_title: str
    strategy_is_sample: bool
    page: int
    highlighted: str = Field(description="HTML: the passage escaped, matches in <mark>")


class SearchOut(Schema):
    total: int
    page: int
    per_page: int
    strategies: list[StrategyOut]
    results: list[SearchHitOut]


class CompareRowOut(Schema):
    goal: int
    name: str
    cells: list[dict[str, Any]]


class CompareOut(Schema):
    strategies: list[StrategyOut]
    rows: list[CompareRowOut]
    shared: list[int]
    missing: list[int]


class HeatmapOut(Schema):
    areas: list[dict[str, Any]]


class V4Out(Schema):
    total: int
    goal_names: list[str]
    countries: HeatmapOut
    regions: HeatmapOut
    map_values: dict[str, int]


class QueuedOut(Schema):
    queued: int
