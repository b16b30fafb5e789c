"""Extract page texts from PDF, DOCX, HTML, TXT and Markdown files, defensively.

Every failure a user can cause raises ``DocumentError`` with a message fit to show them.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

MAX_BYTES = 100 * 1024 * 1024
# DOCX limits: a real strategy document is far below these; a zip bomb is far above.
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200
MAX_ENTRIES = 5000
# Fewer letters per page than this means the PDF is a scan without a text layer.
MIN_LETTERS_PER_PAGE = 20
SUFFIXES = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
}
HTML_DROPPED = (
    "script",
    "style",
    "noscript",
    "iframe",
    "object",
    "embed",
    "form",
    "nav",
    "header",
    "footer",
    "aside",
    "template",
    "svg",
    "button",
)
HTML_BLOCKS = (
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "figcaption",
    "caption",
)


class DocumentError(ValueError):
    """A document that cannot be read; ``code`` is stable, ``str()`` is for the user."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def extract_pages(path: Path) -> list[str]:
    """Return the text of each page of the file (one page for formats without pages)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DocumentError("unreadable", f"cannot open {path.name}: {exc.strerror}") from exc
    if size > MAX_BYTES:
        raise DocumentError("too_large", f"{path.name} is larger than {MAX_BYTES >> 20} MB")
    return extract_pages_from_bytes(path.read_bytes(), path.name)


def extract_pages_from_bytes(data: bytes, filename: str) -> list[str]:
    """Return page texts from an uploaded file's bytes, dispatching on the file name."""
    kind = SUFFIXES.get(Path(filename).suffix.lower())
    if kind is None:
        supported = ", ".join(sorted(SUFFIXES))
        raise DocumentError("unsupported", f"{filename}: unsupported file type (use {supported})")
    if len(data) > MAX_BYTES:
        raise DocumentError("too_large", f"{filename} is larger than {MAX_BYTES >> 20} MB")
    readers = {
        "pdf": _pdf_pages,
        "docx": _docx_pages,
        "html": _html_pages,
        "text": _text_pages,
        "markdown": _markdown_pages,
    }
    return readers[kind](data, filename)


def _pdf_pages(data: bytes, filename: str) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if b"%PDF-" not in data[:1024]:
        raise DocumentError("not_pdf", f"{filename} is named .pdf but is not a PDF file")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _decrypt(reader):
            raise DocumentError(
                "encrypted", f"{filename} is password-protected; upload an unprotected copy"
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DocumentError("unreadable", f"{filename} is a damaged PDF ({exc})") from exc
    letters = sum(ch.isalpha() for page in pages for ch in page)
    if letters < MIN_LETTERS_PER_PAGE * max(len(pages), 1):
        raise DocumentError(
            "needs_ocr",
            f"{filename} has no text layer (a scan?): it needs OCR before it can be classified",
        )
    return pages


def _decrypt(reader: object) -> bool:
    """Open PDFs that are encrypted with an empty user password, as many "protected" ones are."""
    try:
        return bool(reader.decrypt(""))  # type: ignore[attr-defined]  # pypdf PdfReader
    except Exception:  # pypdf raises several types, incl. missing crypto deps
        return False


def _check_zip(data: bytes, filename: str) -> None:
    if not data.startswith(b"PK\x03\x04"):
        raise DocumentError("not_docx", f"{filename} is named .docx but is not a Word file")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise DocumentError("unreadable", f"{filename} is a damaged Word file") from exc
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    if len(infos) > MAX_ENTRIES or total > MAX_UNCOMPRESSED or total > MAX_RATIO * max(packed, 1):
        raise DocumentError(
            "zip_bomb", f"{filename} expands to an implausible size; it was not opened"
        )


def _docx_pages(data: bytes, filename: str) -> list[str]:
    _check_zip(data, filename)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise DocumentError("unreadable", f"{filename} is not a readable Word file") from exc
    pages: list[list[str]] = [[]]
    for paragraph in document.paragraphs:
        if paragraph._p.xpath('.//w:br[@w:type="page"]'):
            pages.append([])
        if paragraph.text.strip():
            pages[-1].append(paragraph.text.strip())
    for table in document.tables:
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells if c.text.strip()]
            if cells:
                pages[-1].append(" | ".join(dict.fromkeys(cells)))
    return ["\n\n".join(page) for page in pages if page] or [""]


def _html_pages(data: bytes, filename: str) -> list[str]:
    from lxml import etree, html

    parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise DocumentError("unreadable", f"{filename} is not readable HTML") from exc
    # Scripts and active content are removed, never run; their text must not reach the model.
    for element in root.xpath("|".join(f"//{tag}" for tag in HTML_DROPPED)):
        element.drop_tree()
    main = root.xpath("//main|//article|//*[@role='main']")
    container = main[0] if main else root
    blocks = [
        _squash(el.text_content())
        for el in container.iter(*HTML_BLOCKS)
        if not any(d.tag in HTML_BLOCKS for d in el.iterdescendants())
    ]
    paragraphs = [b for b in blocks if b]
    if not paragraphs:
        paragraphs = [_squash(container.text_content())]
    return ["\n\n".join(paragraphs)]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _decode(data: bytes) -> str:
    for encoding in (
        ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",)
    ):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    # Central European legacy files are mostly Windows-1250.
    return data.decode("cp1250", errors="replace")


def _text_pages(data: bytes, filename: str) -> list[str]:
    # A form feed separates pages in pdftotext output.
    return _decode(data).split("\f")


MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
MD_MARKUP = re.compile(r"(^|\s)[#>*+-]+\s|[*_`]{1,3}", re.MULTILINE)


def _markdown_pages(data: bytes, filename: str) -> list[str]:
    return [MD_MARKUP.sub(r"\1", MD_LINK.sub(r"\1", page)) for page in _text_pages(data, filename)]
