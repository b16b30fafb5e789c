from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from obieg.classify import Classifier
from obieg.strategies import classification, services
from obieg.strategies.models import Strategy
from tests.strategies import documents


@pytest.fixture(scope="session")
def lexical_classifier() -> Classifier:
    return Classifier.load(lexical_only=True)


@pytest.fixture(autouse=True)
def _fast_classifier(
    request: pytest.FixtureRequest, lexical_classifier: Classifier, monkeypatch: Any
) -> None:
    # The encoder model takes a fraction of a second per passage on two cores; most tests are
    # about the portal, not the model, so they run the classifier's lexical model. Tests marked
    # `full_classifier` load the real one, as production does.
    if request.node.get_closest_marker("full_classifier") is None:
        monkeypatch.setattr(classification, "_classifier", lexical_classifier)
    monkeypatch.setattr(classification, "_lexical", lexical_classifier)


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def ingest(django_capture_on_commit_callbacks: Any) -> Callable[..., Strategy]:
    """Upload one document and run its processing task, as the worker would."""

    def _ingest(name: str, data: bytes, *, user: Any = None, **metadata: Any) -> Strategy:
        metadata.setdefault("is_published", True)
        with django_capture_on_commit_callbacks(execute=True):
            [strategy] = services.strategy_upload(
                documents=[services.UploadedDocument(name, data)], user=user, **metadata
            )
        strategy.refresh_from_db()
        return strategy

    return _ingest


@pytest.fixture
def energy_strategy(ingest: Callable[..., Strategy], member: Any) -> Strategy:
    return ingest(
        "energy.pdf",
        documents.energy_pdf(),
        user=member,
        title="Kraków Energy Strategy",
        country="PL",
        region="PL213",
        kind="climate-energy",
        territory_name="Kraków",
        period_start=2021,
        period_end=2030,
    )


@pytest.fixture
def waste_strategy(ingest: Callable[..., Strategy], member: Any) -> Strategy:
    text = "\n\n".join(documents.WASTE_PL).encode()
    return ingest(
        "odpady.txt",
        text,
        user=member,
        title="Strategia gospodarki odpadami",
        country="PL",
        kind="circular_economy",
        territory_name="Tarnów",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "full_classifier: run the production classifier (encoder) in this test"
    )
