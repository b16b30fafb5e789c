from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from obieg.pipeline import choices

Translations = dict[str, str]


class MetricOut(Schema):
    """A metric value, or null with the reason it is undefined (never a made-up number)."""

    value: float | None
    defined: bool
    code: str | None = None
    reason: str | None = None
    flags: list[str] = Field(default_factory=list)
    note: str | None = None


class ProjectIn(Schema):
    promoter_id: int | None = Field(None, description="Defaults to the caller's organisation")
    title: Translations = Field(description="{language: text}")
    summary: Translations = Field(default_factory=dict, description="Public teaser text")
    details: Translations = Field(default_factory=dict, description="Confidential details")
    original_language: str = "en"
    country: str = Field(min_length=2, max_length=2)
    region: str | None = Field(None, description="NUTS 2024 code")
    sector: str | None = Field(None, description="NACE Rev. 2 code")
    r_strategy: choices.RStrategy | None = None
    eib_category: choices.EibCategory | None = None
    trl: int = Field(6, ge=1, le=9)
    stage: choices.Stage = choices.Stage.IDEA
    budget: Decimal = Field(ge=0)
    currency: choices.Currency = choices.Currency.EUR
    own_share: Decimal = Field(Decimal(0), ge=0, le=1)
    needed_cofinancing_rate: Decimal = Field(Decimal(0), ge=0, le=1)


class ProjectPatch(Schema):
    title: Translations | None = None
    summary: Translations | None = None
    details: Translations | None = None
    original_language: str | None = None
    country: str | None = Field(None, min_length=2, max_length=2)
    region: str | None = None
    sector: str | None = None
    r_strategy: choices.RStrategy | None = None
    eib_category: choices.EibCategory | None = None
    trl: int | None = Field(None, ge=1, le=9)
    budget: Decimal | None = Field(None, ge=0)
    currency: choices.Currency | None = None
    own_share: Decimal | None = Field(None, ge=0, le=1)
    needed_cofinancing_rate: Decimal | None = Field(None, ge=0, le=1)


class ProjectOut(Schema):
    """The teaser fields, which every reader of a visible project may see."""

    id: int
    slug: str
    title: Translations
    summary: Translations
    original_language: str
    promoter: str
    promoter_id: int
    country: str
    region: str | None
    sector: str | None
    r_strategy: str
    eib_category: str
    trl: int
    stage: str
    budget: Decimal
    currency: str
    is_sample: bool
    full_access: bool
    url: str


class StageChangeOut(Schema):
    from_stage: str
    to_stage: str
    reason: str
    changed_by: str | None
    entered_at: dt.datetime
    left_at: dt.datetime | None


class ProjectDetailOut(ProjectOut):
    """Teaser fields plus, for full-access readers only, the confidential ones (else null)."""

    details: Translations | None = None
    budget_eur: Decimal | None = None
    own_share: Decimal | None = None
    needed_cofinancing_rate: Decimal | None = None
    teaser_published: bool | None = None
    advisers: list[str] | None = None
    alignment: dict[str, Any] | None = None
    history: list[StageChangeOut] | None = None


class StageIn(Schema):
    stage: choices.Stage
    reason: str = Field("", max_length=500)


class TeaserIn(Schema):
    published: bool


class YearIn(Schema):
    year: int = Field(ge=0, le=60)
    capex: Decimal = Field(Decimal(0), ge=0)
    opex: Decimal = Field(Decimal(0), ge=0)
    revenues: Decimal = Field(Decimal(0), ge=0)
    savings: Decimal = Field(Decimal(0), ge=0)
    residual_value: Decimal = Field(Decimal(0), ge=0)
    output: Decimal = Field(Decimal(0), ge=0)


class CaseIn(Schema):
    discount_rate: Decimal = Field(Decimal("0.04"), gt=-1, le=1)
    output_unit: str = Field("", max_length=40)
    years: list[YearIn]


class YearOut(YearIn):
    net: float


class TornadoOut(Schema):
    driver: str
    npv_low: float
    npv_high: float
    swing: float


class ScenarioOut(Schema):
    name: str
    npv: MetricOut
    irr: MetricOut
    payback_years: MetricOut


class CaseOut(Schema):
    currency: str
    discount_rate: float
    output_unit: str
    years: list[YearOut]
    npv: MetricOut
    irr: MetricOut
    mirr: MetricOut
    payback_years: MetricOut
    discounted_payback_years: MetricOut
    levelised_cost: MetricOut
    funding_gap_rate: MetricOut
    discounted_investment_cost: float
    discounted_net_revenue: float
    tornado: list[TornadoOut]
    scenarios: list[ScenarioOut]


class MaterialFlowIn(Schema):
    material: str
    tonnes_kept_in_use: float = Field(0, ge=0)
    tonnes_diverted: float = Field(0, ge=0)
    route: choices.MaterialRoute = choices.MaterialRoute.RECYCLED


class ImpactIn(Schema):
    material_flows: list[MaterialFlowIn] | None = None
    factor_overrides: dict[str, dict[str, float]] | None = Field(
        None, description='{"glass": {"landfill": 20.0}}, kg CO2e per tonne'
    )
    mci_inputs: dict[str, float] | None = None
    taxonomy_criteria: list[str] | None = None


class ImpactOut(Schema):
    material_flows: list[dict[str, Any]]
    factor_overrides: dict[str, Any]
    tonnes_kept_in_use_per_year: float
    tonnes_diverted_per_year: float
    co2e_avoided_t_per_year: float
    kg_co2e_per_eur: MetricOut
    mci: MetricOut
    linear_flow_index: MetricOut
    taxonomy_criteria_met: list[str]
    taxonomy_candidate_contribution: bool
    alignment: dict[str, Any]


class RuleFailureOut(Schema):
    code: str
    reason: str


class FitComponentOut(Schema):
    name: str
    weight: float
    score: float
    explanation: str


class MatchOut(Schema):
    instrument_id: int
    key: str
    programme: str
    instrument_type: str
    verified: bool
    eligible: bool
    fit: float
    components: list[FitComponentOut]
    failures: list[RuleFailureOut]


class StackItemOut(Schema):
    instrument_id: int
    programme: str
    instrument_type: str
    amount_eur: float
    share_of_budget: float


class FundingOut(Schema):
    budget_eur: float | None
    missing_reason: str
    stack: list[StackItemOut]
    own_contribution_eur: float
    gap_eur: float
    matches: list[MatchOut]


class BarrierIn(Schema):
    code: choices.BarrierCode
    message: str = Field("", max_length=1000)


class BarrierOut(Schema):
    id: int
    code: str
    message: str
    source: str
    instrument_keys: list[str]
    created_at: dt.datetime


class NoteIn(Schema):
    text: str = Field(min_length=1)


class NoteOut(Schema):
    id: int
    text: str
    author: str | None
    created_at: dt.datetime


class TaskIn(Schema):
    title: str = Field(min_length=1, max_length=300)
    due_on: dt.date | None = None
    assignee_id: int | None = None


class TaskPatch(Schema):
    done: bool


class TaskOut(Schema):
    id: int
    title: str
    due_on: dt.date | None
    done: bool
    assignee: str | None


class CallOut(Schema):
    identifier: str
    title: str
    deadlines: list[str]
    url: str


class InstrumentIn(Schema):
    key: str = Field(min_length=2, max_length=80)
    programme: str = Field(min_length=2, max_length=300)
    managing_body: str = ""
    instrument_type: choices.InstrumentType
    countries: list[str] = Field(default_factory=list)
    nuts_prefixes: list[str] = Field(default_factory=list)
    org_kinds: list[str] = Field(default_factory=list)
    org_sizes: list[str] = Field(default_factory=list)
    trl_min: int = Field(1, ge=1, le=9)
    trl_max: int = Field(9, ge=1, le=9)
    ticket_min_eur: Decimal = Field(Decimal(0), ge=0)
    ticket_max_eur: Decimal | None = Field(None, ge=0)
    max_cofinancing_rate: Decimal = Field(Decimal(1), gt=0, le=1)
    themes: list[str] = Field(default_factory=list)
    stages: list[str] = Field(default_factory=list)
    note: str = ""


class InstrumentPatch(Schema):
    programme: str | None = None
    managing_body: str | None = None
    instrument_type: choices.InstrumentType | None = None
    countries: list[str] | None = None
    nuts_prefixes: list[str] | None = None
    org_kinds: list[str] | None = None
    org_sizes: list[str] | None = None
    trl_min: int | None = Field(None, ge=1, le=9)
    trl_max: int | None = Field(None, ge=1, le=9)
    ticket_min_eur: Decimal | None = Field(None, ge=0)
    ticket_max_eur: Decimal | None = Field(None, ge=0)
    max_cofinancing_rate: Decimal | None = Field(None, gt=0, le=1)
    themes: list[str] | None = None
    stages: list[str] | None = None
    is_active: bool | None = None
    note: str | None = None


class InstrumentOut(Schema):
    id: int
    key: str
    programme: str
    managing_body: str
    instrument_type: str
    countries: list[str]
    nuts_prefixes: list[str]
    org_kinds: list[str]
    org_sizes: list[str]
    trl_min: int
    trl_max: int
    ticket_min_eur: Decimal
    ticket_max_eur: Decimal | None
    max_cofinancing_rate: Decimal
    themes: list[str]
    stages: list[str]
    verified: bool
    note: str


class InstrumentDetailOut(InstrumentOut):
    calls: list[CallOut]


class EligibleProjectOut(Schema):
    project_id: int
    slug: str
    title: str
    fit: float


class SliceOut(Schema):
    key: str
    label: str
    count: int
    capital_eur: float


class StageTimeOut(Schema):
    stage: str
    label: str
    projects: int
    average_days: float


class ConversionOut(Schema):
    from_stage: str
    to_stage: str
    reached_from: int
    reached_to: int
    rate: float | None


class PortfolioOut(Schema):
    projects: int
    capital_eur: float
    unpriced: int
    by_stage: list[SliceOut]
    by_country: list[SliceOut]
    by_sector: list[SliceOut]
    by_strategy: list[SliceOut]
    by_instrument: list[SliceOut]
    time_in_stage: list[StageTimeOut]
    conversion: list[ConversionOut]


class BarrierRowOut(Schema):
    code: str
    label: str
    projects: int
    capital_eur: float
    share: float
    recorded_by_advisers: int


class PolicyReportOut(Schema):
    generated_at: dt.datetime
    projects: int
    projects_with_barriers: int
    capital_eur: float
    blocked_capital_eur: float
    barriers: list[BarrierRowOut]


class ExchangeRateIn(Schema):
    currency: choices.Currency
    valid_on: dt.date
    units_per_eur: Decimal = Field(gt=0)
    source: str = ""


class ExchangeRateOut(Schema):
    currency: str
    valid_on: dt.date
    units_per_eur: Decimal
    source: str
    is_sample: bool


class StrategyFitOut(Schema):
    strategy_id: int
    slug: str
    title: str
    goals: list[int]


class ServingProjectOut(Schema):
    project_id: int
    slug: str
    title: str
    goals: list[int]


class PartnerIn(Schema):
    role: choices.PartnerRole = choices.PartnerRole.OTHER


class PartnerOut(Schema):
    organisation_id: int
    name: str
    role: str


class DocumentOut(Schema):
    id: int
    title: str
    url: str
    download_url: str
    created_at: dt.datetime


class StackStatusIn(Schema):
    status: choices.StackStatus


class StackStatusOut(Schema):
    instrument_id: int
    amount_eur: float
    status: str


class CallIn(Schema):
    identifier: str = Field(min_length=1, max_length=120)
    title: str = Field(min_length=1, max_length=500)
    deadlines: list[dt.date] = Field(default_factory=list)
    url: str = Field("", max_length=500)
