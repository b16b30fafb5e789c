"""SDG and Green Deal alignment of a project description, from the obieg classifier.

The one place the pipeline touches `obieg.classify`: the classifier's result is reduced to a
JSON-ready dict that is stored on the project, and to theme codes (`SDG12`, `GD-INDUSTRY`, `CE`)
that funding instruments list.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from functools import cache
from typing import Any

# Green Deal areas and Taxonomy objectives below this score are too weak to count as themes.
CATEGORY_THRESHOLD = 0.5


@cache
def _classifier() -> Any:
    from obieg.classify import Classifier

    return Classifier.load()


def text_fingerprint(text: str) -> str:
    """Return a short hash that tells whether the text changed since the last alignment."""
    return hashlib.sha256(text.strip().encode()).hexdigest()[:64]


def classify_description(text: str) -> dict[str, Any]:
    """Classify one description and return the stored alignment (goals, Green Deal, Taxonomy)."""
    result = _classifier().classify([text])[0]
    return {
        "language": result.language,
        "model": result.model,
        "goals": [
            {
                "goal": g.goal,
                "score": round(g.score, 4),
                "evidence": list(g.evidence[:3]),
                "targets": [t.target for t in g.targets[:3]],
            }
            for g in result.goals
            if g.decided
        ],
        "green_deal": [
            {"key": c.key, "name": c.name, "score": round(c.score, 4)} for c in result.green_deal
        ],
        "taxonomy": [
            {"key": c.key, "name": c.name, "score": round(c.score, 4)} for c in result.taxonomy
        ],
        "circular": list(result.circular),
    }


def alignment_themes(alignment: Mapping[str, Any]) -> frozenset[str]:
    """Return the theme codes an alignment gives a project, for funding fit."""
    themes = {f"SDG{g['goal']}" for g in alignment.get("goals", ())}
    for group in ("green_deal", "taxonomy"):
        themes |= {
            c["key"] for c in alignment.get(group, ()) if c.get("score", 0) >= CATEGORY_THRESHOLD
        }
    return frozenset(themes)
