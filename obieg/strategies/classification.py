"""The one door to the classifier (`obieg.classify`): everything the app needs, as plain data.

If the classifier's API changes, only this module changes. The classifier is heavy to load,
so one instance per process is cached here.
"""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from obieg.classify import Classifier, sdg_taxonomy, split_passages
from obieg.classify import documents as classify_documents
from obieg.classify.documents import DocumentError

__all__ = [
    "DocumentError",
    "PassageLabels",
    "categories_for_targets",
    "classify_passages",
    "document_format",
    "extract_pages",
    "get_classifier",
    "get_lexical_classifier",
    "goal_name",
    "model_version",
    "sniff_upload",
    "split_into_passages",
]

GOALS = tuple(range(1, 18))
BATCH_SIZE = 64
# A passage reaches a Green Deal area or Taxonomy objective above this score (as the
# classifier's own document report counts them).
CATEGORY_FLOOR = 0.5
# Second and third targets of a decided goal count when they score at least this share of it.
TARGET_SHARE = 0.5
# Pages sampled at upload, spread over the file, to tell a scan from a PDF with a text layer;
# a scan with a text cover page passes here and is caught by the full extraction.
SNIFF_PAGES = 5

_lock = threading.Lock()
_classifier: Classifier | None = None
_lexical: Classifier | None = None


def get_classifier() -> Classifier:
    """Return the process-wide classifier, loading it on first use."""
    global _classifier
    with _lock:
        if _classifier is None:
            _classifier = Classifier.load()
        return _classifier


def get_lexical_classifier() -> Classifier:
    """Return the classifier's fast lexical model (no encoder), loading it on first use."""
    global _lexical
    with _lock:
        if _lexical is None:
            _lexical = Classifier.load(lexical_only=True)
        return _lexical


def model_version() -> str:
    """Return the version of the classifier that would label passages now."""
    return get_classifier().model_version


def model_name() -> str:
    """Return the name of the model that labels passages now (the encoder, or "lexical")."""
    return get_classifier().model_name


def has_quick_model() -> bool:
    """Tell whether a faster model than the production one exists (an encoder is in use)."""
    return get_classifier().model_name != get_lexical_classifier().model_name


@dataclass(frozen=True)
class PassageLabels:
    """A passage of a document and what the classifier found in it."""

    index: int
    page: int
    text: str
    language: str = ""
    scores: list[float] = field(default_factory=list)
    goals: list[int] = field(default_factory=list)
    targets: dict[str, float] = field(default_factory=dict)
    evidence: dict[str, list[str]] = field(default_factory=dict)
    green_deal: list[str] = field(default_factory=list)
    taxonomy: list[str] = field(default_factory=list)


def document_format(filename: str) -> str | None:
    """Return the format the classifier reads a file name as (pdf, docx, html…), or None."""
    return classify_documents.SUFFIXES.get(Path(filename).suffix.lower())


def sniff_upload(data: bytes, filename: str) -> str:
    """Check cheaply, before storing, that a file can be read; return its format."""
    kind = document_format(filename)
    if kind is None:
        supported = ", ".join(sorted(classify_documents.SUFFIXES))
        raise DocumentError("unsupported", f"{filename}: unsupported file type (use {supported})")
    if kind == "pdf":
        _sniff_pdf(data, filename)
    elif kind == "docx":
        _sniff_docx(data, filename)
    return kind


def _sniff_pdf(data: bytes, filename: str) -> None:
    from pypdf import PdfReader

    if b"%PDF-" not in data[:1024]:
        raise DocumentError("not_pdf", f"{filename} is named .pdf but is not a PDF file")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise DocumentError(
                "encrypted", f"{filename} is password-protected; upload an unprotected copy"
            )
        sample = [reader.pages[i].extract_text() or "" for i in _sample_pages(len(reader.pages))]
    except DocumentError:
        raise
    except Exception as exc:  # pypdf raises many exception types on damaged files
        raise DocumentError("unreadable", f"{filename} is a damaged PDF ({exc})") from exc
    if not any(ch.isalpha() for text in sample for ch in text):
        raise DocumentError(
            "needs_ocr",
            f"{filename} has no text layer (a scan?): it needs OCR before it can be classified",
        )


def _sample_pages(count: int) -> list[int]:
    """Return a few page numbers spread over the document: first, last and between."""
    if count <= SNIFF_PAGES:
        return list(range(count))
    return sorted({round(i * (count - 1) / (SNIFF_PAGES - 1)) for i in range(SNIFF_PAGES)})


def _opens_without_password(reader: object) -> bool:
    try:
        return bool(reader.decrypt(""))  # type: ignore[attr-defined]  # pypdf PdfReader
    except Exception:  # pypdf raises several types, incl. missing crypto deps
        return False


def _sniff_docx(data: bytes, filename: str) -> None:
    if not data.startswith(b"PK\x03\x04"):
        raise DocumentError("not_docx", f"{filename} is named .docx but is not a Word file")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise DocumentError("unreadable", f"{filename} is a damaged Word file") from exc
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    docs = classify_documents
    if (
        len(infos) > docs.MAX_ENTRIES
        or total > docs.MAX_UNCOMPRESSED
        or total > docs.MAX_RATIO * max(packed, 1)
    ):
        raise DocumentError(
            "zip_bomb", f"{filename} expands to an implausible size; it was not opened"
        )


def extract_pages(data: bytes, filename: str) -> list[str]:
    """Return the text of each page; raise DocumentError for files that cannot be read."""
    return classify_documents.extract_pages_from_bytes(data, filename)


def split_into_passages(pages: Sequence[str]) -> list[PassageLabels]:
    """Split page texts into unlabelled passages numbered in reading order."""
    return [PassageLabels(p.index, p.page, p.text) for p in split_passages(pages)]


def classify_passages(
    passages: Sequence[PassageLabels],
    *,
    on_progress: Callable[[int, int], None] | None = None,
    batch_size: int = BATCH_SIZE,
    quick: bool = False,
) -> tuple[list[PassageLabels], str]:
    """Label passages in batches, reporting (done, total) after each batch; return the labels
    and the name of the model that gave them (`quick` uses the lexical model)."""
    classifier = get_lexical_classifier() if quick else get_classifier()
    labelled: list[PassageLabels] = []
    for start in range(0, len(passages), batch_size):
        batch = passages[start : start + batch_size]
        results = classifier.classify([p.text for p in batch])
        labelled += [_labels(p, r) for p, r in zip(batch, results, strict=True)]
        if on_progress is not None:
            on_progress(len(labelled), len(passages))
    return labelled, classifier.model_name


def _labels(passage: PassageLabels, result: object) -> PassageLabels:
    goals = list(result.goals)  # type: ignore[attr-defined]
    decided = [g for g in goals if g.decided]
    targets: dict[str, float] = {}
    for g in decided:
        for rank, t in enumerate(g.targets):
            if rank == 0 or t.score >= TARGET_SHARE * g.score:
                targets[t.target] = t.score
    return PassageLabels(
        index=passage.index,
        page=passage.page,
        text=passage.text,
        language=result.language,  # type: ignore[attr-defined]
        scores=[round(g.score, 4) for g in goals],
        goals=[g.goal for g in decided],
        targets=targets,
        evidence={str(g.goal): list(g.evidence) for g in goals if g.evidence},
        green_deal=_keys(result.green_deal),  # type: ignore[attr-defined]
        taxonomy=_keys(result.taxonomy),  # type: ignore[attr-defined]
    )


def _keys(categories: Sequence[object]) -> list[str]:
    return [c.key for c in categories if c.score >= CATEGORY_FLOOR]  # type: ignore[attr-defined]


def categories_for_targets(targets: Sequence[str]) -> tuple[list[str], list[str]]:
    """Return the Green Deal areas and Taxonomy objectives that the targets reach."""
    wanted = set(targets)
    green_deal = [c.key for c in sdg_taxonomy.green_deal_areas() if wanted & set(c.targets)]
    taxonomy = [c.key for c in sdg_taxonomy.taxonomy_objectives() if wanted & set(c.targets)]
    return green_deal, taxonomy


def goal_name(goal: int, language: str = "en") -> str:
    """Return the short name of an SDG in a language (English when missing)."""
    return sdg_taxonomy.goal(goal).name(language)


@lru_cache(maxsize=8)
def target_texts(language: str = "en") -> dict[str, str]:
    """Return {target code: text} in a language, falling back to English."""
    return {t.code: t.text.get(language) or t.text.get("en", "") for t in sdg_taxonomy.targets()}


def target_goal(code: str) -> int | None:
    """Return the goal of a target code such as "7.2", or None if it is no SDG target."""
    return next((t.goal for t in sdg_taxonomy.targets() if t.code == code), None)


@lru_cache(maxsize=1)
def green_deal_areas() -> dict[str, str]:
    """Return {key: English name} of the Green Deal policy areas."""
    return {c.key: c.name for c in sdg_taxonomy.green_deal_areas()}


@lru_cache(maxsize=1)
def taxonomy_objectives() -> dict[str, str]:
    """Return {key: English name} of the EU Taxonomy environmental objectives."""
    return {c.key: c.name for c in sdg_taxonomy.taxonomy_objectives()}


def category_names(language: str = "en") -> dict[str, str]:
    """Return {key: name} of Green Deal areas and Taxonomy objectives in a language."""
    categories = [*sdg_taxonomy.green_deal_areas(), *sdg_taxonomy.taxonomy_objectives()]
    return {c.key: c.names.get(language) or c.name for c in categories}
