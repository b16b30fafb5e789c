from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from obieg.classify import split_passages
from obieg.classify.passages import MAX_CHARS, split_sentences


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def test_it_keeps_page_numbers() -> None:
    pages = ["Energy. " * 40, "", "Water supply and sanitation for all villages. " * 30]

    passages = split_passages(pages)

    assert {p.page for p in passages} == {1, 3}
    assert all("Water" in p.text for p in passages if p.page == 3)
    assert [p.index for p in passages] == list(range(len(passages)))


def test_it_breaks_long_paragraphs_at_sentence_ends() -> None:
    sentence = "The municipality will insulate every school building before winter. "
    passages = split_passages([sentence * 40])

    assert len(passages) > 1
    assert all(p.text.endswith(".") for p in passages)


def test_it_joins_a_heading_to_the_paragraph_below() -> None:
    page = "3. Energy\n\n" + "The city will connect new blocks to district heating. " * 5

    passages = split_passages([page])

    assert len(passages) == 1
    assert passages[0].text.startswith("3. Energy The city")


def test_it_does_not_split_after_abbreviations() -> None:
    sentences = split_sentences("Projects, e.g. Heat pumps, are funded. Dr. Kovács agreed.")

    assert sentences == ["Projects, e.g. Heat pumps, are funded.", "Dr. Kovács agreed."]


WORDS = st.sampled_from(
    ["energia", "heat.", "Water", "\n\n", "\n", "e.g.", "města,", "X", "Dr.", "ciepło!", "2030"]
)
PAGES = st.lists(st.lists(WORDS, max_size=400).map(" ".join), max_size=4)


@given(PAGES)
def test_it_keeps_every_word_in_order_within_the_length_limit(pages: list[str]) -> None:
    passages = split_passages(pages)

    assert all(len(p.text) <= MAX_CHARS for p in passages)
    joined = [w for p in passages for w in _words(p.text)]
    assert joined == [w for page in pages for w in _words(page)]
