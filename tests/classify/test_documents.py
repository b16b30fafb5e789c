from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from obieg.classify.documents import DocumentError, extract_pages, extract_pages_from_bytes

PAGE_TEXT = "The city will modernise district heating and insulate its schools by 2030."


def _text_pdf(pages: list[str]) -> bytes:
    """Build a minimal PDF with one text line per page (Helvetica, a real text layer)."""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for text in pages:
        stream = f"BT /F1 10 Tf 40 700 Td ({text}) Tj ET".encode("latin-1")
        objects.append(
            f"<< /Length {len(stream)} >>\nstream\n{stream.decode('latin-1')}\nendstream"
        )
        content = len(objects)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content} 0 R "
            "/Resources << /Font << /F1 3 0 R >> >> >>"
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def _blank_pdf(password: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    if password:
        writer.encrypt(user_password=password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_it_reads_pdf_text_page_by_page() -> None:
    data = _text_pdf([PAGE_TEXT, "Second page about clean water supply for every village."])

    pages = extract_pages_from_bytes(data, "strategy.pdf")

    assert len(pages) == 2
    assert "district heating" in pages[0]
    assert "clean water" in pages[1]


def test_it_rejects_a_password_protected_pdf() -> None:
    with pytest.raises(DocumentError) as caught:
        extract_pages_from_bytes(_blank_pdf(password="secret"), "locked.pdf")

    assert caught.value.code == "encrypted"


def test_it_says_a_pdf_without_text_layer_needs_ocr() -> None:
    with pytest.raises(DocumentError) as caught:
        extract_pages_from_bytes(_blank_pdf(), "scan.pdf")

    assert caught.value.code == "needs_ocr"
    assert "OCR" in str(caught.value)


def test_it_rejects_other_content_named_pdf() -> None:
    with pytest.raises(DocumentError) as caught:
        extract_pages_from_bytes(b"<html><body>not a pdf</body></html>", "fake.pdf")

    assert caught.value.code == "not_pdf"


def test_it_reads_docx_paragraphs_and_page_breaks() -> None:
    document = docx.Document()
    document.add_paragraph(PAGE_TEXT)
    document.add_page_break()
    document.add_paragraph("Chapter two covers waste collection and recycling.")
    out = io.BytesIO()
    document.save(out)

    pages = extract_pages_from_bytes(out.getvalue(), "strategy.docx")

    assert "district heating" in pages[0]
    assert "recycling" in pages[-1]
    assert "recycling" not in pages[0]


def test_it_refuses_a_docx_zip_bomb_before_parsing() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (20 * 1024 * 1024))

    with pytest.raises(DocumentError) as caught:
        extract_pages_from_bytes(out.getvalue(), "bomb.docx")

    assert caught.value.code == "zip_bomb"


def test_it_keeps_html_main_content_and_drops_scripts() -> None:
    page = (
        "<html><head><script>alert('pwned district heating')</script><style>p{}</style></head>"
        "<body><nav>Menu Home Contact</nav><main><h1>Energy</h1><p>" + PAGE_TEXT + "</p>"
        '<p onclick="steal()">Solar panels on <b>schools</b>.</p></main>'
        "<footer>Cookies</footer></body></html>"
    )

    pages = extract_pages_from_bytes(page.encode(), "page.html")

    text = pages[0]
    assert PAGE_TEXT in text
    assert "Solar panels on schools." in text
    assert "alert" not in text
    assert "pwned" not in text
    assert "Menu" not in text
    assert "Cookies" not in text


def test_it_splits_text_files_on_form_feeds_and_reads_cp1250(tmp_path: Path) -> None:
    path = tmp_path / "strategie.txt"
    path.write_bytes(
        "Teplárna a úspory energie.\fStrana dvě: čistírna odpadních vod.".encode("cp1250")
    )

    pages = extract_pages(path)

    assert pages == ["Teplárna a úspory energie.", "Strana dvě: čistírna odpadních vod."]


def test_it_strips_markdown_markup() -> None:
    pages = extract_pages_from_bytes(b"# Energy\n\n* **Heat pumps** in [schools](http://x)", "a.md")

    assert pages == ["Energy\n\nHeat pumps in schools"]


def test_it_rejects_unsupported_file_types() -> None:
    with pytest.raises(DocumentError) as caught:
        extract_pages_from_bytes(b"MZ", "setup.exe")

    assert caught.value.code == "unsupported"
