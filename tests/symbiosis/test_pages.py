from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from obieg.accounts.models import User
from obieg.directory.models import Organisation
from obieg.symbiosis.models import Match, MatchingRun
from tests.symbiosis.factories import need, offer

pytestmark = pytest.mark.django_db
Runner = Callable[..., MatchingRun]


def test_every_page_renders_for_a_member(
    organisation: Organisation,
    other_organisation: Organisation,
    member: User,
    member_client: Client,
    run_matching: Runner,
) -> None:
    # given an offer, a need and a run
    ash = offer(organisation)
    need(other_organisation)
    matching_run = run_matching(member)
    match = Match.objects.get()

    # when a member opens every page
    urls = [
        "/en/symbiosis/",
        "/en/symbiosis/streams/",
        "/en/symbiosis/streams/new/?kind=need",
        f"/en/symbiosis/streams/{ash.pk}/",
        f"/en/symbiosis/streams/{ash.pk}/edit/",
        "/en/symbiosis/matches/",
        f"/en/symbiosis/matches/{match.pk}/",
        "/en/symbiosis/runs/",
        f"/en/symbiosis/runs/{matching_run.pk}/",
        "/en/symbiosis/potential/?kind=need&region=PL21&chapter=10",
        "/en/symbiosis/practices/",
        "/en/symbiosis/streams/import/",
    ]
    statuses = {url: member_client.get(url).status_code for url in urls}

    # then they all answer
    assert statuses == dict.fromkeys(urls, 200)


def test_the_stream_search_answers_htmx_with_a_fragment(
    organisation: Organisation, client: Client
) -> None:
    offer(organisation)
    offer(organisation, title="Sawdust", ewc_code="030105")

    response = client.get(
        "/en/symbiosis/streams/?code=0301", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="stream-results"
    )

    body = response.content.decode()
    assert "<html" not in body
    assert "Sawdust" in body
    assert "Fly ash" not in body


def test_a_polish_page_names_the_waste_in_polish(
    organisation: Organisation, client: Client
) -> None:
    stream = offer(organisation)

    page = client.get(f"/pl/symbiosis/streams/{stream.pk}/").content.decode()

    assert "Popioły lotne z węgla" in page


def test_samples_are_marked_as_samples(organisation: Organisation, client: Client) -> None:
    stream = offer(organisation)
    stream.is_sample = True
    stream.save()

    page = client.get("/en/symbiosis/streams/").content.decode()
    body = client.get(f"/api/v1/symbiosis/streams/{stream.pk}").json()

    assert "badge-sample" in page
    assert body["is_sample"] is True


def test_the_waste_code_lookup_finds_codes_by_prefix_and_words(client: Client) -> None:
    by_prefix = client.get("/api/v1/symbiosis/waste-codes?q=10 01 0").json()
    by_words = client.get("/api/v1/symbiosis/waste-codes?q=popioły lotne").json()

    assert by_prefix[0]["code"] == "100101"
    assert any(code["code"] == "100102" for code in by_words)


def test_a_visitor_is_sent_to_sign_in_before_publishing(client: Client) -> None:
    response = client.get("/en/symbiosis/streams/new/?kind=offer")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_member_edits_and_closes_a_stream_through_the_pages(
    organisation: Organisation, member_client: Client
) -> None:
    stream = offer(organisation, lat=None, lon=None, region="PL21")
    form = member_client.get(f"/en/symbiosis/streams/{stream.pk}/edit/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(title="Fly ash, certified", quantity="1500", organisation=str(organisation.pk))

    member_client.post(f"/en/symbiosis/streams/{stream.pk}/edit/", data)
    member_client.post(f"/en/symbiosis/streams/{stream.pk}/close/")

    stream.refresh_from_db()
    assert stream.title == "Fly ash, certified"
    assert stream.annual_quantity == pytest.approx(1500)
    assert stream.location_precision == "region"
    assert stream.status == "closed"


def test_an_outsider_cannot_open_the_edit_page(
    organisation: Organisation, outsider: User, client: Client
) -> None:
    stream = offer(organisation)
    client.force_login(outsider)

    assert client.get(f"/en/symbiosis/streams/{stream.pk}/edit/").status_code == 403
    assert client.post(f"/en/symbiosis/streams/{stream.pk}/close/").status_code == 403


def test_the_match_page_explains_the_score_in_the_page_language(
    organisation: Organisation,
    other_organisation: Organisation,
    member: User,
    member_client: Client,
    run_matching: Runner,
) -> None:
    offer(organisation, treatments=["R5"])
    need(other_organisation, treatments=["R5", "R10"])
    run_matching()
    match = Match.objects.get()

    page = member_client.get(f"/en/symbiosis/matches/{match.pk}/").content.decode()

    assert "the need accepts the group 1001" in page
    assert "km of at most 100 km" in page
    assert "both allow R5" in page
