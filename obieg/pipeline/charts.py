"""Server-side SVG charts: horizontal bars and tornado diagrams, no JavaScript needed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

LABEL_WIDTH = 190
BAR_AREA = 330
ROW_HEIGHT = 22
COLOURS = ("#2f7d5b", "#b5523b")


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    note: str = ""


def _number(value: float) -> str:
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:,.1f} M"
    if abs(value) >= 10_000:
        return f"{value / 1_000:,.0f} k"
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"


def bar_chart(bars: Sequence[Bar], *, title: str, unit: str = "") -> SafeString:
    """Return a horizontal bar chart; each bar carries its value as text too (accessibility)."""
    width = LABEL_WIDTH + BAR_AREA + 90
    height = ROW_HEIGHT * max(len(bars), 1) + 34
    top = max((b.value for b in bars), default=0) or 1
    rows = []
    for k, bar in enumerate(bars):
        y = 26 + k * ROW_HEIGHT
        length = max(bar.value, 0) / top * BAR_AREA
        value_text = f"{_number(bar.value)} {unit}".strip() + (f" {bar.note}" if bar.note else "")
        rows.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 14}" text-anchor="end">'
            f"{escape(_short(bar.label))}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{length:.1f}" height="{ROW_HEIGHT - 6}" '
            f'fill="{COLOURS[0]}"><title>{escape(bar.label)}: {escape(value_text)}</title></rect>'
            f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{y + 14}">{escape(value_text)}</text>'
        )
    return _svg(width, height, title, _heading(title) + "".join(rows))


def tornado_chart(
    rows: Sequence[tuple[str, float, float]], *, base: float, title: str, unit: str = ""
) -> SafeString:
    """Return a tornado diagram: per driver, NPV at −step (low) and +step (high) around base."""
    width = LABEL_WIDTH + BAR_AREA + 120
    height = ROW_HEIGHT * max(len(rows), 1) + 40
    span = max((max(abs(lo - base), abs(hi - base)) for _n, lo, hi in rows), default=0) or 1
    centre = LABEL_WIDTH + BAR_AREA / 2
    scale = (BAR_AREA / 2) / span
    parts = [f'<line x1="{centre}" y1="18" x2="{centre}" y2="{height - 4}" stroke="#333"/>']
    for k, (name, low, high) in enumerate(rows):
        y = 24 + k * ROW_HEIGHT
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 14}" text-anchor="end">{escape(name)}</text>'
        )
        for value, colour, label in ((low, COLOURS[1], "−"), (high, COLOURS[0], "+")):
            x0, x1 = sorted((centre, centre + (value - base) * scale))
            parts.append(
                f'<rect x="{x0:.1f}" y="{y + 3}" width="{max(x1 - x0, 0.5):.1f}" '
                f'height="{ROW_HEIGHT - 6}" fill="{colour}" fill-opacity=".8">'
                f"<title>{escape(name)} {label}: NPV {escape(_number(value))} {escape(unit)}"
                f"</title></rect>"
            )
        parts.append(
            f'<text x="{LABEL_WIDTH + BAR_AREA + 6}" y="{y + 14}">'
            f"{escape(_number(low))} … {escape(_number(high))}</text>"
        )
    parts.append(
        f'<text x="{centre}" y="12" text-anchor="middle">NPV {escape(_number(base))} '
        f"{escape(unit)}</text>"
    )
    return _svg(width, height, title, "".join(parts))


def _short(label: str) -> str:
    # Long labels would run off the left edge; the full text stays in the bar's tooltip.
    return label if len(label) <= 28 else label[:27] + "…"


def _heading(title: str) -> str:
    return f'<text x="0" y="14" font-weight="bold" font-size="13">{escape(title)}</text>'


def _svg(width: float, height: float, title: str, body: str) -> SafeString:
    # Every piece of text in `body` was escaped above; the frame adds only the escaped title.
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'class="chart" role="img" aria-label="{escape(title)}" font-size="12" '
        f'font-family="sans-serif"><title>{escape(title)}</title>{body}</svg>'
    )
