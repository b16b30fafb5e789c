from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django import template

from obieg.core.translation import pick_translation

register = template.Library()


@register.simple_tag(takes_context=True)
def translated(
    context: dict[str, Any], values: Mapping[str, str] | None, original: str = ""
) -> str:
    """Render translatable content in the page language, falling back to the original."""
    return pick_translation(values, original=original)


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """Return the current query string with some parameters replaced (for facets, pages)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(sorted(params.lists()), doseq=True) if params else "?"


@register.simple_tag(takes_context=True)
def query_set(context: dict[str, Any], key: str, value: Any) -> str:
    """Return the query string with `key` set to `value` (removed if empty), back on page 1."""
    return query_with(context, **{key: value, "page": None})


@register.filter
def get_item(mapping: Mapping[str, Any] | None, key: str) -> Any:
    """Look a key up in a dict from a template (`{{ names|get_item:code }}`)."""
    return (mapping or {}).get(key, "")
