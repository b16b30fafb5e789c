from __future__ import annotations

from typing import Any

import pytest

from obieg.pipeline.demo import load
from obieg.pipeline.models import ExchangeRate, InvestmentProject

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once_and_marks_everything_as_a_sample(db: Any) -> None:
    first = load()
    second = load()

    assert first["projects"] == InvestmentProject.objects.count() > 0
    assert second == {"exchange_rates": 0, "projects": 0}
    assert not InvestmentProject.objects.filter(is_sample=False).exists()
    assert not ExchangeRate.objects.filter(is_sample=False).exists()
    assert InvestmentProject.objects.filter(teaser_published=True, stage="investment_ready")
