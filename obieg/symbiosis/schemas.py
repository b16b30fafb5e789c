from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from obieg.symbiosis import choices

Translations = dict[str, str]


def _shown(obj: Any, context: Any, attr: str) -> Any:
    """Masked value for the caller: present() the stream once per request's viewer."""
    if not hasattr(obj, "identity_hidden"):
        from obieg.symbiosis.selectors import StreamViewer

        request = context["request"]
        viewer = getattr(request, "_symbiosis_viewer", None)
        if viewer is None:
            viewer = StreamViewer.of(request.user)
            request._symbiosis_viewer = viewer
        viewer.present(obj)
    return getattr(obj, attr)


class StreamIn(Schema):
    kind: choices.StreamKind
    category: choices.StreamCategory
    title: str = Field(min_length=2, max_length=200)
    description: Translations = Field(default_factory=dict, description="{language: text}")
    original_language: str = "en"
    ewc_code: str = Field("", description="6-digit code of the European List of Waste")
    nace_code: str = Field("", max_length=8)
    cpa_code: str = Field("", max_length=12)
    quantity: float = Field(ge=0)
    unit: choices.Unit
    frequency: choices.Frequency = choices.Frequency.YEAR
    quality: str = Field("", max_length=500)
    available_from: dt.date | None = None
    available_until: dt.date | None = None
    address: str = Field("", max_length=300)
    city: str = Field("", max_length=120)
    country: str = Field(min_length=2, max_length=2, description="ISO 3166-1 alpha-2")
    region: str | None = Field(
        None, description="NUTS 2024 code; locates the stream when lat/lon are not given"
    )
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    accepted_codes: list[str] = Field(
        default_factory=list, description="needs: 6-digit codes or 4-/2-digit prefixes"
    )
    treatments: list[str] = Field(default_factory=list, description="R/D codes, e.g. R5")
    accepts_hazardous: bool = False
    max_distance_km: float | None = Field(None, ge=0, description="required for needs")
    visibility: choices.Visibility = choices.Visibility.PUBLIC
    organisation_id: int | None = Field(
        None, description="managers only; members publish for their own organisation"
    )


class StreamPatch(Schema):
    category: choices.StreamCategory | None = None
    title: str | None = Field(None, min_length=2, max_length=200)
    description: Translations | None = None
    original_language: str | None = None
    ewc_code: str | None = None
    nace_code: str | None = None
    cpa_code: str | None = None
    quantity: float | None = Field(None, ge=0)
    unit: choices.Unit | None = None
    frequency: choices.Frequency | None = None
    quality: str | None = None
    available_from: dt.date | None = None
    available_until: dt.date | None = None
    address: str | None = None
    city: str | None = None
    country: str | None = Field(None, min_length=2, max_length=2)
    region: str | None = None
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    accepted_codes: list[str] | None = None
    treatments: list[str] | None = None
    accepts_hazardous: bool | None = None
    max_distance_km: float | None = Field(None, ge=0)
    visibility: choices.Visibility | None = None
    status: choices.StreamStatus | None = None


class OrganisationRef(Schema):
    id: int
    name: str
    slug: str


class StreamOut(Schema):
    id: int
    kind: str
    category: str
    title: str
    description: Translations
    original_language: str
    ewc_code: str
    hazardous: bool
    nace_code: str
    cpa_code: str
    quantity: float
    unit: str
    frequency: str
    annual_quantity: float
    basis: str
    quality: str
    available_from: dt.date | None
    available_until: dt.date | None
    organisation: OrganisationRef | None = Field(
        None, description="null while an anonymous listing's identity is not revealed to you"
    )
    address: str = Field("", description="empty while the identity is hidden")
    city: str = Field("", description="empty while the identity is hidden")
    country: str = Field(alias="country_id")
    region: str | None = Field(None, alias="region_id")
    lat: float = Field(description="rounded to 0.1° while the identity is hidden")
    lon: float
    location_precision: str
    accepted_codes: list[str]
    treatments: list[str]
    accepts_hazardous: bool
    max_distance_km: float | None
    visibility: str
    status: str
    is_sample: bool
    identity_hidden: bool
    created_at: dt.datetime

    @staticmethod
    def resolve_organisation(obj: Any, context: Any) -> Any:
        return _shown(obj, context, "shown_organisation")

    @staticmethod
    def resolve_address(obj: Any, context: Any) -> str:
        return str(_shown(obj, context, "shown_address"))

    @staticmethod
    def resolve_city(obj: Any, context: Any) -> str:
        return str(_shown(obj, context, "shown_city"))

    @staticmethod
    def resolve_lat(obj: Any, context: Any) -> float:
        return float(_shown(obj, context, "shown_lat"))

    @staticmethod
    def resolve_lon(obj: Any, context: Any) -> float:
        return float(_shown(obj, context, "shown_lon"))

    @staticmethod
    def resolve_identity_hidden(obj: Any, context: Any) -> bool:
        return bool(_shown(obj, context, "identity_hidden"))


class ScoreComponentOut(Schema):
    name: str
    value: float
    weight: float
    reason: str


class MatchOut(Schema):
    id: int
    offer: StreamOut
    need: StreamOut
    status: str
    score: float
    components: list[ScoreComponentOut]
    distance_km: float
    basis: str
    potential_quantity: float
    allocated_quantity: float
    tonnes_diverted: float
    co2e_avoided_kg: float
    money_saved_eur: float
    savings_detail: dict[str, Any]
    offer_consented: bool
    need_consented: bool
    matching_run_id: int | None
    created_at: dt.datetime

    @staticmethod
    def resolve_offer_consented(obj: Any) -> bool:
        return obj.offer_consented_at is not None

    @staticmethod
    def resolve_need_consented(obj: Any) -> bool:
        return obj.need_consented_at is not None


class TransitionOut(Schema):
    from_status: str
    to_status: str
    note: str
    created_at: dt.datetime


class ExchangeIn(Schema):
    period_start: dt.date
    period_end: dt.date
    quantity: float = Field(ge=0)
    unit: choices.Unit
    note: str = Field("", max_length=500)


class ExchangeOut(Schema):
    id: int
    period_start: dt.date
    period_end: dt.date
    quantity: float
    unit: str
    quantity_on_basis: float
    note: str


class GoodPracticeRef(Schema):
    slug: str
    title: str
    source_url: str


class MatchDetailOut(MatchOut):
    transitions: list[TransitionOut]
    exchanges: list[ExchangeOut]
    similar_practices: list[GoodPracticeRef] = Field(default_factory=list)


class MatchTransitionIn(Schema):
    status: choices.MatchStatus
    note: str = Field("", max_length=500)


class MatchingRunIn(Schema):
    objective: choices.Objective = choices.Objective.TKM


class MatchingRunOut(Schema):
    id: int
    run_id: int
    status: str = Field(alias="run.status")
    progress: int = Field(alias="run.progress")
    objective: str
    offers_count: int
    needs_count: int
    candidates_count: int
    matches_count: int
    allocated_t: float
    co2e_avoided_t: float
    money_saved_eur: float
    solver: str
    created_at: dt.datetime
    run_url: str = Field(description="follow the run record here")

    @staticmethod
    def resolve_run_url(obj: Any) -> str:
        return f"/api/v1/core/runs/{obj.run_id}"


class EvidenceOut(Schema):
    source: str
    weight: float
    detail: str


class ReceiverSuggestionOut(Schema):
    nace: str
    title: str
    score: float
    evidence: list[EvidenceOut]


class PotentialOut(Schema):
    region: str
    chapter: str
    kind: str
    basis: str
    quantity: float
    streams: int


class GoodPracticeIn(Schema):
    title: str = Field(min_length=3, max_length=300)
    kind: choices.PracticeKind
    description: Translations = Field(default_factory=dict)
    original_language: str = "en"
    sectors: list[str] = Field(default_factory=list)
    receiver_nace: str = ""
    materials: str = ""
    ewc_codes: list[str] = Field(default_factory=list)
    country: str | None = Field(None, min_length=2, max_length=2)
    place: str = ""
    benefits: str = ""
    source_title: str = Field(min_length=3, max_length=500)
    source_url: str = ""
    year_started: int | None = None


class GoodPracticePatch(Schema):
    title: str | None = Field(None, min_length=3, max_length=300)
    kind: choices.PracticeKind | None = None
    description: Translations | None = None
    sectors: list[str] | None = None
    receiver_nace: str | None = None
    materials: str | None = None
    ewc_codes: list[str] | None = None
    country: str | None = None
    place: str | None = None
    benefits: str | None = None
    source_title: str | None = None
    source_url: str | None = None
    year_started: int | None = None


class GoodPracticeOut(Schema):
    id: int
    slug: str
    title: str
    kind: str
    description: Translations
    original_language: str
    sectors: list[str]
    receiver_nace: str
    materials: str
    ewc_codes: list[str]
    country: str | None = Field(None, alias="country_id")
    place: str
    benefits: str
    source_title: str
    source_url: str
    year_started: int | None


class SavingsFactorsIn(Schema):
    transport_kgco2e_tkm: float | None = Field(None, ge=0)
    transport_eur_tkm: float = Field(0.12, ge=0)
    landfill_eur_t: float = Field(100.0, ge=0)
    treatment_eur_t: float = Field(20.0, ge=0)
    heat_kgco2e_mwh: float = Field(183.0, ge=0)
    heat_eur_mwh: float = Field(0.0, ge=0)
    water_eur_m3: float = Field(0.0, ge=0)
    source_note: str = Field("", max_length=500)


class SavingsFactorsOut(SavingsFactorsIn):
    country: str = Field(alias="country_id")


class ImportErrorOut(Schema):
    row: int
    column: str
    message: str


class StreamImportOut(Schema):
    id: int
    filename: str
    status: str
    total_rows: int
    valid_count: int
    imported_count: int
    errors: list[ImportErrorOut]

    @staticmethod
    def resolve_valid_count(obj: Any) -> int:
        return len(obj.valid_rows)


class WasteCodeOut(Schema):
    code: str
    spaced: str
    hazardous: bool
    en: str
    pl: str
