"""Write plain text PDFs with a real text layer, without any PDF library.

Used to generate documents for the ingestion benchmark, the tests and the demo. Text is set
in Helvetica with WinAnsi encoding; letters outside it (ł, ő, ř…) lose their diacritics,
which is fine for generated samples.
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Sequence

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
LINE_HEIGHT = 14
LINES_PER_PAGE = 52
WRAP = 92
_SPECIAL = str.maketrans({"ł": "l", "Ł": "L", "ő": "ö", "Ő": "Ö", "ű": "ü", "Ű": "Ü"})


def _winansi(text: str) -> bytes:
    text = text.translate(_SPECIAL)
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", ch)[0]
            out += base.encode("cp1252", errors="replace")
    return bytes(out).replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _content(lines: Sequence[str]) -> bytes:
    parts = [b"BT /F1 10.5 Tf %d TL 50 %d Td" % (LINE_HEIGHT, PAGE_HEIGHT - 60)]
    for line in lines:
        parts.append(b"(" + _winansi(line) + b") Tj T*")
    parts.append(b"ET")
    return b"\n".join(parts)


def layout(paragraphs: Sequence[str]) -> list[list[str]]:
    """Wrap paragraphs into lines and pages; a blank line separates paragraphs."""
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += textwrap.wrap(paragraph, WRAP) or [""]
        lines.append("")
    return [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)] or [[]]


def write_pdf(pages: Sequence[Sequence[str]], *, with_text: bool = True) -> bytes:
    """Return a PDF whose pages hold the given lines (a scan-like PDF if `with_text` is off)."""
    objects: list[bytes] = [
        b"",
        b"",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    for lines in pages:
        stream = _content(lines) if with_text else b"0.5 g 50 50 495 742 re f"
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        content_number = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 3 0 R "
            b">> >> /Contents %d 0 R >>" % (PAGE_WIDTH, PAGE_HEIGHT, content_number)
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    return _serialise(objects)


def _serialise(objects: Sequence[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def text_pdf(paragraphs: Sequence[str]) -> bytes:
    """Return a PDF of the paragraphs, laid out on as many A4 pages as they need."""
    return write_pdf(layout(paragraphs))
