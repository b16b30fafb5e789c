"""The SDG taxonomy (goals, targets, indicators), EU Taxonomy objectives, Green Deal areas, 10-R.

Texts are keyed by ISO 639-1 language code; see ``data/SOURCES.md`` for their origin.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"
GOAL_NUMBERS = tuple(range(1, 18))


@dataclass(frozen=True)
class Goal:
    """One of the 17 Sustainable Development Goals."""

    number: int
    short: dict[str, str]
    title: dict[str, str]

    def name(self, language: str = "en") -> str:
        """Return the short name in the language, falling back to English."""
        return self.short.get(language) or self.short["en"]


@dataclass(frozen=True)
class Target:
    """One of the 169 SDG targets, e.g. ``7.2``."""

    code: str
    goal: int
    text: dict[str, str]


@dataclass(frozen=True)
class Indicator:
    """A global SDG indicator, e.g. ``7.2.1``, attached to its target."""

    code: str
    target: str
    text: dict[str, str]


@dataclass(frozen=True)
class EuCategory:
    """An EU Taxonomy environmental objective or a European Green Deal policy area."""

    key: str
    name: str
    names: dict[str, str]
    description: str
    sdg_links: tuple[int, ...]
    targets: tuple[str, ...]


@dataclass(frozen=True)
class CircularStrategy:
    """A rung of the 10-R circular-economy ladder (R0 Refuse ... R9 Recover)."""

    key: str
    name: str
    description: str
    keywords: tuple[str, ...]


def _read(name: str) -> Any:
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def _sdg() -> Any:
    return _read("sdg_taxonomy.json")


@lru_cache(maxsize=1)
def goal_lexicon() -> dict[int, dict[str, Any]]:
    """Return the hand-written EN/PL/CS/SK/HU keyword concepts and SK/HU names per goal."""
    return {int(g): entry for g, entry in _read("goal_lexicon.json")["goals"].items()}


@lru_cache(maxsize=1)
def goals() -> tuple[Goal, ...]:
    """Return the 17 goals in order, with SK/HU names from the lexicon."""
    lexicon = goal_lexicon()
    return tuple(
        Goal(raw["goal"], {**raw["short"], **lexicon[raw["goal"]]["names"]}, raw["title"])
        for raw in _sdg()["goals"]
    )


@lru_cache(maxsize=1)
def targets() -> tuple[Target, ...]:
    """Return the 169 targets ordered by goal."""
    return tuple(Target(raw["target"], raw["goal"], raw["text"]) for raw in _sdg()["targets"])


@lru_cache(maxsize=1)
def indicators() -> tuple[Indicator, ...]:
    """Return the global indicators."""
    return tuple(
        Indicator(raw["indicator"], raw["target"], raw["text"]) for raw in _sdg()["indicators"]
    )


def goal(number: int) -> Goal:
    """Return goal ``number`` (1-17)."""
    return goals()[number - 1]


def targets_of(number: int) -> tuple[Target, ...]:
    """Return the targets of one goal."""
    return tuple(t for t in targets() if t.goal == number)


def _eu_categories(kind: str) -> tuple[EuCategory, ...]:
    crosswalk = _read("eu_crosswalk.json")[kind]
    return tuple(
        EuCategory(
            key=raw["key"],
            name=raw["en"],
            names=raw.get("names", {}),
            description=raw["description"],
            sdg_links=tuple(raw["sdg_links"]),
            targets=tuple(crosswalk[raw["key"]]),
        )
        for raw in _read("eu_green_deal.json")[kind]
    )


@lru_cache(maxsize=1)
def taxonomy_objectives() -> tuple[EuCategory, ...]:
    """Return the six environmental objectives of the EU Taxonomy (Reg. 2020/852 Art. 9)."""
    return _eu_categories("taxonomy_objectives")


@lru_cache(maxsize=1)
def green_deal_areas() -> tuple[EuCategory, ...]:
    """Return the policy areas of the European Green Deal (COM(2019) 640)."""
    return _eu_categories("green_deal_policy_areas")


@lru_cache(maxsize=1)
def r_ladder() -> tuple[CircularStrategy, ...]:
    """Return the 10-R ladder from R0 Refuse to R9 Recover."""
    return tuple(
        CircularStrategy(raw["key"], raw["en"], raw["description"], tuple(raw["keywords"]))
        for raw in _read("r_ladder.json")["strategies"]
    )
