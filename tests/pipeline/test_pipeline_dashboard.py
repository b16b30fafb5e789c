from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from obieg.accounts.models import User
from obieg.directory.models import Organisation
from obieg.pipeline.models import StageChange
from obieg.pipeline.selectors.portfolio import portfolio
from tests.conftest import bearer
from tests.pipeline.factories import InvestmentProjectFactory

pytestmark = pytest.mark.django_db


def _history(project: Any, stages: list[str], days: int) -> None:
    """Replace the history: each stage lasted `days` days, the last one still open."""
    StageChange.objects.filter(project=project).delete()
    start = timezone.now() - dt.timedelta(days=days * len(stages))
    for k, stage in enumerate(stages):
        entered = start + dt.timedelta(days=days * k)
        left = entered + dt.timedelta(days=days) if k < len(stages) - 1 else None
        StageChange.objects.create(
            project=project,
            to_stage=stage,
            entered_at=entered,
            left_at=left,
            seconds_in_stage=days * 86400 if left else None,
        )


def test_it_counts_projects_and_capital_by_dimension(
    organisation: Organisation, manager: User
) -> None:
    # given three projects in two stages and two countries
    InvestmentProjectFactory(promoter=organisation, stage="idea", budget_eur=Decimal(100))
    InvestmentProjectFactory(promoter=organisation, stage="idea", budget_eur=Decimal(200))
    InvestmentProjectFactory(
        promoter=organisation,
        stage="financed",
        country_id="CZ",
        region_id=None,
        budget_eur=Decimal(1000),
        r_strategy="R3",
    )

    # when the manager reads the portfolio
    data = portfolio(user=manager)

    # then counts and capital add up per stage, country and R-strategy
    by_stage = {s.key: (s.count, s.capital_eur) for s in data.by_stage}
    assert (data.projects, data.capital_eur) == (3, 1300.0)
    assert by_stage["idea"] == (2, 300.0)
    assert by_stage["financed"] == (1, 1000.0)
    assert {s.key: s.count for s in data.by_country} == {"PL": 2, "CZ": 1}
    assert {s.key: s.count for s in data.by_strategy} == {"R8": 2, "R3": 1}


def test_it_measures_time_in_stage_and_conversion(
    organisation: Organisation, manager: User
) -> None:
    # given two projects that entered screening; one went on to structuring
    first = InvestmentProjectFactory(promoter=organisation, stage="structuring")
    second = InvestmentProjectFactory(promoter=organisation, stage="screening")
    _history(first, ["idea", "screening", "structuring"], days=10)
    _history(second, ["idea", "screening"], days=10)

    data = portfolio(user=manager)

    # then ideas lasted 10 days on average and half of the screened projects went further
    times = {t.stage: t.average_days for t in data.time_in_stage}
    conversion = {c.from_stage: (c.reached_from, c.reached_to) for c in data.conversion}
    assert times["idea"] == pytest.approx(10, abs=0.01)
    assert conversion["idea"] == (2, 2)
    assert conversion["screening"] == (2, 1)
    assert conversion["structuring"] == (1, 0)


def test_the_dashboard_draws_server_side_charts(
    manager_client: Client, organisation: Organisation
) -> None:
    InvestmentProjectFactory(promoter=organisation)

    html = manager_client.get(reverse("pipeline:dashboard")).content.decode()

    assert html.count("<svg") >= 7
    assert 'id="stat-projects">1<' in html


def test_the_portfolio_api_needs_a_fixed_number_of_queries(
    organisation: Organisation, manager: User, django_assert_max_num_queries: Any
) -> None:
    InvestmentProjectFactory.create_batch(15, promoter=organisation)
    headers = bearer(manager)

    with django_assert_max_num_queries(25):
        response = Client().get("/api/v1/pipeline/portfolio", **headers)

    assert response.json()["projects"] == 15
