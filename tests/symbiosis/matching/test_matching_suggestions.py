from __future__ import annotations

import pytest

from obieg.symbiosis.matching.reference import UnknownCodeError
from obieg.symbiosis.matching.suggestions import GoodPractice, RecordedExchange, suggest_receivers


def test_it_sends_fly_ash_to_cement_and_concrete_first() -> None:
    ranked = suggest_receivers("10 01 02")
    assert ranked[0].nace == "23"
    assert ranked[0].evidence[0].source == "knowledge"
    assert "cement" in ranked[0].evidence[0].detail


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("020304", "10"),
        ("170101", "42"),
        ("150101", "17"),
        ("150102", "22"),
        ("030105", "16"),
        ("200108", "35"),
    ],
)
def test_it_knows_the_usual_receivers_of_common_wastes(code: str, expected: str) -> None:
    assert suggest_receivers(code, top=1)[0].nace == expected


def test_recorded_exchanges_raise_a_division() -> None:
    before = {s.nace: s.score for s in suggest_receivers("191212", top=20)}
    exchanges = [RecordedExchange("191212", "35.11")] * 3
    after = suggest_receivers("191212", exchanges=exchanges, top=20)
    assert after[0].nace == "35"
    assert after[0].score > before["35"]
    assert any(e.source == "exchange" and "3 recorded" in e.detail for e in after[0].evidence)


def test_good_practices_match_by_code_prefix() -> None:
    practice = GoodPractice(("0702",), "20.16", "Off-spec polymer reused as compounding feedstock")
    ranked = suggest_receivers("070213", practices=[practice], top=10)
    chemistry = next(s for s in ranked if s.nace == "20")
    assert any(
        e.source == "good_practice" and e.detail == practice.title for e in chemistry.evidence
    )


def test_a_description_adds_evidence_in_polish() -> None:
    plain = {s.nace: s.score for s in suggest_receivers("191212", top=20)}
    ranked = suggest_receivers("191212", text="trociny i zrębki drzewne", top=20)
    wood = next(s for s in ranked if s.nace == "16")
    assert "16" not in plain
    assert wood.evidence[0].source == "text"


def test_scores_stay_within_zero_and_one_and_are_sorted() -> None:
    ranked = suggest_receivers("170904", exchanges=[RecordedExchange("170904", "42")] * 50, top=10)
    scores = [s.score for s in ranked]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 1 for s in scores)


def test_it_rejects_an_unknown_code() -> None:
    with pytest.raises(UnknownCodeError):
        suggest_receivers("999999")
