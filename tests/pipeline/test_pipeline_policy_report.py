from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from obieg.accounts.models import User
from obieg.directory.models import Organisation
from obieg.pipeline.selectors.policy import policy_report
from tests.pipeline.factories import BarrierFactory, InvestmentProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def barriers(organisation: Organisation) -> None:
    """Three projects: two met state-aid limits, one a co-financing rate too low."""
    projects = InvestmentProjectFactory.create_batch(3, promoter=organisation)
    BarrierFactory(project=projects[0])
    BarrierFactory(project=projects[1])
    BarrierFactory(
        project=projects[2],
        code="cofinancing_too_low",
        source="matcher",
        message="the instrument funds at most 50 % of the budget",
    )


def test_it_aggregates_barriers_per_code(barriers: None, manager: User) -> None:
    report = policy_report(user=manager)

    rows = {r.code: (r.projects, r.share, r.recorded_by_advisers) for r in report.barriers}
    assert rows["state_aid_limit"] == (2, pytest.approx(2 / 3), 2)
    assert rows["cofinancing_too_low"] == (1, pytest.approx(1 / 3), 0)
    assert report.projects_with_barriers == 3


def test_the_report_downloads_as_pdf_and_csv(barriers: None, manager_client: Client) -> None:
    pdf = manager_client.get(reverse("pipeline:policy_report_pdf"))
    table = manager_client.get(reverse("pipeline:policy_report_csv"))

    rows = list(csv.DictReader(io.StringIO(table.content.decode())))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert {r["barrier"]: r["projects"] for r in rows} == {
        "state_aid_limit": "2",
        "cofinancing_too_low": "1",
    }


def test_the_printable_report_names_no_project(barriers: None, manager_client: Client) -> None:
    html = manager_client.get(reverse("pipeline:policy_report")).content.decode()

    assert "State-aid limits" in html
    assert "the instrument funds at most 50 %" in html
    assert "Circular project" not in html
    assert "<svg" in html
