"""The shipped seed files stay small, attributed and marked unverified."""

from __future__ import annotations

import csv
from pathlib import Path

from obieg.pipeline.data.derive_seed import themes_for
from obieg.pipeline.funding_rules import load_seed_calls

DATA = Path(__file__).resolve().parents[3] / "obieg" / "pipeline" / "data"


def test_shipped_seed_files_stay_under_two_megabytes() -> None:
    total = sum(p.stat().st_size for p in DATA.glob("*.csv"))
    assert total < 2_000_000


def test_every_programme_is_marked_unverified() -> None:
    with (DATA / "programmes.csv").open(encoding="utf-8") as fh:
        statuses = {row["verify_status"] for row in csv.DictReader(fh)}
    assert statuses == {"unverified-curated"}


def test_every_shipped_file_is_described_in_sources() -> None:
    sources = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    for path in DATA.glob("*.csv"):
        assert f"`{path.name}`" in sources


def test_calls_have_iso_deadlines_and_portal_urls() -> None:
    calls = [c for group in load_seed_calls().values() for c in group]
    assert calls
    assert all(c.deadlines and c.url.startswith("https://ec.europa.eu/") for c in calls)


def test_theme_heuristic_maps_circular_and_energy_words() -> None:
    assert {"SDG12", "CE"} <= set(themes_for("plastic waste recycling"))
    assert {"SDG7", "GD-ENERGY"} <= set(themes_for("renewable heat"))
    assert themes_for("choir festival") == []
