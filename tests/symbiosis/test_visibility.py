"""Anonymous listings never leak their organisation; members-only listings stay with members."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from obieg.accounts.models import User
from obieg.directory.models import Organisation
from obieg.symbiosis.models import Match, MatchingRun
from obieg.symbiosis.services import match_accept
from tests.conftest import bearer
from tests.factories import OrganisationFactory
from tests.symbiosis.factories import need, offer

pytestmark = pytest.mark.django_db
Runner = Callable[..., MatchingRun]
SECRET_ADDRESS = "ul. Ujastek 1, 31-752 Kraków"


@pytest.fixture
def anonymous_offer(organisation: Organisation) -> Any:
    return offer(
        organisation,
        visibility="anonymous",
        address=SECRET_ADDRESS,
        city="Kraków",
        lat=50.0712,
        lon=20.1065,
    )


def _leaks(text: str, organisation: Organisation) -> bool:
    return organisation.name in text or SECRET_ADDRESS in text or organisation.slug in text


def test_a_visitor_sees_an_anonymous_listing_without_its_organisation(
    anonymous_offer: Any, organisation: Organisation, client: Client
) -> None:
    listing = client.get("/api/v1/symbiosis/streams").json()["items"][0]
    detail = client.get(f"/api/v1/symbiosis/streams/{anonymous_offer.pk}").json()
    page = client.get(f"/en/symbiosis/streams/{anonymous_offer.pk}/").content.decode()
    results = client.get("/en/symbiosis/streams/").content.decode()

    for body in (listing, detail):
        assert body["organisation"] is None
        assert body["address"] == ""
        assert body["city"] == ""
        assert body["lat"] == 50.1
        assert body["identity_hidden"] is True
    assert not _leaks(page, organisation)
    assert not _leaks(results, organisation)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_do_not_leak_an_anonymous_organisation(
    anonymous_offer: Any,
    organisation: Organisation,
    outsider: User,
    client: Client,
    fmt: str,
) -> None:
    page_export = client.get(f"/en/symbiosis/streams/export.{fmt}")
    api_export = client.get(f"/api/v1/symbiosis/streams/export?format={fmt}", **bearer(outsider))

    for response in (page_export, api_export):
        assert response.status_code == 200
        assert organisation.name.encode() not in response.content
        assert SECRET_ADDRESS.encode() not in response.content


def test_the_owner_sees_their_own_anonymous_listing_in_full(
    anonymous_offer: Any, organisation: Organisation, member: User, client: Client
) -> None:
    body = client.get(f"/api/v1/symbiosis/streams/{anonymous_offer.pk}", **bearer(member)).json()

    assert body["organisation"]["name"] == organisation.name
    assert body["address"] == SECRET_ADDRESS


def test_one_consent_is_not_enough_to_reveal_the_identity(
    anonymous_offer: Any,
    organisation: Organisation,
    other_organisation: Organisation,
    outsider: User,
    client: Client,
    run_matching: Runner,
) -> None:
    need(other_organisation)
    run_matching()
    match = Match.objects.get()
    match_accept(match=match, user=outsider)  # only the need side agrees

    body = client.get(f"/api/v1/symbiosis/matches/{match.pk}", **bearer(outsider)).json()
    client.force_login(outsider)
    page = client.get(f"/en/symbiosis/matches/{match.pk}/")

    assert body["offer"]["organisation"] is None
    assert not _leaks(str(body), organisation)
    assert page.status_code == 200
    assert not _leaks(page.content.decode(), organisation)


def test_both_consents_reveal_the_identity_to_the_other_side_only(
    anonymous_offer: Any,
    organisation: Organisation,
    other_organisation: Organisation,
    member: User,
    outsider: User,
    client: Client,
    run_matching: Runner,
) -> None:
    need(other_organisation)
    run_matching()
    match = Match.objects.get()
    match_accept(match=match, user=member)
    match_accept(match=match, user=outsider)

    counterpart = client.get(
        f"/api/v1/symbiosis/streams/{anonymous_offer.pk}", **bearer(outsider)
    ).json()
    third_party = client.get(
        f"/api/v1/symbiosis/streams/{anonymous_offer.pk}",
        **bearer(User.objects.create(username="third", organisation=OrganisationFactory())),
    ).json()
    visitor = client.get(f"/api/v1/symbiosis/streams/{anonymous_offer.pk}").json()

    assert counterpart["organisation"]["name"] == organisation.name
    assert third_party["organisation"] is None
    assert visitor["organisation"] is None


def test_members_only_listings_are_hidden_from_visitors(
    organisation: Organisation, outsider: User, client: Client
) -> None:
    stream = offer(organisation, visibility="members")

    visitor_list = client.get("/api/v1/symbiosis/streams").json()
    visitor_detail = client.get(f"/api/v1/symbiosis/streams/{stream.pk}")
    visitor_page = client.get(f"/en/symbiosis/streams/{stream.pk}/")
    member_list = client.get("/api/v1/symbiosis/streams", **bearer(outsider)).json()

    assert visitor_list["count"] == 0
    assert visitor_detail.status_code == 404
    assert visitor_page.status_code == 404
    assert member_list["count"] == 1


def test_members_only_streams_do_not_count_on_the_visitors_map(
    organisation: Organisation, outsider: User, client: Client
) -> None:
    offer(organisation, visibility="members")

    visitor = client.get("/api/v1/symbiosis/potential").json()
    member = client.get("/api/v1/symbiosis/potential", **bearer(outsider)).json()

    assert visitor == []
    assert member[0]["quantity"] == pytest.approx(1000)


def test_closed_streams_are_seen_only_by_their_organisation(
    organisation: Organisation, member: User, outsider: User, client: Client
) -> None:
    offer(organisation, status="closed")

    assert client.get("/api/v1/symbiosis/streams", **bearer(outsider)).json()["count"] == 0
    assert client.get("/api/v1/symbiosis/streams", **bearer(member)).json()["count"] == 1


def test_visitors_see_no_matches(
    anonymous_offer: Any,
    other_organisation: Organisation,
    client: Client,
    run_matching: Runner,
) -> None:
    need(other_organisation)
    run_matching()

    assert client.get("/api/v1/symbiosis/matches").json()["count"] == 0
    match_id = Match.objects.get().pk
    assert client.get(f"/api/v1/symbiosis/matches/{match_id}").status_code == 404


def test_the_stream_list_needs_a_fixed_number_of_queries(
    organisation: Organisation,
    outsider: User,
    client: Client,
    django_assert_max_num_queries: Any,
) -> None:
    for n in range(12):
        offer(organisation, title=f"Offer {n}", visibility="anonymous" if n % 2 else "public")
    headers = bearer(outsider)

    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/symbiosis/streams", **headers)

    assert response.json()["count"] == 12


def test_the_match_list_needs_a_fixed_number_of_queries(
    organisation: Organisation,
    other_organisation: Organisation,
    member: User,
    client: Client,
    run_matching: Runner,
    django_assert_max_num_queries: Any,
) -> None:
    for n in range(4):
        offer(organisation, title=f"Ash {n}", visibility="anonymous")
        need(other_organisation, title=f"Blocks {n}")
    run_matching()
    headers = bearer(member)

    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/symbiosis/matches", **headers)

    assert response.json()["count"] >= 4


def test_searching_by_city_does_not_find_an_anonymous_listing(
    anonymous_offer: Any, organisation: Organisation, client: Client
) -> None:
    offer(organisation, title="Public sawdust", ewc_code="030105", city="Kraków")

    found = client.get("/api/v1/symbiosis/streams?q=krakow").json()["items"]

    assert [item["title"] for item in found] == ["Public sawdust"]


def test_the_match_and_stream_pages_need_a_fixed_number_of_queries(
    organisation: Organisation,
    other_organisation: Organisation,
    outsider: User,
    client: Client,
    run_matching: Runner,
    django_assert_max_num_queries: Any,
) -> None:
    for n in range(4):
        offer(organisation, title=f"Ash {n}", visibility="anonymous")
        need(other_organisation, title=f"Blocks {n}")
    run_matching()
    client.force_login(outsider)

    with django_assert_max_num_queries(12):
        matches = client.get("/en/symbiosis/matches/")
    with django_assert_max_num_queries(12):
        streams = client.get("/en/symbiosis/streams/")

    assert matches.status_code == streams.status_code == 200
    assert organisation.name not in streams.content.decode()
