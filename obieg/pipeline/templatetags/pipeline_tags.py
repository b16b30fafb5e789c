from __future__ import annotations

from typing import Any

from django import template
from django.utils import formats

from obieg.pipeline.finance import Metric

register = template.Library()


def format_value(value: float, kind: str, unit: str = "") -> str:
    """Format a defined metric value for display."""
    if kind == "percent":
        return f"{formats.number_format(value * 100, 2)} %"
    if kind == "years":
        return formats.number_format(value, 2)
    if kind == "ratio":
        return formats.number_format(value, 3)
    return f"{formats.number_format(value, 0, force_grouping=True)} {unit}".strip()


@register.inclusion_tag("pipeline/partials/metric.html")
def metric(value: Metric | None, kind: str = "money", unit: str = "") -> dict[str, Any]:
    """Show a metric, or "undefined" with the reason it is undefined (never a number)."""
    if value is None:
        return {"defined": False, "reason": "", "code": "missing"}
    if value.value is None:
        return {"defined": False, "reason": value.reason, "code": value.code}
    return {
        "defined": True,
        "text": format_value(value.value, kind, unit),
        "flags": value.flags,
        "note": value.note,
        "raw": repr(value.value),
    }


@register.filter
def eur(value: Any) -> str:
    """Format an amount in euros with grouping."""
    if value in (None, ""):
        return "—"
    return f"{formats.number_format(round(float(value)), 0, force_grouping=True)} EUR"


@register.filter
def percent(value: Any) -> str:
    if value in (None, ""):
        return "—"
    return f"{formats.number_format(float(value) * 100, 0)} %"


@register.filter
def get_field(form: Any, name: str) -> Any:
    """Return a bound field by name (`form|get_field:name`)."""
    return form[name]


@register.filter
def stage_choices(project: Any) -> list[tuple[str, str]]:
    """Return the stage choices for a project's move form."""
    from obieg.pipeline.choices import Stage

    return [(value, str(label)) for value, label in Stage.choices]
