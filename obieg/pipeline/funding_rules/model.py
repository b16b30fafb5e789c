"""Funding instruments, projects and match results as plain dataclasses."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

INSTRUMENT_TYPES: tuple[str, ...] = ("grant", "loan", "guarantee", "equity", "blended", "advisory")
# Types that put money into the project; guarantees back a loan and advice is in kind.
CASH_TYPES: frozenset[str] = frozenset({"grant", "loan", "equity", "blended"})
ORG_KINDS: tuple[str, ...] = (
    "company",
    "research",
    "public_body",
    "municipality",
    "ngo",
    "cluster",
)
ORG_SIZES: tuple[str, ...] = ("micro", "small", "medium", "large")
# Ordered: the distance between two stages is used by the fit score.
STAGES: tuple[str, ...] = (
    "idea",
    "concept",
    "feasibility",
    "structuring",
    "investment_ready",
    "implementation",
    "operation",
)


@dataclass(frozen=True)
class Call:
    """One call for proposals (a topic) of an instrument."""

    identifier: str
    title: str
    deadlines: tuple[date, ...] = ()
    url: str = ""
    budget_min_eur: float | None = None
    budget_max_eur: float | None = None


@dataclass(frozen=True)
class FundingInstrument:
    """A grant, loan, guarantee, equity, blended or advisory instrument and its rules.

    Empty sets mean "no restriction". Without calls the instrument is open all year round.
    """

    id: str
    programme: str
    managing_body: str
    instrument_type: str
    countries: frozenset[str] = frozenset()
    nuts_prefixes: tuple[str, ...] = ()
    org_kinds: frozenset[str] = frozenset()
    org_sizes: frozenset[str] = frozenset()
    trl_min: int = 1
    trl_max: int = 9
    ticket_min_eur: float = 0.0
    ticket_max_eur: float = math.inf
    max_cofinancing_rate: float = 1.0
    themes: frozenset[str] = frozenset()
    stages: frozenset[str] = frozenset()
    calls: tuple[Call, ...] = ()
    verified: bool = False
    note: str = ""

    def __post_init__(self) -> None:
        if self.instrument_type not in INSTRUMENT_TYPES:
            raise ValueError(f"{self.id}: unknown instrument type {self.instrument_type!r}")
        if not 1 <= self.trl_min <= self.trl_max <= 9:
            raise ValueError(f"{self.id}: TRL range must lie within 1..9")
        if not 0 <= self.ticket_min_eur <= self.ticket_max_eur:
            raise ValueError(f"{self.id}: ticket range must satisfy 0 <= min <= max")
        if not 0 < self.max_cofinancing_rate <= 1:
            raise ValueError(f"{self.id}: co-financing rate must be in (0, 1]")
        unknown = self.stages - set(STAGES)
        if unknown:
            raise ValueError(f"{self.id}: unknown stages {sorted(unknown)}")

    def next_deadline(self, today: date) -> date | None:
        """Return the earliest deadline on or after today, if the instrument has calls."""
        upcoming = [d for call in self.calls for d in call.deadlines if d >= today]
        return min(upcoming, default=None)


@dataclass(frozen=True)
class FundingProject:
    """An investment project as the matcher sees it."""

    id: str
    country: str
    budget_eur: float
    nuts: str = ""
    org_kind: str = "company"
    org_size: str = ""
    trl: int = 7
    stage: str = "structuring"
    themes: frozenset[str] = frozenset()
    r_strategy: str | None = None
    # The least share of the budget the promoter needs one instrument to fund (0 = any).
    needed_cofinancing_rate: float = 0.0

    def __post_init__(self) -> None:
        if self.stage not in STAGES:
            raise ValueError(f"{self.id}: unknown stage {self.stage!r}")
        if not 1 <= self.trl <= 9:
            raise ValueError(f"{self.id}: TRL must be within 1..9")
        if not (math.isfinite(self.budget_eur) and self.budget_eur >= 0):
            raise ValueError(f"{self.id}: budget must be a finite amount >= 0")
        if not 0 <= self.needed_cofinancing_rate <= 1:
            raise ValueError(f"{self.id}: needed co-financing rate must be in [0, 1]")

    @property
    def all_themes(self) -> frozenset[str]:
        """Themes plus the R-strategy, which instruments may list as a theme too."""
        return self.themes | ({self.r_strategy} if self.r_strategy else frozenset())


@dataclass(frozen=True)
class RuleFailure:
    """A hard eligibility rule a project fails for an instrument."""

    code: str
    reason: str


@dataclass(frozen=True)
class FitComponent:
    """One explained part of the fit score; score in [0, 1]."""

    name: str
    weight: float
    score: float
    explanation: str


@dataclass(frozen=True)
class FitScore:
    """Weighted fit of a project to an instrument, in [0, 1]."""

    total: float
    components: tuple[FitComponent, ...]


@dataclass(frozen=True)
class InstrumentMatch:
    """How one instrument suits one project: rule failures (none = eligible) and fit."""

    instrument: FundingInstrument
    failures: tuple[RuleFailure, ...]
    fit: FitScore

    @property
    def eligible(self) -> bool:
        return not self.failures


@dataclass(frozen=True)
class StackItem:
    """One instrument's part of a funding stack."""

    instrument: FundingInstrument
    amount_eur: float
    share_of_budget: float


@dataclass(frozen=True)
class FundingStack:
    """A proposed combination of instruments covering the project budget."""

    project_id: str
    budget_eur: float
    items: tuple[StackItem, ...]
    own_contribution_eur: float
    gap_eur: float
    supporting: tuple[FundingInstrument, ...] = field(default=())
    skipped: tuple[tuple[str, str], ...] = field(default=())  # (instrument id, why)

    @property
    def covered_eur(self) -> float:
        return sum(item.amount_eur for item in self.items)


@dataclass(frozen=True)
class Barrier:
    """A policy-feedback record: what keeps a project from funding."""

    project_id: str
    code: str
    message: str
    instrument_ids: tuple[str, ...] = ()
