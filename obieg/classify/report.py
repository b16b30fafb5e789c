"""Document-level aggregation of passage results, and their JSON and text renderings."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from . import sdg_taxonomy
from .model import Classification, Classifier, TargetScore
from .passages import Passage, split_passages

TOP_PASSAGES = 3
GOAL_FLOOR_JSON = 0.1


@dataclass(frozen=True)
class PassageResult:
    """A passage with its classification."""

    passage: Passage
    classification: Classification


@dataclass(frozen=True)
class GoalProfile:
    """How much and how strongly a document addresses one goal."""

    goal: int
    name: str
    share: float
    passages: int
    strength: float
    level: str
    top_targets: list[TargetScore]
    evidence_passages: list[int]


@dataclass(frozen=True)
class CategoryShare:
    """Share of passages that reach an EU Taxonomy objective or Green Deal area."""

    key: str
    name: str
    share: float
    passages: int


@dataclass(frozen=True)
class DocumentReport:
    """The goal profile of a document, with evidence passages and page numbers."""

    passages: list[PassageResult]
    goals: list[GoalProfile]
    green_deal: list[CategoryShare]
    taxonomy: list[CategoryShare]
    languages: dict[str, int]
    model: str
    model_version: str
    note: str

    @property
    def labels(self) -> list[int]:
        """Return the goals the document addresses, strongest first."""
        return [g.goal for g in self.goals if g.level != "absent"]


def _level(share: float, count: int, strength: float) -> str:
    # A single passage can be incidental; several, or a sizeable share, make a theme.
    if count == 0:
        return "absent"
    if count >= 2 and (share >= 0.10 or strength >= 0.85):
        return "strong"
    if count >= 2 or strength >= 0.85:
        return "moderate"
    return "weak"


def _goal_profile(goal: int, results: Sequence[PassageResult]) -> GoalProfile:
    scored = sorted(
        ((r.classification.goal(goal).score, r) for r in results),
        key=lambda pair: (-pair[0], pair[1].passage.index),
    )
    decided = [r for _, r in scored if r.classification.goal(goal).decided]
    share = len(decided) / len(results) if results else 0.0
    top = [s for s, _ in scored[:TOP_PASSAGES]]
    strength = sum(top) / len(top) if top else 0.0
    target_totals: dict[str, float] = defaultdict(float)
    for r in decided:
        for t in r.classification.goal(goal).targets:
            target_totals[t.target] += t.score
    targets = sorted(target_totals.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    n = max(len(decided), 1)
    return GoalProfile(
        goal=goal,
        name=sdg_taxonomy.goal(goal).name(),
        share=round(share, 4),
        passages=len(decided),
        strength=round(strength, 4),
        level=_level(share, len(decided), strength),
        top_targets=[TargetScore(code, round(total / n, 4)) for code, total in targets],
        evidence_passages=[r.passage.index for r in decided[:TOP_PASSAGES]],
    )


def _category_shares(results: Sequence[PassageResult], attribute: str) -> list[CategoryShare]:
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for r in results:
        for category in getattr(r.classification, attribute):
            if category.score >= 0.5:
                counts[category.key] += 1
                names[category.key] = category.name
    total = max(len(results), 1)
    return [
        CategoryShare(key, names[key], round(count / total, 4), count)
        for key, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def build_report(classifier: Classifier, pages: Sequence[str]) -> DocumentReport:
    """Split pages into passages, classify them and aggregate per goal."""
    passages = split_passages(pages)
    classifications = classifier.classify([p.text for p in passages])
    results = [PassageResult(p, c) for p, c in zip(passages, classifications, strict=True)]
    profiles = [_goal_profile(g, results) for g in sdg_taxonomy.GOAL_NUMBERS]
    profiles.sort(key=lambda g: (-g.share, -g.strength, g.goal))
    return DocumentReport(
        passages=results,
        goals=profiles,
        green_deal=_category_shares(results, "green_deal"),
        taxonomy=_category_shares(results, "taxonomy"),
        languages=dict(Counter(c.language for c in classifications).most_common()),
        model=classifier.model_name,
        model_version=classifier.model_version,
        note=classifier.note,
    )


def classification_json(classification: Classification) -> dict[str, Any]:
    """Return the JSONL contract's fields for one classification (without the id)."""
    return {
        "language": classification.language,
        "labels": classification.labels,
        "goals": [
            {
                "goal": g.goal,
                "score": g.score,
                "decided": g.decided,
                "targets": [asdict(t) for t in g.targets],
                "evidence": g.evidence,
            }
            for g in sorted(classification.goals, key=lambda g: (-g.score, g.goal))
            if g.decided or g.score >= GOAL_FLOOR_JSON
        ],
        "green_deal": [asdict(c) for c in classification.green_deal],
        "taxonomy": [asdict(c) for c in classification.taxonomy],
        "circular": classification.circular,
        "model": classification.model,
    }


def report_json(report: DocumentReport, source: str) -> dict[str, Any]:
    """Return a document report as JSON-ready data."""
    return {
        "source": source,
        "model": report.model,
        "model_version": report.model_version,
        "note": report.note,
        "languages": report.languages,
        "labels": report.labels,
        "goals": [asdict(g) for g in report.goals],
        "green_deal": [asdict(c) for c in report.green_deal],
        "taxonomy": [asdict(c) for c in report.taxonomy],
        "passages": [
            {
                "index": r.passage.index,
                "page": r.passage.page,
                "text": r.passage.text,
                **classification_json(r.classification),
            }
            for r in report.passages
        ],
    }


def report_text(report: DocumentReport, source: str) -> str:
    """Render a readable report: goal profile, top targets, evidence passages with pages."""
    lines = [
        f"# {source}",
        f"model: {report.model} ({report.model_version})"
        + (f" — NOTE: {report.note}" if report.note else ""),
        f"passages: {len(report.passages)}; languages: "
        + ", ".join(f"{k} {v}" for k, v in report.languages.items()),
        "",
        "SDG  level     share  strength  top targets  goal",
    ]
    for g in report.goals:
        if g.level == "absent":
            continue
        targets = ", ".join(t.target for t in g.top_targets) or "-"
        lines.append(
            f"{g.goal:>3}  {g.level:<8} {g.share:>6.1%}  {g.strength:>8.2f}"
            f"  {targets:<11}  {g.name}"
        )
    lines += _category_lines("Green Deal areas", report.green_deal)
    lines += _category_lines("EU Taxonomy objectives", report.taxonomy)
    lines += ["", "Evidence passages"]
    by_index = {r.passage.index: r for r in report.passages}
    for g in report.goals:
        for index in g.evidence_passages[:2]:
            r = by_index[index]
            evidence = ", ".join(r.classification.goal(g.goal).evidence)
            snippet = r.passage.text[:220] + ("…" if len(r.passage.text) > 220 else "")
            lines.append(f"- SDG {g.goal}, page {r.passage.page}: {snippet}")
            if evidence:
                lines.append(f"  evidence: {evidence}")
    return "\n".join(lines) + "\n"


def _category_lines(title: str, shares: Sequence[CategoryShare]) -> list[str]:
    if not shares:
        return []
    return ["", title] + [f"  {c.key:<17} {c.share:>6.1%}  {c.name}" for c in shares]
