from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

from obieg.symbiosis.matching.candidates import ScoreWeights, generate_candidates
from obieg.symbiosis.matching.streams import Need, Offer, StreamError, TimeWindow
from obieg.symbiosis.matching.units import Basis

WARSAW = (52.23, 21.01)
NEARBY = (52.30, 21.10)  # about 10 km from WARSAW
KRAKOW = (50.06, 19.94)  # about 252 km from WARSAW


def offer(code: str | None = "170101", where: tuple[float, float] = WARSAW, **kw: Any) -> Offer:
    kw.setdefault("id", "o")
    kw.setdefault("quantity", 10.0)
    return Offer(lat=where[0], lon=where[1], ewc_code=code, **kw)


def need(
    accepts: tuple[str, ...] = ("17",), where: tuple[float, float] = NEARBY, **kw: Any
) -> Need:
    kw.setdefault("id", "n")
    kw.setdefault("quantity", 10.0)
    kw.setdefault("max_distance_km", 50.0)
    return Need(lat=where[0], lon=where[1], accepted_codes=accepts, **kw)


def pairs(offers: Sequence[Offer], needs: Sequence[Need]) -> set[tuple[str, str]]:
    cs = generate_candidates(offers, needs)
    return {(c.offer_id, c.need_id) for c in cs}


@pytest.mark.parametrize(
    ("accepts", "level"),
    [(("170101",), 6), (("1701",), 4), (("17",), 2), ((), 0), (("17", "170101"), 6)],
)
def test_it_matches_exact_codes_and_prefixes_at_their_level(
    accepts: tuple[str, ...], level: int
) -> None:
    cs = generate_candidates([offer()], [need(accepts)])
    assert len(cs) == 1
    assert int(cs.code_level[0]) == level


@pytest.mark.parametrize("accepts", [("170102",), ("1702",), ("15",)])
def test_it_rejects_codes_the_need_does_not_accept(accepts: tuple[str, ...]) -> None:
    assert pairs([offer()], [need(accepts)]) == set()


def test_it_never_sends_hazardous_waste_to_a_prefix_only_need() -> None:
    hazardous = offer("170106")
    assert pairs([hazardous], [need(("17",))]) == set()
    assert pairs([hazardous], [need(("1701",))]) == set()
    assert pairs([hazardous], [need(())]) == set()


def test_it_accepts_hazardous_waste_listed_exactly_or_explicitly_allowed() -> None:
    hazardous = offer("170106")
    assert pairs([hazardous], [need(("170106",))]) == {("o", "n")}
    assert pairs([hazardous], [need(("17",), accepts_hazardous=True)]) == {("o", "n")}


def test_it_respects_the_maximum_distance_of_need_and_offer() -> None:
    assert pairs([offer(where=KRAKOW)], [need(max_distance_km=200)]) == set()
    assert pairs([offer(where=KRAKOW)], [need(max_distance_km=300)]) == {("o", "n")}
    assert pairs([offer(max_distance_km=5.0)], [need()]) == set()


def test_it_requires_a_shared_treatment_operation_when_both_sides_state_them() -> None:
    recycling = offer(treatments=frozenset({"R5"}))
    assert pairs([recycling], [need(treatments=frozenset({"D1"}))]) == set()
    assert pairs([recycling], [need(treatments=frozenset({"R5", "R12"}))]) == {("o", "n")}
    assert pairs([recycling], [need()]) == {("o", "n")}


def test_it_requires_overlapping_availability_windows() -> None:
    spring = TimeWindow(date(2026, 3, 1), date(2026, 5, 31))
    autumn = TimeWindow(date(2026, 9, 1), date(2026, 11, 30))
    assert pairs([offer(window=spring)], [need(window=autumn)]) == set()
    late_spring = TimeWindow(date(2026, 5, 1), None)
    cs = generate_candidates([offer(window=spring)], [need(window=late_spring)])
    assert len(cs) == 1
    assert float(cs.time_score[0]) == pytest.approx(31 / 92, abs=1e-4)


def test_it_drops_pairs_that_cannot_carry_the_minimum_lot() -> None:
    assert pairs([offer(quantity=10.0)], [need(quantity=4.0, min_lot=5.0)]) == set()
    assert pairs([offer(quantity=0.0)], [need()]) == set()
    assert pairs([offer(quantity=10.0, min_lot=5.0)], [need(quantity=6.0)]) == {("o", "n")}


def test_it_matches_energy_only_with_energy() -> None:
    heat = Offer(id="h", quantity=500, lat=WARSAW[0], lon=WARSAW[1], basis=Basis.MWH)
    assert pairs([heat], [need(())]) == set()
    heat_need = Need(
        id="hn", quantity=100, lat=NEARBY[0], lon=NEARBY[1], max_distance_km=20, basis=Basis.MWH
    )
    assert pairs([heat], [heat_need]) == {("h", "hn")}
    assert pairs([offer()], [heat_need]) == set()


def test_it_explains_every_score_component() -> None:
    cs = generate_candidates(
        [offer(description="gruz betonowy kruszony")],
        [need(("1701",), description="kruszony gruz betonowy")],
    )
    candidate = cs.candidate(0)
    names = [c.name for c in candidate.components]
    assert names == ["code", "distance", "quantity", "time", "treatment", "text"]
    assert "sub-chapter 1701" in candidate.reasons[0]
    assert candidate.components[-1].value > 0.5
    weights = ScoreWeights()
    expected = sum(c.value * c.weight for c in candidate.components) / sum(
        c.weight for c in candidate.components
    )
    assert candidate.score == pytest.approx(expected, abs=1e-5)
    assert weights.code == candidate.components[0].weight


def test_it_leaves_text_out_of_the_score_when_a_description_is_missing() -> None:
    candidate = generate_candidates([offer()], [need(description="beton")]).candidate(0)
    assert "text" not in [c.name for c in candidate.components]


def test_it_uses_a_plugged_in_embedder_for_text_similarity() -> None:
    calls: list[int] = []

    def embed(texts: Sequence[str]) -> NDArray[np.float32]:
        calls.append(len(texts))
        return np.array(
            [[1.0, 0.0] if "concrete" in t or "beton" in t else [0.0, 1.0] for t in texts],
            np.float32,
        )

    cs = generate_candidates(
        [offer(description="beton")], [need(description="concrete")], embed=embed
    )
    assert calls
    assert float(cs.text_score[0]) == pytest.approx(1.0)


def test_it_ranks_needs_for_an_offer_by_score() -> None:
    near = need(id="near", where=NEARBY)
    far = need(id="far", where=(52.6, 21.4), max_distance_km=60)
    ranked = generate_candidates([offer()], [far, near]).ranked_for_offer("o")
    assert [c.need_id for c in ranked] == ["near", "far"]


def test_it_rejects_malformed_streams() -> None:
    with pytest.raises(StreamError):
        need(("170",))
    with pytest.raises(StreamError):
        offer(quantity=-1.0)
    with pytest.raises(StreamError):
        offer(where=(95.0, 0.0))
