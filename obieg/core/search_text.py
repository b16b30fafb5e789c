"""Accent- and case-insensitive matching for simple searches in all five languages."""

from __future__ import annotations

import re
import unicodedata

_SPECIAL = str.maketrans({"ł": "l", "Ł": "l", "ß": "ss", "đ": "d", "ø": "o", "æ": "ae"})
_TOKEN = re.compile(r"\w+", re.UNICODE)


def normalise_for_search(text: str) -> str:
    """Lower-case, strip diacritics ("Kraków" → "krakow"), collapse whitespace."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL).casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


def search_terms(query: str, *, limit: int = 8) -> list[str]:
    """Split a user query into normalised terms (at most `limit`, to bound the SQL)."""
    return _TOKEN.findall(normalise_for_search(query))[:limit]
