from __future__ import annotations

from django import template

from obieg.strategies.charts import heat_colour, heat_text_colour, sdg_colour

register = template.Library()


@register.filter(name="sdg_colour")
def sdg_colour_filter(goal: int) -> str:
    """Return the official colour of an SDG (`{{ 7|sdg_colour }}`)."""
    return sdg_colour(int(goal))


@register.filter
def heat(share: float) -> str:
    """Return the heatmap colour of a share between 0 and 1."""
    return heat_colour(float(share))


@register.filter
def heat_text(share: float) -> str:
    """Return a text colour legible on the heatmap colour of a share."""
    return heat_text_colour(float(share))


@register.filter
def percent(share: float) -> str:
    """Format a share between 0 and 1 as a whole percentage."""
    return f"{float(share):.0%}"
