from __future__ import annotations

from typing import Any

import pytest

from obieg.strategies import demo, selectors
from obieg.strategies.models import Strategy

pytestmark = pytest.mark.django_db


def test_the_demo_loads_classified_samples_in_five_languages_once(
    django_capture_on_commit_callbacks: Any,
) -> None:
    # when the demo is loaded twice (it classifies right after each commit)
    with django_capture_on_commit_callbacks(execute=True):
        first = demo.load()
    with django_capture_on_commit_callbacks(execute=True):
        second = demo.load()

    # then the samples are stored once, ready, published and marked as samples
    assert first == {"strategies": 10, "refinements_queued": 0}
    assert second == {"strategies": 0, "refinements_queued": 0}
    strategies = list(Strategy.objects.all())
    assert all(s.is_sample and s.is_published and s.is_ready for s in strategies)
    languages = {code for s in strategies for code in s.languages}
    assert {"pl", "cs", "sk", "hu", "en"} <= languages
    # and pages are kept from the form feeds
    assert max(s.page_count for s in strategies) == 3


def test_the_demo_populates_the_v4_view(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        demo.load()
    overview = selectors.v4_overview(user=None)
    assert [code for code, _name, _n in overview["countries"].areas] == ["CZ", "HU", "PL", "SK"]
    assert overview["map_values"]["PL21"] == 2
