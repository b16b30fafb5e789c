"""Open data: CSV and JSON exports of result lists and scorecards, and the researchers' dump."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.utils import timezone

from obieg.strategies.models import Passage, PassageCorrection, Strategy

LICENCE = (
    "Licence and attribution\n"
    "=======================\n\n"
    "Metadata, passage labels, goal profiles and reviewer corrections: Creative Commons\n"
    'Attribution 4.0 (CC BY 4.0). Attribute as: "obieg – Smart V4 Strategies portal" and\n'
    "link to {site}.\n\n"
    "Strategy texts (passages) remain the works of their publishers and are shared for\n"
    "research under their own terms; see each strategy's source_url. Official documents\n"
    "of public authorities are mostly free to reuse with attribution in PL, CZ, SK and HU.\n\n"
    "Rows with is_sample = true are sample texts written for the demo: they are not real\n"
    "strategies and are dedicated to the public domain (CC0 1.0).\n\n"
    "SDG goal and target names: United Nations. Labels are produced by the obieg classifier\n"
    "(model version in each row) and, where is_corrected = true, by a human reviewer.\n"
)
STRATEGY_COLUMNS = (
    "id",
    "slug",
    "title",
    "original_language",
    "kind",
    "status",
    "territory_name",
    "territory_level",
    "country",
    "region",
    "organisation",
    "adopted_on",
    "period_start",
    "period_end",
    "source_url",
    "languages",
    "is_sample",
    "page_count",
    "passage_count",
    "model_version",
    "goals_addressed",
)
PASSAGE_COLUMNS = (
    "id",
    "strategy_id",
    "index",
    "page",
    "language",
    "goals",
    "targets",
    "green_deal",
    "taxonomy",
    "is_corrected",
    "model_goals",
    "text",
)
CORRECTION_COLUMNS = (
    "id",
    "passage_id",
    "strategy_id",
    "goals",
    "targets",
    "model_goals",
    "model_version",
    "corrected_by",
    "created_at",
    "note",
    "text",
)


def licence_text() -> str:
    return LICENCE.format(site=settings.SITE_URL)


def strategy_row(strategy: Strategy) -> dict[str, Any]:
    """Return a strategy as a flat row (the same for CSV, JSON and the dump)."""
    goals = [g.goal for g in strategy.goal_profile.all() if g.level != "absent"]
    return {
        "id": strategy.pk,
        "slug": strategy.slug,
        "title": strategy.title,
        "original_language": strategy.original_language,
        "kind": strategy.kind,
        "status": strategy.status,
        "territory_name": strategy.territory_name,
        "territory_level": strategy.territory_level,
        "country": strategy.country_id or "",
        "region": strategy.region_id or "",
        "organisation": strategy.organisation.name if strategy.organisation else "",
        "adopted_on": strategy.adopted_on.isoformat() if strategy.adopted_on else "",
        "period_start": strategy.period_start or "",
        "period_end": strategy.period_end or "",
        "source_url": strategy.source_url,
        "languages": " ".join(strategy.languages),
        "is_sample": strategy.is_sample,
        "page_count": strategy.page_count,
        "passage_count": strategy.passage_count,
        "model_version": strategy.model_version,
        "goals_addressed": " ".join(str(g) for g in goals),
    }


def passage_row(passage: Passage) -> dict[str, Any]:
    return {
        "id": passage.pk,
        "strategy_id": passage.strategy_id,
        "index": passage.index,
        "page": passage.page,
        "language": passage.language,
        "goals": " ".join(str(g) for g in passage.goals),
        "targets": " ".join(passage.targets),
        "green_deal": passage.green_deal_codes.strip(),
        "taxonomy": passage.taxonomy_codes.strip(),
        "is_corrected": passage.is_corrected,
        "model_goals": " ".join(str(g) for g in passage.model_goals),
        "text": passage.text,
    }


def correction_row(correction: PassageCorrection) -> dict[str, Any]:
    passage = correction.passage
    return {
        "id": correction.pk,
        "passage_id": passage.pk,
        "strategy_id": passage.strategy_id,
        "goals": " ".join(str(g) for g in correction.goals),
        "targets": " ".join(correction.targets),
        "model_goals": " ".join(str(g) for g in passage.model_goals),
        "model_version": correction.model_version,
        # Reviewers are named by role only: the dump is public and holds no personal data.
        "corrected_by": getattr(correction.corrected_by, "role", "") or "",
        "created_at": correction.created_at.isoformat(),
        "note": correction.note,
        "text": passage.text,
    }


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    # Text from uploaded documents must not run as a formula when a spreadsheet opens the file.
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    """Return rows as CSV with a header; cells that look like formulas are neutralised."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return buffer.getvalue()


def to_json(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=1, default=str)


def with_licence(items: list[dict[str, Any]], key: str = "results") -> dict[str, Any]:
    return {
        "licence": "CC BY 4.0 (labels and metadata); texts under their publishers' terms",
        "attribution": "obieg – Smart V4 Strategies portal",
        "generated_at": timezone.now().isoformat(),
        key: items,
    }


def training_jsonl(corrections: Iterable[PassageCorrection]) -> str:
    """Return corrections as JSON lines {"text", "labels", "targets", "language"} for training."""
    lines = [
        json.dumps(
            {
                "id": f"correction-{c.pk}",
                "text": c.passage.text,
                "labels": c.goals,
                "targets": c.targets,
                "language": c.passage.language,
            },
            ensure_ascii=False,
        )
        for c in corrections
    ]
    return "\n".join(lines) + ("\n" if lines else "")


def dump_zip(
    strategies: Iterable[Strategy],
    passages: Iterable[Passage],
    corrections: Iterable[PassageCorrection],
) -> bytes:
    """Return a zip of strategies.csv, passages.csv, corrections.csv and the licence."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("LICENCE.txt", licence_text())
        archive.writestr("strategies.csv", to_csv(map(strategy_row, strategies), STRATEGY_COLUMNS))
        archive.writestr("passages.csv", to_csv(map(passage_row, passages), PASSAGE_COLUMNS))
        archive.writestr(
            "corrections.csv", to_csv(map(correction_row, corrections), CORRECTION_COLUMNS)
        )
    return buffer.getvalue()
