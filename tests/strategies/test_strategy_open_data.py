from __future__ import annotations

from obieg.strategies.open_data import licence_text, to_csv


def test_csv_cells_that_look_like_formulas_are_neutralised() -> None:
    csv = to_csv([{"text": '=HYPERLINK("http://x")', "n": 3}], ("text", "n"))
    assert csv.splitlines()[1].startswith("\"'=HYPERLINK")


def test_the_licence_names_the_terms_and_the_attribution() -> None:
    text = licence_text()
    assert "CC BY 4.0" in text
    assert "obieg – Smart V4 Strategies portal" in text
    assert "is_sample" in text
