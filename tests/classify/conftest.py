from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from obieg.classify import Classifier

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def lexical_classifier() -> Classifier:
    return Classifier.load(lexical_only=True)


@pytest.fixture(scope="session")
def municipal_probes() -> list[dict[str, Any]]:
    lines = (FIXTURES / "municipal_probes.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]
