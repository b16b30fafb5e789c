"""Split documents into passages of about one paragraph, sentence-aware, keeping page numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

TARGET_CHARS = 600
MAX_CHARS = 1000
# Paragraphs shorter than this (headings, captions) join the text that follows them.
MIN_CHARS = 100

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
HYPHENATED_BREAK = re.compile(r"(\w)-\n(\w)")
SENTENCE_END = re.compile(
    r"(?<=[.!?…;])[\"'”»)]?\s+(?=[\"'„“«(]?[A-ZÁÄČĎÉĚÍĹĽŇÓÔŘŔŠŤÚŮÝŽĄĆĘŁŃŚŹŻÖŐÜŰ0-9•\-\u2013])"
)
# Abbreviations after which a full stop does not end a sentence (EN, PL, CS, SK, HU).
ABBREVIATIONS = frozenset(
    word
    for line in (
        "e.g i.e etc vs no nr np tj tzn tzw m.in ok r str ca cca č mr mrs dr prof ing mgr sz pl",
        "stb kb ill ul al zb tzv resp atď apod",
    )
    for word in line.split()
)


@dataclass(frozen=True)
class Passage:
    """A passage of a document; ``page`` counts from 1."""

    text: str
    page: int
    index: int


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, not breaking after common abbreviations."""
    pieces = SENTENCE_END.split(text)
    sentences: list[str] = []
    for piece in pieces:
        last_word = sentences[-1].rsplit(None, 1)[-1].lower().rstrip(".") if sentences else ""
        if sentences and (last_word in ABBREVIATIONS or len(last_word) == 1):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return [s.strip() for s in sentences if s.strip()]


def _paragraphs(page_text: str) -> Iterator[str]:
    text = HYPHENATED_BREAK.sub(r"\1\2", page_text.replace("\r\n", "\n").replace("\r", "\n"))
    for block in PARAGRAPH_BREAK.split(text):
        joined = re.sub(r"\s+", " ", block).strip()
        if joined:
            yield joined


def _hard_wrap(sentence: str) -> Iterator[str]:
    while len(sentence) > MAX_CHARS:
        cut = sentence.rfind(" ", TARGET_CHARS, MAX_CHARS)
        cut = cut if cut > 0 else MAX_CHARS
        yield sentence[:cut].strip()
        sentence = sentence[cut:].strip()
    if sentence:
        yield sentence


def _pack(paragraph: str) -> Iterator[str]:
    """Group a paragraph's sentences into chunks of about TARGET_CHARS, never above MAX_CHARS."""
    if len(paragraph) <= MAX_CHARS:
        yield paragraph
        return
    current = ""
    for sentence in split_sentences(paragraph):
        for piece in _hard_wrap(sentence):
            if current and len(current) + 1 + len(piece) > MAX_CHARS:
                yield current
                current = piece
            else:
                current = f"{current} {piece}".strip()
            if len(current) >= TARGET_CHARS:
                yield current
                current = ""
    if current:
        yield current


def _page_chunks(page_text: str) -> Iterator[str]:
    pending = ""
    for paragraph in _paragraphs(page_text):
        merged = f"{pending} {paragraph}".strip() if pending else paragraph
        if len(merged) < MIN_CHARS:
            pending = merged
            continue
        pending = ""
        yield from _pack(merged)
    if pending:
        yield pending


def split_passages(pages: Sequence[str]) -> list[Passage]:
    """Split the pages of a document into passages numbered in reading order."""
    passages: list[Passage] = []
    for page_number, page_text in enumerate(pages, start=1):
        for chunk in _page_chunks(page_text):
            if len(chunk) < MIN_CHARS and passages and passages[-1].page == page_number:
                last = passages[-1]
                if len(last.text) + len(chunk) < MAX_CHARS:
                    passages[-1] = Passage(f"{last.text} {chunk}", last.page, last.index)
                    continue
            passages.append(Passage(chunk, page_number, len(passages)))
    return passages
