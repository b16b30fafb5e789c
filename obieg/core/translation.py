"""Translatable content stored as {language: text} with a fallback to the original language."""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.utils import translation


def pick_translation(
    values: Mapping[str, str] | None, *, original: str = "", language: str | None = None
) -> str:
    """Return the text in `language` (default: the active one), else the original, else any."""
    if not values:
        return ""
    wanted = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    for code in (wanted, original, settings.LANGUAGE_CODE):
        if code and values.get(code):
            return values[code]
    return next((text for text in values.values() if text), "")


def translation_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]
