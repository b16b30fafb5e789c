"""Receiver suggestions: which industries (NACE divisions) are likely to take a waste stream.

Each piece of evidence gives a probability-like weight in (0, 1]; a division's score is
the noisy-OR of its evidence, 1 - prod(1 - w), so independent hints add up without ever
exceeding 1, and one strong hint outranks several weak ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from obieg.symbiosis.matching.reference import (
    ReceiverRule,
    nace_division,
    normalise_code,
    receiver_rules,
    waste_code,
)
from obieg.symbiosis.matching.text_similarity import fold_text

# How much a match is worth by how much of the code it shares.
KNOWLEDGE_SPECIFICITY = {6: 1.0, 4: 0.85, 2: 0.6}
EXCHANGE_WEIGHT = {6: 0.5, 4: 0.3, 2: 0.1}
PRACTICE_WEIGHT = {6: 0.6, 4: 0.4, 2: 0.2}
# A keyword in the description is a weaker hint than the code itself.
TEXT_WEIGHT = 0.35


@dataclass(frozen=True, slots=True)
class RecordedExchange:
    """An exchange carried out on the platform: this waste went to this division."""

    ewc_code: str
    receiver_nace: str


@dataclass(frozen=True, slots=True)
class GoodPractice:
    """A documented good practice: these codes (or prefixes) were taken by this division."""

    codes: tuple[str, ...]
    receiver_nace: str
    title: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reason to suggest a division."""

    source: str  # knowledge | exchange | good_practice | text
    weight: float
    detail: str


@dataclass(frozen=True, slots=True)
class ReceiverSuggestion:
    """A ranked receiving NACE division with its evidence."""

    nace: str
    title: str
    score: float
    evidence: tuple[Evidence, ...]


def _prefix_level(code: str, digits: str) -> int:
    """Level at which a longer reference code agrees with the offered code."""
    for level in (6, 4, 2):
        if digits[:level] == code[:level]:
            return level
    return 0


def _knowledge_evidence(code: str, rules: Sequence[ReceiverRule]) -> list[tuple[str, Evidence]]:
    out = []
    for rule in rules:
        if code.startswith(rule.prefix):
            weight = rule.weight * KNOWLEDGE_SPECIFICITY[len(rule.prefix)]
            detail = f"{_spaced(rule.prefix)}: {rule.reason}"
            out.append((rule.nace, Evidence("knowledge", weight, detail)))
    return out


def _text_evidence(text: str, rules: Sequence[ReceiverRule]) -> list[tuple[str, Evidence]]:
    folded = f" {fold_text(text)} "
    best: dict[str, tuple[float, str, str]] = {}
    for rule in rules:
        hits = [k for k in rule.keywords if f" {fold_text(k)}" in folded]
        if hits and rule.weight > best.get(rule.nace, (0.0, "", ""))[0]:
            best[rule.nace] = (rule.weight, hits[0], rule.reason)
    return [
        (nace, Evidence("text", TEXT_WEIGHT * w, f"description mentions '{hit}': {reason}"))
        for nace, (w, hit, reason) in best.items()
    ]


def _exchange_evidence(
    code: str, exchanges: Sequence[RecordedExchange]
) -> list[tuple[str, Evidence]]:
    counts: dict[tuple[str, int], int] = defaultdict(int)
    for ex in exchanges:
        level = _prefix_level(code, normalise_code(ex.ewc_code))
        if level:
            counts[(nace_division(ex.receiver_nace).code, level)] += 1
    out = []
    for (nace, level), n in counts.items():
        weight = 1 - (1 - EXCHANGE_WEIGHT[level]) ** n
        what = {6: "the same code", 4: "the same sub-chapter", 2: "the same chapter"}[level]
        out.append((nace, Evidence("exchange", weight, f"{n} recorded exchange(s) of {what}")))
    return out


def _practice_evidence(code: str, practices: Sequence[GoodPractice]) -> list[tuple[str, Evidence]]:
    out = []
    for practice in practices:
        levels = [_practice_level(code, c) for c in practice.codes]
        level = max(levels, default=0)
        if level:
            nace = nace_division(practice.receiver_nace).code
            out.append((nace, Evidence("good_practice", PRACTICE_WEIGHT[level], practice.title)))
    return out


def _practice_level(code: str, listed: str) -> int:
    """A practice listing a prefix covers every code under it at that prefix's level."""
    digits = normalise_code(listed)
    if len(digits) in (2, 4) and code.startswith(digits):
        return len(digits)
    return _prefix_level(code, digits) if len(digits) == 6 else 0


def _spaced(prefix: str) -> str:
    return " ".join(prefix[i : i + 2] for i in range(0, len(prefix), 2))


def suggest_receivers(
    ewc_code: str,
    *,
    text: str = "",
    exchanges: Sequence[RecordedExchange] = (),
    practices: Sequence[GoodPractice] = (),
    top: int = 5,
) -> list[ReceiverSuggestion]:
    """Rank NACE divisions likely to take this waste, each with its evidence."""
    code = waste_code(ewc_code).code
    rules = receiver_rules()
    found = _knowledge_evidence(code, rules) + _exchange_evidence(code, exchanges)
    found += _practice_evidence(code, practices)
    if text.strip():
        found += _text_evidence(text, rules)
    by_nace: dict[str, list[Evidence]] = defaultdict(list)
    for nace, evidence in found:
        by_nace[nace].append(evidence)
    ranked = [_suggestion(nace, ev) for nace, ev in by_nace.items()]
    ranked.sort(key=lambda s: (-s.score, s.nace))
    return ranked[:top]


def _suggestion(nace: str, evidence: list[Evidence]) -> ReceiverSuggestion:
    remaining = 1.0
    for e in evidence:
        remaining *= 1 - e.weight
    ordered = tuple(sorted(evidence, key=lambda e: -e.weight))
    return ReceiverSuggestion(nace, nace_division(nace).en, 1 - remaining, ordered)
