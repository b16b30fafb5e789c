"""Candidate generation: which offer may serve which need, with an explainable score.

Needs are indexed by what they accept (exact code, sub-chapter, chapter, anything), so an
offer only ever meets the needs that could take its code; distances and the remaining
filters are then computed as numpy matrices per (code group x compatible needs) block.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from obieg.symbiosis.matching.geo import haversine_matrix_km
from obieg.symbiosis.matching.reference import treatment_codes, waste_code
from obieg.symbiosis.matching.streams import Need, Offer, TimeWindow
from obieg.symbiosis.matching.text_similarity import (
    Embedder,
    char_ngram_vectors,
    normalise_rows,
    pair_similarity,
)

# Score of the code component by how specifically the need named the offer's code.
CODE_LEVEL_SCORE = {6: 1.0, 4: 0.8, 2: 0.6, 0: 0.5}
# Block size for distance matrices: 2M float64 cells = 16 MB per temporary.
BLOCK_CELLS = 2_000_000


@dataclass(frozen=True, slots=True)
class ScoreWeights:
    """Relative weight of each score component; missing components are left out."""

    code: float = 0.25
    distance: float = 0.25
    quantity: float = 0.15
    text: float = 0.15
    time: float = 0.10
    treatment: float = 0.10


@dataclass(frozen=True, slots=True)
class ScoreComponent:
    """One named part of a candidate's score, with the reason a person can read."""

    name: str
    value: float
    weight: float
    reason: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """A feasible (offer, need) pair with its score breakdown."""

    offer_id: str
    need_id: str
    distance_km: float
    max_quantity: float
    score: float
    components: tuple[ScoreComponent, ...]

    @property
    def reasons(self) -> list[str]:
        """Human-readable reasons, one per component."""
        return [c.reason for c in self.components]


@dataclass
class CandidateSet:
    """Feasible pairs in columnar form (scales to millions); `candidate(k)` explains one."""

    offers: Sequence[Offer]
    needs: Sequence[Need]
    offer_idx: NDArray[np.intp]
    need_idx: NDArray[np.intp]
    distance_km: NDArray[np.float64]
    code_level: NDArray[np.int8]
    distance_score: NDArray[np.float32]
    quantity_score: NDArray[np.float32]
    text_score: NDArray[np.float32]
    time_score: NDArray[np.float32]
    treatment_score: NDArray[np.float32]
    score: NDArray[np.float32]
    weights: ScoreWeights = field(default_factory=ScoreWeights)

    def __len__(self) -> int:
        return len(self.offer_idx)

    def __iter__(self) -> Iterator[Candidate]:
        return (self.candidate(k) for k in range(len(self)))

    def max_quantity(self) -> NDArray[np.float64]:
        """Largest quantity each pair could carry: the smaller of offer and need."""
        offered = np.array([o.quantity for o in self.offers], dtype=np.float64)
        wanted = np.array([n.quantity for n in self.needs], dtype=np.float64)
        return np.minimum(offered[self.offer_idx], wanted[self.need_idx])

    def min_lot(self) -> NDArray[np.float64]:
        """Smallest non-zero quantity each pair may carry (the larger of both minimum lots)."""
        offer_lot = np.array([o.min_lot for o in self.offers], dtype=np.float64)
        need_lot = np.array([n.min_lot for n in self.needs], dtype=np.float64)
        return np.maximum(offer_lot[self.offer_idx], need_lot[self.need_idx])

    def candidate(self, k: int) -> Candidate:
        """Explain pair k as a Candidate with named, reasoned components."""
        offer, need = self.offers[self.offer_idx[k]], self.needs[self.need_idx[k]]
        components = _explain(self, k, offer, need)
        return Candidate(
            offer_id=offer.id,
            need_id=need.id,
            distance_km=float(self.distance_km[k]),
            max_quantity=min(offer.quantity, need.quantity),
            score=float(self.score[k]),
            components=components,
        )

    def ranked_for_offer(self, offer_id: str, top: int = 10) -> list[Candidate]:
        """The best-scored needs for one offer."""
        return self._ranked(self.offer_idx, [o.id for o in self.offers].index(offer_id), top)

    def ranked_for_need(self, need_id: str, top: int = 10) -> list[Candidate]:
        """The best-scored offers for one need."""
        return self._ranked(self.need_idx, [n.id for n in self.needs].index(need_id), top)

    def _ranked(self, column: NDArray[np.intp], index: int, top: int) -> list[Candidate]:
        rows = np.flatnonzero(column == index)
        order = rows[np.argsort(-self.score[rows], kind="stable")][:top]
        return [self.candidate(int(k)) for k in order]


def _explain(cs: CandidateSet, k: int, offer: Offer, need: Need) -> tuple[ScoreComponent, ...]:
    w = cs.weights
    level = int(cs.code_level[k])
    code = offer.ewc_code or "-"
    code_reason = {
        6: f"need lists code {code} exactly",
        4: f"need accepts sub-chapter {code[:4]}",
        2: f"need accepts chapter {code[:2]}",
        0: "need accepts any code",
    }[level]
    limit = _pair_limit(offer, need)
    parts = [
        ScoreComponent("code", CODE_LEVEL_SCORE[level], w.code, code_reason),
        ScoreComponent(
            "distance",
            float(cs.distance_score[k]),
            w.distance,
            f"{cs.distance_km[k]:.1f} km of at most {limit:.0f} km",
        ),
        ScoreComponent(
            "quantity",
            float(cs.quantity_score[k]),
            w.quantity,
            f"offer {offer.quantity:g} vs need {need.quantity:g} {offer.basis.value}",
        ),
        ScoreComponent("time", float(cs.time_score[k]), w.time, _time_reason(offer, need)),
        ScoreComponent(
            "treatment", float(cs.treatment_score[k]), w.treatment, _treatment_reason(offer, need)
        ),
    ]
    if not np.isnan(cs.text_score[k]):
        text = float(cs.text_score[k])
        parts.append(ScoreComponent("text", text, w.text, f"descriptions {text:.0%} similar"))
    return tuple(parts)


def _pair_limit(offer: Offer, need: Need) -> float:
    if offer.max_distance_km is None:
        return need.max_distance_km
    return min(need.max_distance_km, offer.max_distance_km)


def _time_reason(offer: Offer, need: Need) -> str:
    if offer.window == TimeWindow() and need.window == TimeWindow():
        return "no availability window stated"
    return "availability windows overlap"


def _treatment_reason(offer: Offer, need: Need) -> str:
    shared = sorted(offer.treatments & need.treatments)
    if shared:
        return "both allow " + ", ".join(shared)
    return "no treatment restriction on one side"


@dataclass
class _Columns:
    """Per-listing attributes as arrays, so filters run on whole blocks."""

    lat: NDArray[np.float64]
    lon: NDArray[np.float64]
    quantity: NDArray[np.float64]
    min_lot: NDArray[np.float64]
    max_km: NDArray[np.float64]
    start: NDArray[np.float64]
    end: NDArray[np.float64]
    treatments: NDArray[np.int64]


def _ordinal(day: date | None, default: float) -> float:
    return float(day.toordinal()) if day is not None else default


@cache
def _treatment_order() -> dict[str, int]:
    return {code: bit for bit, code in enumerate(sorted(treatment_codes()))}


def _treatment_bits(codes: frozenset[str]) -> int:
    order = _treatment_order()
    return sum(1 << order[c] for c in codes)


def _columns(items: Sequence[Offer] | Sequence[Need]) -> _Columns:
    limits = [getattr(x, "max_distance_km", None) for x in items]
    return _Columns(
        lat=np.array([x.lat for x in items], dtype=np.float64),
        lon=np.array([x.lon for x in items], dtype=np.float64),
        quantity=np.array([x.quantity for x in items], dtype=np.float64),
        min_lot=np.array([x.min_lot for x in items], dtype=np.float64),
        max_km=np.array([np.inf if v is None else v for v in limits], dtype=np.float64),
        start=np.array([_ordinal(x.window.start, -np.inf) for x in items], dtype=np.float64),
        end=np.array([_ordinal(x.window.end, np.inf) for x in items], dtype=np.float64),
        treatments=np.array([_treatment_bits(x.treatments) for x in items], dtype=np.int64),
    )


NeedIndex = dict[tuple[str, str], list[int]]


def _index_needs(needs: Sequence[Need]) -> NeedIndex:
    """Map (basis, accepted code or prefix) -> need positions; '' is 'any code'."""
    index: NeedIndex = defaultdict(list)
    for position, need in enumerate(needs):
        for key in need.accepted_codes or ("",):
            index[(need.basis.value, key)].append(position)
    return index


def _compatible_needs(
    code: str | None, basis: str, needs: Sequence[Need], index: NeedIndex
) -> tuple[NDArray[np.intp], NDArray[np.int8]]:
    """Needs that accept this code, with the most specific level at which they do."""
    if code is None:
        found = index.get((basis, ""), [])
        return np.array(found, dtype=np.intp), np.zeros(len(found), dtype=np.int8)
    hazardous = waste_code(code).hazardous
    positions: list[int] = []
    levels: list[int] = []
    for level, key in ((6, code), (4, code[:4]), (2, code[:2]), (0, "")):
        for p in index.get((basis, key), ()):
            # A prefix (or 'any') never admits hazardous waste unless the need opts in.
            if level == 6 or not hazardous or needs[p].accepts_hazardous:
                positions.append(p)
                levels.append(level)
    pos = np.array(positions, dtype=np.intp)
    lev = np.array(levels, dtype=np.int8)
    # Levels were appended most specific first, so the first occurrence wins.
    _, first = np.unique(pos, return_index=True)
    return pos[first], lev[first]


@dataclass
class _Pairs:
    offer: list[NDArray[np.intp]] = field(default_factory=list)
    need: list[NDArray[np.intp]] = field(default_factory=list)
    km: list[NDArray[np.float64]] = field(default_factory=list)
    level: list[NDArray[np.int8]] = field(default_factory=list)


def _block_pairs(
    rows: NDArray[np.intp], cols: NDArray[np.intp], oc: _Columns, nc: _Columns
) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.float64]]:
    """Feasible (row, col) pairs of one block with their distances."""
    km = haversine_matrix_km(oc.lat[rows], oc.lon[rows], nc.lat[cols], nc.lon[cols])
    ok = km <= np.minimum(oc.max_km[rows][:, None], nc.max_km[cols][None, :])
    ot, nt = oc.treatments[rows][:, None], nc.treatments[cols][None, :]
    ok &= (ot == 0) | (nt == 0) | ((ot & nt) != 0)
    ok &= np.maximum(oc.start[rows][:, None], nc.start[cols][None, :]) <= np.minimum(
        oc.end[rows][:, None], nc.end[cols][None, :]
    )
    flow = np.minimum(oc.quantity[rows][:, None], nc.quantity[cols][None, :])
    ok &= (flow > 0) & (flow >= np.maximum(oc.min_lot[rows][:, None], nc.min_lot[cols][None, :]))
    r, c = np.nonzero(ok)
    return rows[r], cols[c], km[r, c]


def _feasible_pairs(offers: Sequence[Offer], needs: Sequence[Need]) -> _Pairs:
    oc, nc = _columns(offers), _columns(needs)
    index = _index_needs(needs)
    groups: dict[tuple[str | None, str], list[int]] = defaultdict(list)
    for position, offer in enumerate(offers):
        groups[(offer.ewc_code, offer.basis.value)].append(position)
    pairs = _Pairs()
    for (code, basis), members in groups.items():
        cols, levels = _compatible_needs(code, basis, needs, index)
        if len(cols) == 0:
            continue
        level_of = np.zeros(len(needs), dtype=np.int8)
        level_of[cols] = levels
        rows_all = np.array(members, dtype=np.intp)
        step = max(1, BLOCK_CELLS // len(cols))
        for start in range(0, len(rows_all), step):
            o, n, km = _block_pairs(rows_all[start : start + step], cols, oc, nc)
            pairs.offer.append(o)
            pairs.need.append(n)
            pairs.km.append(km)
            pairs.level.append(level_of[n])
    return pairs


def _concat(parts: Sequence[NDArray[Any]], dtype: type) -> NDArray[Any]:
    return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype=dtype)


def generate_candidates(
    offers: Sequence[Offer],
    needs: Sequence[Need],
    *,
    embed: Embedder | None = None,
    weights: ScoreWeights | None = None,
    use_text: bool = True,
) -> CandidateSet:
    """Find every feasible (offer, need) pair and score it.

    Feasible means: same basis; the need accepts the code (exact, 4- or 2-digit prefix,
    or any); hazard rule; distance within both limits; R/D operations compatible;
    availability windows overlap; the pair can carry at least the larger minimum lot.
    """
    pairs = _feasible_pairs(offers, needs)
    oi = _concat(pairs.offer, np.intp)
    ni = _concat(pairs.need, np.intp)
    km = _concat(pairs.km, np.float64)
    level = _concat(pairs.level, np.int8)
    return _score(offers, needs, oi, ni, km, level, embed, weights or ScoreWeights(), use_text)


def _score(
    offers: Sequence[Offer],
    needs: Sequence[Need],
    oi: NDArray[np.intp],
    ni: NDArray[np.intp],
    km: NDArray[np.float64],
    level: NDArray[np.int8],
    embed: Embedder | None,
    weights: ScoreWeights,
    use_text: bool,
) -> CandidateSet:
    oc, nc = _columns(offers), _columns(needs)
    limit = np.minimum(oc.max_km[oi], nc.max_km[ni])
    distance = np.where(limit > 0, 1.0 - km / np.where(limit > 0, limit, 1.0), 1.0)
    oq, nq = oc.quantity[oi], nc.quantity[ni]
    quantity = np.minimum(oq, nq) / np.maximum(np.maximum(oq, nq), 1e-12)
    time = _time_scores(oc, nc, oi, ni)
    ot, nt = oc.treatments[oi], nc.treatments[ni]
    treatment = np.where((ot & nt) != 0, 1.0, 0.75)
    text = _text_scores(offers, needs, oi, ni, embed) if use_text else np.full(len(oi), np.nan)
    code = np.vectorize(CODE_LEVEL_SCORE.__getitem__, otypes=[np.float64])(level)
    parts = [
        (weights.code, code),
        (weights.distance, distance),
        (weights.quantity, quantity),
        (weights.time, time),
        (weights.treatment, treatment),
    ]
    total = sum(w * v for w, v in parts)
    weight_sum = sum(w for w, _ in parts) + np.where(np.isnan(text), 0.0, weights.text)
    total = total + np.where(np.isnan(text), 0.0, weights.text * np.nan_to_num(text))
    f32 = np.float32
    return CandidateSet(
        offers=offers,
        needs=needs,
        offer_idx=oi,
        need_idx=ni,
        distance_km=km,
        code_level=level,
        distance_score=distance.astype(f32),
        quantity_score=quantity.astype(f32),
        text_score=np.asarray(text, dtype=f32),
        time_score=time.astype(f32),
        treatment_score=treatment.astype(f32),
        score=(total / weight_sum).astype(f32),
        weights=weights,
    )


def _time_scores(
    oc: _Columns, nc: _Columns, oi: NDArray[np.intp], ni: NDArray[np.intp]
) -> NDArray[np.float64]:
    """Overlap in days over the shorter window (open windows count as fully available)."""
    overlap = np.minimum(oc.end[oi], nc.end[ni]) - np.maximum(oc.start[oi], nc.start[ni]) + 1
    shorter = np.minimum(oc.end[oi] - oc.start[oi], nc.end[ni] - nc.start[ni]) + 1
    with np.errstate(invalid="ignore"):
        ratio = np.where(np.isinf(shorter), 1.0, overlap / shorter)
    return np.clip(np.nan_to_num(ratio, nan=1.0), 0.0, 1.0)


def _text_scores(
    offers: Sequence[Offer],
    needs: Sequence[Need],
    oi: NDArray[np.intp],
    ni: NDArray[np.intp],
    embed: Embedder | None,
) -> NDArray[np.float64]:
    """Cosine similarity of descriptions; NaN where either side has none."""
    offer_text = [o.description for o in offers]
    need_text = [n.description for n in needs]
    if embed is None:
        left, right = char_ngram_vectors(offer_text), char_ngram_vectors(need_text)
    else:
        left, right = normalise_rows(embed(offer_text)), normalise_rows(embed(need_text))
    sim = pair_similarity(left, right, oi, ni).astype(np.float64)
    has_text = (
        np.array([bool(t.strip()) for t in offer_text])[oi]
        & np.array([bool(t.strip()) for t in need_text])[ni]
    )
    return np.where(has_text, sim, np.nan)
