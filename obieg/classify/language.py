"""Language detection for passages: EN, PL, CS, SK, HU and any other language py3langid knows."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

UNDETERMINED = "und"
SUPPORTED = ("en", "pl", "cs", "sk", "hu")
# Letters that occur in one of the two closely related languages only.
SLOVAK_ONLY = set("äôĺľŕ")
CZECH_ONLY = set("ěřů")
SLOVAK_WORDS = frozenset(
    word
    for line in (
        "a aj ako alebo ale bol bola boli by je sú nie pre pri sa sme ste ktorý ktorá ktoré mesto",
        "mesta obce tiež už veľmi však ich iba",
    )
    for word in line.split()
)
CZECH_WORDS = frozenset(
    word
    for line in (
        "a i jako nebo ale byl byla byly by je jsou ne pro při se jsme jste který která které",
        "město města obce také už velmi však jejich pouze",
    )
    for word in line.split()
)
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_LETTERS = 12
SAMPLE_CHARS = 600


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _czech_or_slovak(text: str, guess: str) -> str:
    lowered = text.lower()
    letters = set(lowered)
    sk_letters, cs_letters = len(letters & SLOVAK_ONLY), len(letters & CZECH_ONLY)
    if sk_letters != cs_letters:
        return "sk" if sk_letters > cs_letters else "cs"
    words = WORD.findall(lowered)
    sk_words = sum(w in SLOVAK_WORDS and w not in CZECH_WORDS for w in words)
    cs_words = sum(w in CZECH_WORDS and w not in SLOVAK_WORDS for w in words)
    if sk_words != cs_words:
        return "sk" if sk_words > cs_words else "cs"
    return guess


def detect_language(text: str) -> str:
    """Return an ISO 639-1 code, or "und" for text too short or without letters."""
    # The opening of a passage is enough to tell its language, and much cheaper.
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample[: MIN_LETTERS * 8]) < MIN_LETTERS:
        return UNDETERMINED
    guess, _probability = _identifier().classify(sample)
    if guess in ("cs", "sk"):
        return _czech_or_slovak(sample, guess)
    return str(guess)
