from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client

from obieg.accounts.models import User
from obieg.core.errors import ApplicationError
from obieg.directory.models import Organisation
from obieg.symbiosis.models import Match, MatchingRun
from obieg.symbiosis.services import exchange_record, match_accept, match_transition
from tests.conftest import bearer
from tests.factories import OrganisationFactory, UserFactory
from tests.symbiosis.factories import need, offer

pytestmark = pytest.mark.django_db
Runner = Callable[..., MatchingRun]


@pytest.fixture
def match(
    organisation: Organisation, other_organisation: Organisation, run_matching: Runner
) -> Match:
    offer(organisation, visibility="anonymous")
    need(other_organisation)
    run_matching()
    return Match.objects.select_related("offer", "need").get()


def test_the_first_acceptance_contacts_and_the_second_starts_negotiation(
    match: Match, member: User, outsider: User
) -> None:
    match_accept(match=match, user=member)
    assert match.status == "contacted"
    assert match.offer_consented_at is not None
    assert match.need_consented_at is None

    match_accept(match=match, user=outsider)

    assert match.status == "negotiating"
    assert [t.to_status for t in match.transitions.all()] == ["contacted", "negotiating"]


def test_it_refuses_to_agree_before_both_sides_accepted(match: Match, member: User) -> None:
    match_accept(match=match, user=member)
    match_transition(match=match, user=member, to_status="declined")
    assert match.status == "declined"

    with pytest.raises(ApplicationError, match="cannot go"):
        match_transition(match=match, user=member, to_status="contacted")


def test_it_refuses_to_skip_steps(match: Match, member: User) -> None:
    with pytest.raises(ApplicationError, match="cannot go"):
        match_transition(match=match, user=member, to_status="agreed")


def test_a_third_organisation_cannot_see_or_accept_the_match(match: Match, client: Client) -> None:
    stranger = UserFactory(organisation=OrganisationFactory())

    response = client.post(f"/api/v1/symbiosis/matches/{match.pk}/accept", **bearer(stranger))

    assert response.status_code == 404
    assert Match.objects.get().status == "suggested"


def test_exchanged_quantities_are_recorded_on_the_common_basis(
    match: Match, member: User, outsider: User
) -> None:
    match_accept(match=match, user=member)
    match_accept(match=match, user=outsider)
    match_transition(match=match, user=member, to_status="agreed")

    exchange = exchange_record(
        match=match,
        user=outsider,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
        quantity=12_500,
        unit="kg",
    )

    assert exchange.quantity_on_basis == pytest.approx(12.5)


def test_it_refuses_an_exchange_in_the_wrong_kind_of_unit(
    match: Match, member: User, outsider: User
) -> None:
    match_accept(match=match, user=member)
    match_accept(match=match, user=outsider)
    match_transition(match=match, user=member, to_status="agreed")

    with pytest.raises(ApplicationError) as error:
        exchange_record(
            match=match,
            user=member,
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 1, 31),
            quantity=5,
            unit="MWh",
        )

    assert error.value.field == "unit"


def test_it_refuses_an_exchange_before_agreement(match: Match, member: User) -> None:
    with pytest.raises(ApplicationError, match="agreed"):
        exchange_record(
            match=match,
            user=member,
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2026, 1, 31),
            quantity=5,
            unit="t",
        )


def test_a_member_accepts_through_the_page(match: Match, member_client: Client) -> None:
    response = member_client.post(f"/en/symbiosis/matches/{match.pk}/accept/", follow=True)

    assert response.status_code == 200
    assert Match.objects.get().status == "contacted"
    assert "Contacted" in response.content.decode()


def test_the_api_walks_a_match_to_running(
    match: Match, member: User, outsider: User, client: Client
) -> None:
    base = f"/api/v1/symbiosis/matches/{match.pk}"
    client.post(f"{base}/accept", **bearer(member))
    client.post(f"{base}/accept", **bearer(outsider))

    for status in ("agreed", "running"):
        response = client.post(
            f"{base}/transition",
            {"status": status},
            content_type="application/json",
            **bearer(member),
        )
        assert response.status_code == 200, response.json()

    body = response.json()
    assert body["status"] == "running"
    assert body["offer_consented"]
    assert body["need_consented"]


def test_the_overview_counts_agreed_exchanges_and_recorded_tonnes(
    match: Match, member: User, outsider: User, client: Client
) -> None:
    match_accept(match=match, user=member)
    match_accept(match=match, user=outsider)
    match_transition(match=match, user=member, to_status="agreed")
    exchange_record(
        match=match,
        user=member,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 1, 31),
        quantity=40,
        unit="t",
    )

    page = client.get("/en/symbiosis/").content.decode()

    assert 'id="savings-overview"' in page
    assert "600" in page  # tonnes a year diverted by the agreed match
    assert "40" in page
