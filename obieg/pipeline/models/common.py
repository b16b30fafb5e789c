"""JSON-field defaults shared by the pipeline models (migrations import them by name)."""

from __future__ import annotations


def _empty_dict() -> dict[str, object]:
    return {}


def _empty_list() -> list[object]:
    return []
