from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from obieg.classify import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The city will modernise the district heating network by 2030.", "en"),
        ("Miasto zmodernizuje sieć ciepłowniczą i zastąpi kotły węglowe pompami ciepła.", "pl"),
        ("Město zmodernizuje soustavu dálkového vytápění a nahradí uhelné kotle.", "cs"),
        ("Mesto zmodernizuje sústavu centrálneho zásobovania teplom a nahradí uhoľné kotly.", "sk"),
        (
            "A város korszerűsíti a távfűtési rendszert, és hőszivattyúkra cseréli a kazánokat.",
            "hu",
        ),
        ("Obec podporuje školy a zdravotnictví v celém regionu.", "cs"),
        ("Obec podporuje školy a zdravotníctvo v celom regióne.", "sk"),
    ],
)
def test_it_detects_the_platform_languages(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_it_reports_other_languages_as_themselves() -> None:
    assert detect_language("Die Stadt modernisiert das Fernwärmenetz bis zum Jahr 2030.") == "de"


def test_it_leaves_too_short_text_undetermined() -> None:
    assert detect_language("ok 2030") == "und"


@given(st.text(max_size=300))
def test_it_always_returns_a_code(text: str) -> None:
    code = detect_language(text)

    assert code == "und" or (code.isalpha() and 2 <= len(code) <= 3)
