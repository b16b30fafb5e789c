"""Vectorised hard rules and fit components over (project x instrument) matrices.

Instruments are compiled into numpy arrays once; a batch of projects becomes a few index
arrays, and every rule is then one broadcast comparison over the whole matrix.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from obieg.pipeline.funding_rules.model import STAGES, FundingInstrument, FundingProject

BoolMatrix = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

# Bit positions of the hard rules in the failure matrix; the codes are stable API.
RULES: tuple[str, ...] = (
    "country_not_eligible",
    "region_not_eligible",
    "org_kind_not_eligible",
    "org_size_not_eligible",
    "trl_out_of_range",
    "ticket_below_minimum",
    "cofinancing_too_low",
    "deadline_passed",
)
RULE_BIT = {code: 1 << k for k, code in enumerate(RULES)}

FIT_WEIGHTS: dict[str, float] = {
    "themes": 0.35,
    "ticket": 0.25,
    "trl": 0.15,
    "stage": 0.15,
    "deadline": 0.10,
}
# Neutral scores when one side gives no information, so silence neither helps nor hurts much.
NEUTRAL_THEMES = 0.5
NEUTRAL_STAGE = 0.75
ROLLING_DEADLINE = 0.6


@dataclass(frozen=True)
class _Vocabulary:
    index: dict[str, int]

    @classmethod
    def of(cls, *groups: Sequence[str] | frozenset[str]) -> _Vocabulary:
        words = sorted({w for group in groups for w in group})
        return cls({w: k for k, w in enumerate(words)})

    def lookup(self, word: str) -> int:
        # Unknown words map to one extra column that no instrument allows.
        return self.index.get(word, len(self.index))

    def mask(self, words: frozenset[str]) -> npt.NDArray[np.bool_]:
        out = np.zeros(len(self.index) + 1, dtype=bool)
        out[[self.index[w] for w in words if w in self.index]] = True
        return out


@dataclass(frozen=True)
class CompiledInstruments:
    """Instruments as column arrays, built once and reused for every batch of projects."""

    instruments: tuple[FundingInstrument, ...]
    today: date
    countries: _Vocabulary
    country_any: npt.NDArray[np.bool_]
    country_allowed: BoolMatrix  # (countries + 1) x I
    region_any: npt.NDArray[np.bool_]
    region_prefixes: dict[str, npt.NDArray[np.bool_]]
    kinds: _Vocabulary
    kind_any: npt.NDArray[np.bool_]
    kind_allowed: BoolMatrix
    sizes: _Vocabulary
    size_any: npt.NDArray[np.bool_]
    size_allowed: BoolMatrix
    trl_min: IntArray
    trl_max: IntArray
    ticket_min: FloatArray
    ticket_max: FloatArray
    cofinancing: FloatArray
    deadline_open: npt.NDArray[np.bool_]
    deadline_score: FloatArray
    days_to_deadline: FloatArray  # nan without calls
    themes: _Vocabulary
    theme_bits: npt.NDArray[np.uint64]  # I x words
    theme_count: IntArray
    stage_score: FloatArray  # len(STAGES) x I

    def __len__(self) -> int:
        return len(self.instruments)


def compile_instruments(
    instruments: Sequence[FundingInstrument], *, today: date
) -> CompiledInstruments:
    """Precompute the rule and fit arrays of the instruments for matching on `today`."""
    inst = tuple(instruments)
    countries = _Vocabulary.of(*(i.countries for i in inst))
    kinds = _Vocabulary.of(*(i.org_kinds for i in inst))
    sizes = _Vocabulary.of(*(i.org_sizes for i in inst))
    themes = _Vocabulary.of(*(i.themes for i in inst))
    days = np.array([_days_to_deadline(i, today) for i in inst], dtype=np.float64)
    has_calls = np.array([bool(i.calls) for i in inst], dtype=bool)
    return CompiledInstruments(
        instruments=inst,
        today=today,
        countries=countries,
        country_any=np.array([not i.countries for i in inst], dtype=bool),
        country_allowed=_allowed(countries, [i.countries for i in inst]),
        region_any=np.array([not i.nuts_prefixes for i in inst], dtype=bool),
        region_prefixes=_prefix_index(inst),
        kinds=kinds,
        kind_any=np.array([not i.org_kinds for i in inst], dtype=bool),
        kind_allowed=_allowed(kinds, [i.org_kinds for i in inst]),
        sizes=sizes,
        size_any=np.array([not i.org_sizes for i in inst], dtype=bool),
        size_allowed=_allowed(sizes, [i.org_sizes for i in inst]),
        trl_min=np.array([i.trl_min for i in inst], dtype=np.int64),
        trl_max=np.array([i.trl_max for i in inst], dtype=np.int64),
        ticket_min=np.array([i.ticket_min_eur for i in inst], dtype=np.float64),
        ticket_max=np.array([i.ticket_max_eur for i in inst], dtype=np.float64),
        cofinancing=np.array([i.max_cofinancing_rate for i in inst], dtype=np.float64),
        deadline_open=~has_calls | ~np.isnan(days),
        deadline_score=np.array([deadline_score(d) for d in days], dtype=np.float64),
        days_to_deadline=days,
        themes=themes,
        theme_bits=np.stack([_theme_bits(themes, i.themes) for i in inst])
        if inst
        else np.zeros((0, 1), dtype=np.uint64),
        theme_count=np.array([len(i.themes) for i in inst], dtype=np.int64),
        stage_score=np.stack([_stage_scores(i.stages) for i in inst], axis=1)
        if inst
        else np.zeros((len(STAGES), 0)),
    )


@dataclass(frozen=True)
class ProjectArrays:
    """A batch of projects as index and value arrays against one CompiledInstruments."""

    country: IntArray
    region_ok: BoolMatrix  # P x I
    kind: IntArray
    size: IntArray
    trl: IntArray
    budget: FloatArray
    needed_rate: FloatArray
    stage: IntArray
    theme_bits: npt.NDArray[np.uint64]
    theme_count: IntArray


def project_arrays(
    projects: Sequence[FundingProject], compiled: CompiledInstruments
) -> ProjectArrays:
    """Index a batch of projects against the compiled instruments' vocabularies."""
    region_rows: dict[str, npt.NDArray[np.bool_]] = {}
    for project in projects:
        if project.nuts not in region_rows:
            region_rows[project.nuts] = _region_row(project.nuts, compiled)
    n_inst = len(compiled)
    region_ok = (
        np.stack([region_rows[p.nuts] for p in projects])
        if projects
        else np.zeros((0, n_inst), dtype=bool)
    )
    return ProjectArrays(
        country=np.array([compiled.countries.lookup(p.country) for p in projects], dtype=np.int64),
        region_ok=region_ok | compiled.region_any[None, :],
        kind=np.array([compiled.kinds.lookup(p.org_kind) for p in projects], dtype=np.int64),
        size=np.array([compiled.sizes.lookup(p.org_size) for p in projects], dtype=np.int64),
        trl=np.array([p.trl for p in projects], dtype=np.int64),
        budget=np.array([p.budget_eur for p in projects], dtype=np.float64),
        needed_rate=np.array([p.needed_cofinancing_rate for p in projects], dtype=np.float64),
        stage=np.array([STAGES.index(p.stage) for p in projects], dtype=np.int64),
        theme_bits=np.stack([_theme_bits(compiled.themes, p.all_themes) for p in projects])
        if projects
        else np.zeros((0, compiled.theme_bits.shape[1]), dtype=np.uint64),
        theme_count=np.array([len(p.all_themes) for p in projects], dtype=np.int64),
    )


def failure_bits(p: ProjectArrays, c: CompiledInstruments) -> npt.NDArray[np.uint16]:
    """Return a P x I matrix whose bits name the failed rules (0 = eligible)."""
    checks: dict[str, BoolMatrix] = {
        "country_not_eligible": c.country_allowed[p.country] | c.country_any[None, :],
        "region_not_eligible": p.region_ok,
        "org_kind_not_eligible": c.kind_allowed[p.kind] | c.kind_any[None, :],
        "org_size_not_eligible": c.size_allowed[p.size] | c.size_any[None, :],
        "trl_out_of_range": (p.trl[:, None] >= c.trl_min) & (p.trl[:, None] <= c.trl_max),
        "ticket_below_minimum": p.budget[:, None] * c.cofinancing >= c.ticket_min,
        "cofinancing_too_low": c.cofinancing[None, :] >= p.needed_rate[:, None],
        "deadline_passed": np.broadcast_to(c.deadline_open, (len(p.trl), len(c))),
    }
    bits = np.zeros((len(p.trl), len(c)), dtype=np.uint16)
    for code, ok in checks.items():
        bits |= np.where(ok, 0, RULE_BIT[code]).astype(np.uint16)
    return bits


def fit_components(p: ProjectArrays, c: CompiledInstruments) -> dict[str, FloatArray]:
    """Return each fit component as a P x I matrix in [0, 1]."""
    shared = np.bitwise_count(p.theme_bits[:, None, :] & c.theme_bits[None, :, :]).sum(axis=2)
    informative = (p.theme_count[:, None] > 0) & (c.theme_count[None, :] > 0)
    themes = np.where(informative, shared / np.maximum(p.theme_count[:, None], 1), NEUTRAL_THEMES)
    budget = np.maximum(p.budget[:, None], 1e-9)
    fundable = np.minimum(p.budget[:, None] * c.cofinancing, c.ticket_max)
    mid = (c.trl_min + c.trl_max) / 2.0
    half = (c.trl_max - c.trl_min) / 2.0
    trl = np.clip(1.0 - np.abs(p.trl[:, None] - mid) / (half + 1.0), 0.0, 1.0)
    n = len(p.trl)
    return {
        "themes": themes.astype(np.float64),
        "ticket": np.clip(fundable / budget, 0.0, 1.0),
        "trl": trl,
        "stage": c.stage_score[p.stage],
        "deadline": np.broadcast_to(c.deadline_score, (n, len(c))),
    }


def fit_total(components: dict[str, FloatArray]) -> FloatArray:
    """Weight and sum the components."""
    total = np.zeros_like(components["themes"])
    for name, weight in FIT_WEIGHTS.items():
        total += weight * components[name]
    return total


def deadline_score(days: float) -> float:
    """Score time to the next deadline: too close to prepare is poor, 1.5-6 months is best."""
    if math.isnan(days):
        return ROLLING_DEADLINE
    if days < 14:
        return 0.2
    if days < 45:
        return 0.6
    return 1.0 if days <= 180 else 0.8


def _days_to_deadline(instrument: FundingInstrument, today: date) -> float:
    upcoming = instrument.next_deadline(today)
    return math.nan if upcoming is None else float((upcoming - today).days)


def _allowed(vocab: _Vocabulary, sets: Sequence[frozenset[str]]) -> BoolMatrix:
    if not sets:
        return np.zeros((len(vocab.index) + 1, 0), dtype=bool)
    return np.stack([vocab.mask(s) for s in sets], axis=1)


def _prefix_index(inst: Sequence[FundingInstrument]) -> dict[str, npt.NDArray[np.bool_]]:
    index: dict[str, npt.NDArray[np.bool_]] = {}
    for k, instrument in enumerate(inst):
        for prefix in instrument.nuts_prefixes:
            index.setdefault(prefix.upper(), np.zeros(len(inst), dtype=bool))[k] = True
    return index


def _region_row(nuts: str, c: CompiledInstruments) -> npt.NDArray[np.bool_]:
    row = np.zeros(len(c), dtype=bool)
    code = nuts.upper()
    for length in range(2, len(code) + 1):
        hit = c.region_prefixes.get(code[:length])
        if hit is not None:
            row |= hit
    return row


def _theme_bits(vocab: _Vocabulary, themes: frozenset[str]) -> npt.NDArray[np.uint64]:
    words = max(1, math.ceil(len(vocab.index) / 64))
    out = np.zeros(words, dtype=np.uint64)
    for theme in themes:
        k = vocab.index.get(theme)
        if k is not None:
            out[k // 64] |= np.uint64(1) << np.uint64(k % 64)
    return out


def _stage_scores(stages: frozenset[str]) -> FloatArray:
    if not stages:
        return np.full(len(STAGES), NEUTRAL_STAGE)
    wanted = np.array([STAGES.index(s) for s in stages])
    distance = np.abs(np.arange(len(STAGES))[:, None] - wanted[None, :]).min(axis=1)
    return np.clip(1.0 - 0.25 * distance, 0.0, 1.0)
