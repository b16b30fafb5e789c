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
