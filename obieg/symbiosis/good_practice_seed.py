"""Load the shipped good-practice catalogue (fixtures/good_practices.json) idempotently.

Takes the model classes as arguments so that the data migration can pass historical models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.utils.text import slugify

from obieg.core.search_text import normalise_for_search

SEED_FILE = Path(__file__).resolve().parent / "fixtures" / "good_practices.json"


def seed_rows(path: Path = SEED_FILE) -> list[dict[str, Any]]:
    """The catalogue entries as written in the data file."""
    rows: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return rows


def row_search_text(row: dict[str, Any]) -> str:
    parts = [
        row["title"],
        row.get("materials", ""),
        row.get("place", ""),
        row.get("benefits", ""),
        " ".join(row.get("ewc_codes", [])),
        *row.get("description", {}).values(),
    ]
    return normalise_for_search(" ".join(p for p in parts if p))


def load_good_practices(practice_model: Any, country_model: Any, path: Path = SEED_FILE) -> int:
    """Create the catalogue entries missing (by title); return how many were created."""
    created = 0
    countries = set(country_model.objects.values_list("code", flat=True))
    for row in seed_rows(path):
        if practice_model.objects.filter(title=row["title"]).exists():
            continue
        fields = {k: v for k, v in row.items() if k != "country"}
        country = row.get("country")
        practice_model.objects.create(
            **fields,
            slug=slugify(row["title"])[:140],
            country_id=country if country in countries else None,
            search_text=row_search_text(row),
        )
        created += 1
    return created


def unload_good_practices(practice_model: Any, path: Path = SEED_FILE) -> None:
    """Remove the shipped entries (those with a title from the data file)."""
    practice_model.objects.filter(title__in=[r["title"] for r in seed_rows(path)]).delete()
