"""Load the shipped reference data (countries, NUTS 2024, NACE Rev. 2, themes) idempotently.

Takes the model classes as arguments so that a data migration can pass its historical models.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
LANGUAGES = ("en", "pl", "cs", "sk", "hu")
NACE_LEVELS = {"section": 1, "division": 2, "group": 3, "class": 4}


def _rows(name: str) -> Iterator[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _names(row: dict[str, str]) -> dict[str, str]:
    return {lang: row[f"name_{lang}"] for lang in LANGUAGES if row.get(f"name_{lang}")}


def load_countries(country_model: Any) -> int:
    rows = list(_rows("countries.csv"))
    for row in rows:
        country_model.objects.update_or_create(
            code=row["code"], defaults={"names": _names(row), "eu_member": row["eu_member"] == "1"}
        )
    return len(rows)


def load_nuts(region_model: Any, country_model: Any) -> int:
    known_countries = set(country_model.objects.values_list("code", flat=True))
    rows = sorted(_rows("nuts2024.csv"), key=lambda r: int(r["level"]))
    existing = set(region_model.objects.values_list("code", flat=True))
    new = [
        region_model(
            code=r["code"],
            level=int(r["level"]),
            name=r["name"],
            country_id=r["country"] if r["country"] in known_countries else None,
            parent_id=r["parent"] or None,
        )
        for r in rows
        if r["code"] not in existing
    ]
    region_model.objects.bulk_create(new, batch_size=500)
    return len(new)


def load_nace(nace_model: Any) -> int:
    existing = set(nace_model.objects.values_list("code", flat=True))
    new = [
        nace_model(
            code=r["code"],
            level=NACE_LEVELS[r["level"]],
            parent_id=r["parent"] or None,
            names=_names(r),
        )
        for r in _rows("nace_rev2.csv")
        if r["code"] not in existing
    ]
    nace_model.objects.bulk_create(new, batch_size=500)
    return len(new)


def load_themes(theme_model: Any) -> int:
    rows = list(_rows("themes.csv"))
    for row in rows:
        theme_model.objects.update_or_create(slug=row["slug"], defaults={"names": _names(row)})
    return len(rows)
