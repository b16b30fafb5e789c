from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy_financial as npf
import pytest

from obieg.accounts.choices import Role
from obieg.pipeline.models import FundingInstrument, InvestmentProject
from tests.factories import OrganisationFactory, UserFactory
from tests.pipeline.factories import FundingInstrumentFactory

pytestmark = pytest.mark.django_db(transaction=True)


FLOWS = [(0, 1_000_000, 0), (1, 0, 300_000), (2, 0, 350_000), (3, 0, 400_000), (4, 0, 400_000)]


def test_a_member_structures_a_project_matches_funding_and_moves_it_on_the_board(
    page: Any, sign_in: Any
) -> None:
    # given a member of a Polish company and two grants, one open to Poland only
    organisation = OrganisationFactory(name="Silesian Plastics", slug="silesian-plastics")
    UserFactory(username="promoter", role=Role.MEMBER, organisation=organisation)
    FundingInstrument.objects.all().delete()
    FundingInstrumentFactory(programme="Polish circular grant", countries=["PL"])
    FundingInstrumentFactory(programme="Czech circular grant", countries=["CZ"])
    sign_in("promoter")

    # when they create a project
    page.goto("/en/pipeline/projects/new/")
    page.fill("#id_title", "Film-to-pellet recycling line")
    page.fill("#id_summary", "Recycles agricultural film into pellets.")
    page.fill("#id_region", "PL213")
    page.fill("#id_budget", "1000000")
    page.click("#project-form button[type=submit]")
    page.wait_for_url("**/pipeline/projects/film-to-pellet-recycling-line/")

    # and enter five years of cash flows
    page.click("nav.project-tabs >> text=Investment case")
    page.fill("#id_discount_rate", "0.05")
    for year, capex, revenues in FLOWS:
        page.fill(f"#id_years-{year}-capex", str(capex))
        page.fill(f"#id_years-{year}-revenues", str(revenues))
    page.click("#case-form button[type=submit]")
    page.locator("#metric-npv .metric").wait_for()

    # then NPV and IRR are those of numpy-financial
    net = [revenues - capex for _year, capex, revenues in FLOWS]
    npv = float(page.get_attribute("#metric-npv .metric", "data-value") or "nan")
    irr = float(page.get_attribute("#metric-irr .metric", "data-value") or "nan")
    assert npv == pytest.approx(npf.npv(0.05, net), abs=1e-6)
    assert irr == pytest.approx(npf.irr(net), abs=1e-9)
    assert "%" in page.inner_text("#metric-irr")

    # and the funding page lists the Polish grant as eligible and names why the Czech one is not
    page.click("nav.project-tabs >> text=Funding matches")
    assert "Polish circular grant" in page.inner_text("#eligible")
    page.click("#excluded summary")
    excluded = page.inner_text("#excluded")
    assert "country_not_eligible" in excluded
    assert "is open to CZ, not PL" in excluded

    # when they drag the project from Idea to Screening on the board
    page.goto("/en/pipeline/board/")
    card = "#card-film-to-pellet-recycling-line"
    page.drag_and_drop(card, "#column-screening .board-cards")

    # then the card lands in Screening and the stage is stored with its history
    page.wait_for_function(
        "document.querySelector('#column-screening #card-film-to-pellet-recycling-line')"
        "?.dataset.stage === 'screening'"
    )
    project = InvestmentProject.objects.get(slug="film-to-pellet-recycling-line")
    assert project.stage == "screening"
    assert project.budget_eur == Decimal("1000000.00")
    assert list(project.stage_changes.values_list("to_stage", flat=True)) == ["idea", "screening"]
