"""Aggregate passage labels into a strategy's goal and category profile (Django-free).

The classifier aggregates its own output; the portal aggregates the *effective* labels, in
which reviewers' corrections replace the model's, so this runs again after every correction.
The level rule is the classifier's (obieg.classify.report) so both describe a goal alike.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

GOALS = tuple(range(1, 18))
TOP_PASSAGES = 3
TOP_TARGETS = 3


@dataclass(frozen=True)
class EffectiveLabels:
    """What a passage is taken to address: the reviewer's word if any, else the model's."""

    index: int
    goals: Sequence[int]
    scores: Sequence[float]
    targets: Mapping[str, float] = field(default_factory=dict)
    green_deal: Sequence[str] = ()
    taxonomy: Sequence[str] = ()


@dataclass(frozen=True)
class GoalSummary:
    goal: int
    share: float
    passages: int
    strength: float
    level: str
    top_targets: list[dict[str, float | str]]
    evidence_passages: list[int]


@dataclass(frozen=True)
class CategorySummary:
    key: str
    share: float
    passages: int


def level_for(share: float, count: int, strength: float) -> str:
    """Name how strongly a document addresses a goal (one passage can be incidental)."""
    if count == 0:
        return "absent"
    if count >= 2 and (share >= 0.10 or strength >= 0.85):
        return "strong"
    if count >= 2 or strength >= 0.85:
        return "moderate"
    return "weak"


def _score(labels: EffectiveLabels, goal: int) -> float:
    # A corrected passage says yes or no for certain; its goals score 1 and the rest 0.
    if goal in labels.goals:
        return max(labels.scores[goal - 1] if labels.scores else 0.0, 0.5)
    return min(labels.scores[goal - 1], 0.49) if labels.scores else 0.0


def goal_summary(goal: int, passages: Sequence[EffectiveLabels]) -> GoalSummary:
    """Summarise one goal over all passages of a document."""
    decided = sorted(
        (p for p in passages if goal in p.goals), key=lambda p: (-_score(p, goal), p.index)
    )
    top = sorted((_score(p, goal) for p in passages), reverse=True)[:TOP_PASSAGES]
    strength = sum(top) / len(top) if top else 0.0
    share = len(decided) / len(passages) if passages else 0.0
    totals: dict[str, float] = defaultdict(float)
    for p in decided:
        for code, score in p.targets.items():
            if code.split(".")[0] == str(goal):
                totals[code] += score
    n = max(len(decided), 1)
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TARGETS]
    return GoalSummary(
        goal=goal,
        share=round(share, 4),
        passages=len(decided),
        strength=round(strength, 4),
        level=level_for(share, len(decided), strength),
        top_targets=[{"target": code, "score": round(total / n, 4)} for code, total in ranked],
        evidence_passages=[p.index for p in decided[:TOP_PASSAGES]],
    )


def goal_profile(passages: Sequence[EffectiveLabels]) -> list[GoalSummary]:
    """Summarise all 17 goals, in goal order."""
    return [goal_summary(goal, passages) for goal in GOALS]


def category_profile(passages: Sequence[EffectiveLabels], attribute: str) -> list[CategorySummary]:
    """Share of passages reaching each Green Deal area (`green_deal`) or objective (`taxonomy`)."""
    counts: Counter[str] = Counter()
    for p in passages:
        counts.update(set(getattr(p, attribute)))
    total = max(len(passages), 1)
    return [
        CategorySummary(key, round(count / total, 4), count)
        for key, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
