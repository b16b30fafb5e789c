from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from obieg.accounts.models import User
from obieg.directory.models import Organisation
from obieg.symbiosis.models import GoodPractice, Match, MatchingRun
from obieg.symbiosis.selectors import good_practices_similar
from obieg.symbiosis.services import match_accept, match_transition
from obieg.symbiosis.services.practices import good_practice_create, good_practices_seed
from obieg.symbiosis.services.suggestions import receiver_suggestions
from tests.conftest import bearer
from tests.symbiosis.factories import need, offer

pytestmark = pytest.mark.django_db
Runner = Callable[..., MatchingRun]


def test_the_catalogue_ships_with_sourced_cases(db: object) -> None:
    practices = list(GoodPractice.objects.all())

    assert len(practices) >= 10
    assert all(p.source_title for p in practices)
    assert any("Kalundborg" in p.title for p in practices)


def test_seeding_twice_changes_nothing(db: object) -> None:
    before = GoodPractice.objects.count()

    assert good_practices_seed() == 0
    assert GoodPractice.objects.count() == before


def test_the_catalogue_is_searchable_by_words_and_code(client: Client) -> None:
    by_words = client.get("/api/v1/symbiosis/practices?q=gipsow").json()  # Polish, no accents
    by_code = client.get("/api/v1/symbiosis/practices?code=100105").json()
    page = client.get("/en/symbiosis/practices/?q=kalundborg")

    assert any("gypsum" in p["title"] for p in by_words["items"])
    assert [p["receiver_nace"] for p in by_code["items"]] == ["23"]
    assert page.status_code == 200
    assert "Kalundborg" in page.content.decode()


def test_a_fly_ash_match_links_to_fly_ash_practices(
    organisation: Organisation, other_organisation: Organisation, run_matching: Runner
) -> None:
    offer(organisation)
    need(other_organisation)
    run_matching()

    similar = good_practices_similar(match=Match.objects.select_related("offer").get())

    assert similar
    assert "fly ash" in similar[0].title.lower()


def test_receivers_are_ranked_with_the_platforms_evidence(
    organisation: Organisation,
    other_organisation: Organisation,
    member: User,
    outsider: User,
    run_matching: Runner,
) -> None:
    # given an agreed fly-ash exchange to a concrete maker (NACE 23.61)
    offer(organisation)
    need(other_organisation, nace_code="23.61")
    run_matching()
    match = Match.objects.get()
    match_accept(match=match, user=member)
    match_accept(match=match, user=outsider)
    match_transition(match=match, user=member, to_status="agreed")

    # when a new fly-ash offer asks where it could go
    lonely = offer(organisation, title="More fly ash", lat=54.35, lon=18.65)  # Gdańsk
    suggestions = receiver_suggestions(stream=lonely)

    # then cement and concrete lead, backed by the exchange and a good practice
    assert suggestions[0].nace == "23"
    sources = {e.source for e in suggestions[0].evidence}
    assert {"exchange", "good_practice", "knowledge"} <= sources


def test_receivers_are_listed_by_the_api_and_on_the_offer_page(
    organisation: Organisation, client: Client
) -> None:
    stream = offer(organisation)

    body = client.get(f"/api/v1/symbiosis/streams/{stream.pk}/receivers").json()
    page = client.get(f"/en/symbiosis/streams/{stream.pk}/").content.decode()

    assert body[0]["nace"] == "23"
    assert body[0]["evidence"]
    assert 'id="receiver-suggestions"' in page


def test_only_managers_add_cases(member: User, manager: User, client: Client) -> None:
    case = {
        "title": "Test case of sawdust to pellets",
        "kind": "by_product",
        "ewc_codes": ["030105"],
        "receiver_nace": "16",
        "source_title": "Own survey",
    }

    refused = client.post(
        "/api/v1/symbiosis/practices", case, content_type="application/json", **bearer(member)
    )
    created = client.post(
        "/api/v1/symbiosis/practices", case, content_type="application/json", **bearer(manager)
    )

    assert refused.status_code == 403
    assert created.status_code == 201
    assert GoodPractice.objects.get(title=case["title"]).search_text


def test_it_rejects_a_case_with_an_unknown_code(db: object) -> None:
    from obieg.core.errors import ApplicationError

    with pytest.raises(ApplicationError) as error:
        good_practice_create(title="Bad", kind="by_product", ewc_codes=["999999"], source_title="x")

    assert error.value.field == "ewc_codes"
