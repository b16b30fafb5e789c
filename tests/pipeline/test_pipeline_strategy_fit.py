from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from obieg.accounts.models import User
from obieg.pipeline.models import InvestmentProject
from obieg.pipeline.strategy_fit import projects_for_strategy, strategies_for_project
from tests.conftest import bearer
from tests.pipeline.factories import InvestmentProjectFactory, make_strategy

pytestmark = pytest.mark.django_db


@pytest.fixture
def aligned_project(member: User) -> InvestmentProject:
    return InvestmentProjectFactory(
        promoter=member.organisation,
        region_id="PL213",
        alignment={"goals": [{"goal": 12}, {"goal": 13}]},
    )


def test_a_project_shows_the_strategies_of_its_territory_and_the_goals_it_serves(
    member: User, aligned_project: InvestmentProject
) -> None:
    # given a regional strategy addressing SDG 12, a national one addressing SDG 7 only,
    # and a strategy of another region
    make_strategy("malopolska", "PL21", {12: "strong", 13: "absent"})
    make_strategy("poland", None, {7: "moderate"})
    make_strategy("silesia", "PL22", {12: "strong"})

    # when the project's strategies are read
    fits = strategies_for_project(user=member, project=aligned_project)

    # then the two covering strategies are listed, the one sharing SDG 12 first
    assert [(f.strategy.slug, f.goals) for f in fits] == [("malopolska", (12,)), ("poland", ())]


def test_a_strategy_lists_the_projects_that_serve_it_only_to_those_who_work_on_them(
    member: User, outsider: User, aligned_project: InvestmentProject
) -> None:
    strategy = make_strategy("malopolska", "PL21", {12: "strong"})

    assert projects_for_strategy(user=member, strategy=strategy) == [(aligned_project, (12,))]
    assert projects_for_strategy(user=outsider, strategy=strategy) == []


def test_strategy_fit_pages_and_endpoints(
    member: User, member_client: Client, aligned_project: InvestmentProject
) -> None:
    strategy = make_strategy("malopolska", "PL21", {12: "strong"})

    page = member_client.get(reverse("pipeline:strategy_projects", args=[strategy.slug]))
    detail = member_client.get(reverse("pipeline:project_detail", args=[aligned_project.slug]))
    api: Any = (
        Client()
        .get(f"/api/v1/pipeline/projects/{aligned_project.pk}/strategies", **bearer(member))
        .json()
    )
    reverse_api: Any = (
        Client().get(f"/api/v1/pipeline/strategies/{strategy.pk}/projects", **bearer(member)).json()
    )

    assert aligned_project.title_text in page.content.decode()
    assert "Strategy malopolska" in detail.content.decode()
    assert api == [
        {
            "strategy_id": strategy.pk,
            "slug": "malopolska",
            "title": "Strategy malopolska",
            "goals": [12],
        }
    ]
    assert [p["goals"] for p in reverse_api] == [[12]]
