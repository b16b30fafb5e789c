"""Sample strategies for `obieg demo`, so the V4 view, search and comparisons have content.

The texts under data/demo/ were written for the demo in the five languages of the portal;
they are realistic but not real documents, so every one is stored with `is_sample=True` and
shown with a "Sample" badge. Loading is idempotent: a file already stored (same content hash)
is skipped. Documents are classified synchronously by the classifier's quick lexical model, a
few seconds in all; the encoder's better labels are queued for the worker (`make demo` starts
one with the server).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from obieg.directory.models import Organisation
from obieg.strategies import services
from obieg.strategies.models import StrategyFile

DEMO_DIR = Path(__file__).resolve().parent / "data" / "demo"


def _manifest() -> list[dict[str, Any]]:
    path = DEMO_DIR / "manifest.json"
    return list(json.loads(path.read_text(encoding="utf-8"))) if path.exists() else []


def _load_one(spec: dict[str, Any]) -> bool:
    data = (DEMO_DIR / spec["file"]).read_bytes()
    if StrategyFile.objects.filter(sha256=hashlib.sha256(data).hexdigest()).exists():
        return False
    metadata = {
        k: v for k, v in spec.items() if k not in {"file", "adopted_on", "organisation_name"}
    }
    if spec.get("adopted_on"):
        metadata["adopted_on"] = dt.date.fromisoformat(spec["adopted_on"])
    # The directory's demo may or may not be loaded; link the organisation when it is there.
    organisation = Organisation.objects.filter(name=spec.get("organisation_name", "")).first()
    metadata["organisation_id"] = organisation.pk if organisation else None
    services.strategy_upload(
        documents=[services.UploadedDocument(spec["file"], data)],
        user=None,
        is_sample=True,
        is_published=True,
        synchronous=True,
        **metadata,
    )
    return True


def _queue_refinements() -> int:
    """Queue the samples labelled by another model than the current one for re-labelling."""
    outdated = list(services.outdated_strategies().filter(is_sample=True))
    for strategy in outdated:
        services.strategy_queue_reclassify(strategy=strategy, user=None)
    return len(outdated)


def load() -> dict[str, int]:
    """Load the sample strategies that are not there yet; return how many were added."""
    added = sum(_load_one(spec) for spec in _manifest())
    return {"strategies": added, "refinements_queued": _queue_refinements()}
