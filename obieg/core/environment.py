"""Typed readers for settings that come from the environment.

Every name read here is recorded so that a test can check it is documented in
docs/settings.md: an undocumented setting is a setting nobody can find.
"""

from __future__ import annotations

import os

READ_SETTINGS: dict[str, str] = {}


def _read(name: str, default: str) -> str:
    READ_SETTINGS[name] = default
    return os.environ.get(name, default)


def env_str(name: str, default: str = "") -> str:
    """Return the environment variable `name` as a string."""
    return _read(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    """Return the environment variable `name` as a boolean (1/true/yes/on)."""
    value = _read(name, "1" if default else "0")
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    """Return the environment variable `name` as an integer."""
    value = _read(name, str(default))
    try:
        return int(value)
    except ValueError as exc:
        raise ValueError(f"{name} must be an integer, got {value!r}") from exc


def env_list(name: str, default: str = "") -> list[str]:
    """Return the comma-separated environment variable `name` as a list."""
    return [item.strip() for item in _read(name, default).split(",") if item.strip()]
