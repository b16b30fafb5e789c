"""Server-side SVG charts: no JavaScript library, no CDN, printable as they are."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# The official SDG colours (UN communications guidelines), one per goal.
SDG_COLOURS = (
    "#E5243B",
    "#DDA63A",
    "#4C9F38",
    "#C5192D",
    "#FF3A21",
    "#26BDE2",
    "#FCC30B",
    "#A21942",
    "#FD6925",
    "#DD1367",
    "#FD9D24",
    "#BF8B2E",
    "#3F7E44",
    "#0A97D9",
    "#56C02B",
    "#00689D",
    "#19486A",
)
# Heatmap classes, light to dark (ColorBrewer YlGnBu, as the choropleth uses).
HEAT = ("#f4f6f8", "#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
ROW = 22
LABEL_WIDTH = 250
BAR_WIDTH = 330


def sdg_colour(goal: int) -> str:
    return SDG_COLOURS[(goal - 1) % 17]


def heat_colour(share: float) -> str:
    """Return the heatmap colour of a share between 0 and 1 (grey for none)."""
    if share <= 0:
        return HEAT[0]
    return HEAT[min(5, 1 + int(share * 5 - 1e-9))]


def heat_text_colour(share: float) -> str:
    """Return a text colour legible on the heatmap colour of `share`."""
    return "#ffffff" if share > 0.6 else "#1f2933"


def goal_profile_svg(
    rows: Sequence[tuple[int, str, float, str]], *, title: str, value_label: str
) -> SafeString:
    """Draw a bar per goal: (goal, name, share 0..1, level label), with accessible text."""
    longest = max((share for _g, _n, share, _l in rows), default=0.0) or 1.0
    height = ROW * len(rows) + 10
    width = LABEL_WIDTH + BAR_WIDTH + 90
    parts = [
        format_html(
            '<svg class="sdg-chart" role="img" viewBox="0 0 {} {}" width="100%" '
            'xmlns="http://www.w3.org/2000/svg" aria-labelledby="sdg-chart-title">'
            '<title id="sdg-chart-title">{}</title>',
            width,
            height,
            title,
        )
    ]
    for i, (goal, name, share, level) in enumerate(rows):
        y = 5 + i * ROW
        bar = round(BAR_WIDTH * share / longest, 1)
        percent = f"{share:.0%}"
        parts.append(
            format_html(
                "<g><title>{} {}: {} {} ({})</title>"
                '<text x="{}" y="{}" text-anchor="end" font-size="12">{} · {}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" rx="2"></rect>'
                '<text x="{}" y="{}" font-size="11">{} {}</text></g>',
                goal,
                name,
                value_label,
                percent,
                level,
                LABEL_WIDTH - 6,
                y + 14,
                goal,
                _short(name),
                LABEL_WIDTH,
                y + 3,
                max(bar, 1),
                ROW - 6,
                sdg_colour(goal),
                LABEL_WIDTH + bar + 6,
                y + 14,
                percent,
                level,
            )
        )
    parts.append(mark_safe("</svg>"))  # a constant
    return mark_safe("".join(str(p) for p in parts))  # parts are escaped above


def _short(name: str, limit: int = 30) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
