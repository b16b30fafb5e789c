from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from obieg.strategies.profiles import EffectiveLabels, category_profile, goal_profile, level_for


def _labels(index: int, goals: list[int], **kwargs: object) -> EffectiveLabels:
    scores = [0.9 if g + 1 in goals else 0.05 for g in range(17)]
    return EffectiveLabels(index=index, goals=goals, scores=scores, **kwargs)  # type: ignore[arg-type]


def test_a_goal_in_several_passages_is_strong_and_a_goal_in_none_absent() -> None:
    # given three passages, two about energy (7), one about waste (12)
    passages = [
        _labels(0, [7], targets={"7.2": 0.9}),
        _labels(1, [7, 13], targets={"7.2": 0.8, "7.3": 0.5, "13.2": 0.6}),
        _labels(2, [12], targets={"12.5": 0.7}),
    ]

    # when profiled
    profile = {g.goal: g for g in goal_profile(passages)}

    # then energy is strong with its best target first, waste weak, the rest absent
    assert profile[7].level == "strong"
    assert profile[7].passages == 2
    assert profile[7].top_targets[0]["target"] == "7.2"
    assert profile[7].evidence_passages == [0, 1]
    assert profile[12].level in {"weak", "moderate"}
    assert profile[1].level == "absent"
    assert profile[1].evidence_passages == []


def test_targets_of_other_goals_do_not_leak_into_a_goal() -> None:
    profile = {g.goal: g for g in goal_profile([_labels(0, [7], targets={"12.5": 1.0})])}
    assert profile[7].top_targets == []


def test_category_shares_count_each_passage_once() -> None:
    passages = [
        _labels(0, [7], green_deal=["GD-ENERGY", "GD-ENERGY"]),
        _labels(1, [12], green_deal=["GD-INDUSTRY"]),
    ]
    shares = {c.key: c for c in category_profile(passages, "green_deal")}
    assert shares["GD-ENERGY"].passages == 1
    assert shares["GD-ENERGY"].share == 0.5


@given(st.floats(0, 1), st.integers(0, 50), st.floats(0, 1))
def test_level_is_absent_exactly_when_no_passage_decides(
    share: float, count: int, strength: float
) -> None:
    assert (level_for(share, count, strength) == "absent") == (count == 0)


@given(st.lists(st.lists(st.integers(1, 17), max_size=4, unique=True), min_size=1, max_size=30))
def test_shares_are_fractions_of_passages(goal_lists: list[list[int]]) -> None:
    passages = [_labels(i, goals) for i, goals in enumerate(goal_lists)]
    for summary in goal_profile(passages):
        assert 0.0 <= summary.share <= 1.0
        assert summary.passages == sum(summary.goal in goals for goals in goal_lists)
