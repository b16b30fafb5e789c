from __future__ import annotations

import pytest

from obieg.symbiosis.demo import load
from obieg.symbiosis.models import Match, MatchingRun, Stream

pytestmark = pytest.mark.django_db


def test_the_demo_loads_samples_and_one_matching_run_and_is_idempotent() -> None:
    first = load()
    second = load()

    assert first["sample streams"] == Stream.objects.count() > 20
    assert all(s.is_sample for s in Stream.objects.all())
    assert first["matching runs"] == 1
    assert MatchingRun.objects.get().run.status == "succeeded"
    assert Match.objects.filter(allocated_quantity__gt=0).count() >= 5
    assert set(second.values()) == {0}
