"""SDG and European Green Deal classifier: offline, multilingual, explainable. Free of Django."""

from __future__ import annotations

import json
from typing import Any

from .artefacts_io import ARTEFACT_DIR, MANIFEST
from .language import detect_language
from .model import CategoryScore, Classification, Classifier, GoalScore, TargetScore
from .passages import Passage, split_passages
from .report import DocumentReport, GoalProfile, PassageResult

__all__ = [
    "MODEL_VERSION",
    "CategoryScore",
    "Classification",
    "Classifier",
    "DocumentReport",
    "GoalProfile",
    "GoalScore",
    "Passage",
    "PassageResult",
    "TargetScore",
    "detect_language",
    "split_passages",
]


def _model_version() -> str:
    try:
        manifest = json.loads((ARTEFACT_DIR / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "untrained"
    return str(manifest["model_version"])


def __getattr__(name: str) -> Any:
    # Read lazily so that importing the package never fails on missing artefacts.
    if name == "MODEL_VERSION":
        return _model_version()
    raise AttributeError(name)
