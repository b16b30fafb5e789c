"""Filters read from a query string into a frozen dataclass, shared by every list."""

from __future__ import annotations

from typing import Any, Self


class QueryFilters:
    """Mixin for frozen dataclasses of string filters (`?country=PL&kind=…`)."""

    __dataclass_fields__: dict[str, Any]

    @classmethod
    def from_mapping(cls, data: Any) -> Self:
        """Read every field from a mapping (request.GET, a dict), trimmed; missing means ""."""
        return cls(**{name: str(data.get(name) or "").strip() for name in cls.__dataclass_fields__})
