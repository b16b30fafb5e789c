from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from obieg.accounts.models import User
from obieg.directory.models import Organisation
from obieg.pipeline import selectors, services
from obieg.pipeline.funding_rules import RULES
from obieg.pipeline.models import Barrier, FundingInstrument, StackItem
from tests.conftest import bearer
from tests.pipeline.factories import FundingInstrumentFactory, InvestmentProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def instruments(only_test_instruments: None) -> dict[str, FundingInstrument]:
    """One instrument that fits, and one failing each of several rules."""
    return {
        "fits": FundingInstrumentFactory(key="FIT:grant", programme="Fits"),
        "loan": FundingInstrumentFactory(
            key="FIT:loan",
            programme="Loan",
            instrument_type="loan",
            max_cofinancing_rate=Decimal("0.8"),
        ),
        "czech": FundingInstrumentFactory(key="CZ:grant", programme="Czech only", countries=["CZ"]),
        "big": FundingInstrumentFactory(
            key="BIG:grant", programme="Big tickets", ticket_min_eur=Decimal("5000000")
        ),
        "lab": FundingInstrumentFactory(
            key="LAB:grant", programme="Lab stage", trl_min=1, trl_max=4, countries=["CZ"]
        ),
    }


def test_every_excluded_instrument_names_each_rule_that_excluded_it(
    member: User, instruments: dict[str, FundingInstrument]
) -> None:
    # given a Polish TRL-7 project of EUR 2 million
    project = InvestmentProjectFactory(promoter=member.organisation)

    # when its matches are read through the API
    body = Client().get(f"/api/v1/pipeline/projects/{project.pk}/funding", **bearer(member)).json()

    # then each excluded instrument lists every failed rule with a reason
    failures = {m["key"]: [f["code"] for f in m["failures"]] for m in body["matches"]}
    assert failures == {
        "FIT:grant": [],
        "FIT:loan": [],
        "CZ:grant": ["country_not_eligible"],
        "BIG:grant": ["ticket_below_minimum"],
        "LAB:grant": ["country_not_eligible", "trl_out_of_range"],
    }
    for match in body["matches"]:
        assert match["eligible"] == (not match["failures"])
        assert all(f["code"] in RULES and f["reason"] for f in match["failures"])
    assert [m["eligible"] for m in body["matches"]] == [True, True, False, False, False]


def test_the_proposed_stack_covers_the_budget_within_co_financing_caps(
    member: User, instruments: dict[str, FundingInstrument]
) -> None:
    project = InvestmentProjectFactory(promoter=member.organisation)

    funding = selectors.project_funding_view(project=project)

    assert funding.stack is not None
    for item in funding.stack.items:
        assert item.amount_eur <= item.instrument.max_cofinancing_rate * 2_000_000 + 1e-6
    assert funding.stack.covered_eur + funding.stack.gap_eur == pytest.approx(2_000_000)
    assert funding.stack.gap_eur == pytest.approx(0)


def test_refreshing_funding_stores_the_stack_and_the_barriers(
    member: User, instruments: dict[str, FundingInstrument]
) -> None:
    project = InvestmentProjectFactory(promoter=member.organisation)

    services.project_funding_refresh(project=project)

    stored = dict(
        StackItem.objects.filter(project=project).values_list("instrument__key", "amount_eur")
    )
    codes = set(Barrier.objects.filter(project=project).values_list("code", flat=True))
    assert sum(stored.values()) == Decimal("2000000.00")
    assert "ticket_below_minimum" in codes


def test_the_funding_page_shows_matches_with_their_reasons(
    member_client: Client, member: User, instruments: dict[str, FundingInstrument]
) -> None:
    project = InvestmentProjectFactory(promoter=member.organisation)

    page = member_client.get(reverse("pipeline:project_funding", args=[project.slug]))

    html = page.content.decode()
    assert page.status_code == 200
    assert "country_not_eligible" in html
    assert "Czech only is open to CZ, not PL" in html
    assert "Proposed funding stack" in html


def test_an_instrument_lists_only_eligible_projects_the_user_works_on(
    member: User,
    outsider: User,
    instruments: dict[str, FundingInstrument],
    other_organisation: Organisation,
) -> None:
    # given an eligible project of the member's organisation and one of the outsider's
    mine = InvestmentProjectFactory(promoter=member.organisation)
    InvestmentProjectFactory(promoter=other_organisation, slug="theirs")
    url = f"/api/v1/pipeline/instruments/{instruments['fits'].pk}/eligible-projects"

    # when each asks which projects are eligible for the instrument
    as_member = Client().get(url, **bearer(member)).json()
    as_outsider = Client().get(url, **bearer(outsider)).json()

    # then each sees only their own
    assert [p["slug"] for p in as_member] == [mine.slug]
    assert [p["slug"] for p in as_outsider] == ["theirs"]


def test_only_managers_edit_and_verify_instruments(
    member: User, manager: User, instruments: dict[str, FundingInstrument]
) -> None:
    url = f"/api/v1/pipeline/instruments/{instruments['fits'].pk}"

    refused = Client().patch(
        url, data={"trl_min": 3}, content_type="application/json", **bearer(member)
    )
    changed = Client().patch(
        url, data={"trl_min": 3}, content_type="application/json", **bearer(manager)
    )
    verified = Client().post(f"{url}/verify", **bearer(manager))

    assert refused.status_code == 403
    assert changed.json()["trl_min"] == 3
    assert verified.json()["verified"] is True


def test_the_shipped_instruments_are_seeded_unverified(db: Any) -> None:
    seeded = FundingInstrument.objects.all()

    assert seeded.count() > 50
    assert not seeded.filter(verified=True).exists()
    assert seeded.filter(calls__isnull=False).exists()
    assert set(seeded.values_list("instrument_type", flat=True)) >= {"grant", "loan", "equity"}


def test_the_instrument_pages_show_the_seed_as_unverified(client: Client) -> None:
    listing = client.get(reverse("pipeline:instrument_list"), {"q": "LIFE"})
    instrument = FundingInstrument.objects.get(key="LIFE:grant")
    detail = client.get(reverse("pipeline:instrument_detail", args=[instrument.pk]))

    assert "unverified" in listing.content.decode()
    assert "LIFE-2026" in detail.content.decode()


def test_managers_add_calls_and_a_passed_deadline_excludes_the_instrument(
    member: User, manager: User, instruments: dict[str, FundingInstrument]
) -> None:
    # given an eligible project and a manager who records a call that closed in 2020
    project = InvestmentProjectFactory(promoter=member.organisation)
    url = f"/api/v1/pipeline/instruments/{instruments['fits'].pk}/calls"
    call = {"identifier": "FIT-2020", "title": "Closed call", "deadlines": ["2020-01-31"]}

    refused = Client().put(url, data=call, content_type="application/json", **bearer(member))
    stored = Client().put(url, data=call, content_type="application/json", **bearer(manager))
    funding = selectors.project_funding_view(project=project)

    # then the instrument now fails the deadline rule for the project
    failures = {m.instrument.id: [f.code for f in m.failures] for m in funding.matches}
    assert refused.status_code == 403
    assert stored.json()["calls"][0]["deadlines"] == ["2020-01-31"]
    assert failures["FIT:grant"] == ["deadline_passed"]


def test_managers_open_the_pipeline_back_office(manager_client: Client, db: Any) -> None:
    for model in ("fundinginstrument", "investmentproject", "exchangerate", "barrier"):
        assert manager_client.get(f"/admin/pipeline/{model}/").status_code == 200
    instrument = FundingInstrument.objects.order_by("pk").first()
    assert instrument is not None
    change = manager_client.get(f"/admin/pipeline/fundinginstrument/{instrument.pk}/change/")
    assert change.status_code == 200


def test_a_project_saved_in_the_back_office_keeps_its_derived_columns(
    manager_client: Client, organisation: Organisation
) -> None:
    project = InvestmentProjectFactory(promoter=organisation)
    url = f"/admin/pipeline/investmentproject/{project.pk}/change/"
    form = manager_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "advisers"}
    data |= {
        "title": '{"en": "Renamed loop"}',
        "summary": "{}",
        "details": "{}",
        "alignment": "{}",
        "budget": "3000000",
        "StageChangeInline-TOTAL_FORMS": "0",
    }

    manager_client.post(url, data)

    project.refresh_from_db()
    assert project.budget_eur == Decimal("3000000.00")
    assert "renamed loop" in project.search_text


def test_instrument_rules_must_use_the_matchers_vocabulary(
    manager: User, instruments: dict[str, FundingInstrument], member: User
) -> None:
    url = f"/api/v1/pipeline/instruments/{instruments['fits'].pk}"

    response = Client().patch(
        url, data={"stages": ["financing"]}, content_type="application/json", **bearer(manager)
    )

    assert response.status_code == 422
    assert response.json()["field"] == "stages"
    assert "financing" in response.json()["detail"]


def test_a_broken_instrument_row_is_skipped_not_fatal(
    member: User, instruments: dict[str, FundingInstrument]
) -> None:
    FundingInstrument.objects.filter(key="CZ:grant").update(stages=["bogus"])
    project = InvestmentProjectFactory(promoter=member.organisation)

    funding = selectors.project_funding_view(project=project)

    assert "CZ:grant" not in {m.instrument.id for m in funding.matches}
    assert "FIT:grant" in {m.instrument.id for m in funding.matches}
