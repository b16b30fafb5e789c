"""The policy-feedback report as a PDF (ReportLab), with a bar chart of the barriers."""

from __future__ import annotations

import io
import unicodedata
from functools import cache
from pathlib import Path

from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from obieg.pipeline.selectors.policy import PolicyReport

# A Unicode font when the system has one (Polish, Czech, Hungarian letters); ReportLab's
# built-in Helvetica covers Latin-1 only, so without it the text loses its diacritics.
UNICODE_FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
)


@cache
def _font() -> str:
    for path in UNICODE_FONTS:
        if path.exists():
            pdfmetrics.registerFont(TTFont("ObiegSans", str(path)))
            return "ObiegSans"
    return "Helvetica"


def _text(value: str) -> str:
    if _font() != "Helvetica":
        return value
    decomposed = unicodedata.normalize("NFKD", value)
    return (
        "".join(c for c in decomposed if not unicodedata.combining(c))
        .encode("latin-1", "replace")
        .decode("latin-1")
    )


def _eur(value: float) -> str:
    return "EUR " + formats.number_format(round(value), force_grouping=True)


def _chart(report: PolicyReport) -> Drawing:
    rows = report.barriers[:10]
    drawing = Drawing(170 * mm, 8 * mm * max(len(rows), 1) + 4 * mm)
    top = max((r.projects for r in rows), default=0) or 1
    for k, row in enumerate(reversed(rows)):
        y = 2 * mm + k * 8 * mm
        width = row.projects / top * 80 * mm
        drawing.add(String(0, y + 2 * mm, _text(row.label[:40]), fontName=_font(), fontSize=8))
        drawing.add(
            Rect(75 * mm, y, width, 6 * mm, fillColor=colors.HexColor("#2f7d5b"), strokeColor=None)
        )
        drawing.add(
            String(77 * mm + width, y + 2 * mm, str(row.projects), fontName=_font(), fontSize=8)
        )
    return drawing


def policy_report_pdf_bytes(report: PolicyReport) -> bytes:
    """Render the report to PDF bytes."""
    styles = getSampleStyleSheet()
    for style in styles.byName.values():
        style.fontName = _font()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title=_text(_("Policy feedback")))
    story = [
        Paragraph(_text(_("Investment pipeline: policy feedback")), styles["Title"]),
        Paragraph(
            _text(
                _(
                    "Barriers that keep circular-economy investments from funding, "
                    "aggregated over %(n)s projects; no project is named."
                )
                % {"n": report.projects}
            ),
            styles["Normal"],
        ),
        Spacer(1, 4 * mm),
        Paragraph(
            _text(
                _("Projects with at least one barrier: %(n)s, holding %(capital)s of %(total)s.")
                % {
                    "n": report.projects_with_barriers,
                    "capital": _eur(report.blocked_capital_eur),
                    "total": _eur(report.capital_eur),
                }
            ),
            styles["Normal"],
        ),
        Spacer(1, 4 * mm),
        _chart(report),
        Spacer(1, 4 * mm),
        _table(report),
    ]
    doc.build(story)
    return buffer.getvalue()


def _table(report: PolicyReport) -> Table:
    header = [_("Barrier"), _("Projects"), _("Share"), _("Capital held back")]
    rows = [[_text(h) for h in header]] + [
        [_text(r.label), str(r.projects), f"{r.share:.0%}", _eur(r.capital_eur)]
        for r in report.barriers
    ]
    table = Table(rows, colWidths=[80 * mm, 25 * mm, 20 * mm, 45 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), _font()),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ]
        )
    )
    return table
