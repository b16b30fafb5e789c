from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail

from obieg.accounts.models import User
from obieg.core.choices import RunStatus
from obieg.directory.models import Organisation
from obieg.symbiosis.models import Match, MatchingRun
from tests.symbiosis.factories import need, offer

pytestmark = pytest.mark.django_db
Runner = Callable[..., MatchingRun]


def test_a_run_stores_the_match_with_its_score_and_savings(
    organisation: Organisation,
    other_organisation: Organisation,
    member: User,
    run_matching: Runner,
) -> None:
    # given a fly-ash offer and a need for chapter 10 01 ash about 19 km away
    ash = offer(organisation)
    blocks = need(other_organisation)

    # when a member runs the matching
    matching_run = run_matching(member)

    # then the run succeeded and the pair is stored with the optimal quantity and savings
    assert matching_run.run.status == RunStatus.SUCCEEDED
    assert "feasible pairs" in matching_run.run.log
    match = Match.objects.get(offer=ash, need=blocks)
    assert match.status == "suggested"
    assert match.allocated_quantity == pytest.approx(600.0)
    assert 15 < match.distance_km < 25
    assert match.tonnes_diverted == pytest.approx(600.0)
    assert match.money_saved_eur > 0
    assert {c["name"] for c in match.components} >= {"code", "distance", "quantity"}
    assert matching_run.matches_count == 1
    assert matching_run.allocated_t == pytest.approx(600.0)


def test_it_never_matches_a_need_beyond_its_distance(
    organisation: Organisation,
    other_organisation: Organisation,
    run_matching: Runner,
) -> None:
    offer(organisation, lat=52.23, lon=21.01)  # Warsaw, ~250 km from Skawina
    need(other_organisation, max_distance_km=100.0)

    run_matching()

    assert not Match.objects.exists()


def test_a_rerun_keeps_the_workflow_state_of_a_match(
    organisation: Organisation,
    other_organisation: Organisation,
    member: User,
    run_matching: Runner,
) -> None:
    offer(organisation)
    need(other_organisation)
    run_matching()
    Match.objects.update(status="contacted")

    run_matching()

    assert Match.objects.get().status == "contacted"


def test_a_stale_suggestion_disappears_when_its_stream_closes(
    organisation: Organisation,
    other_organisation: Organisation,
    run_matching: Runner,
) -> None:
    ash = offer(organisation)
    need(other_organisation)
    run_matching()
    ash.status = "closed"
    ash.save()

    run_matching()

    assert not Match.objects.exists()


def test_it_emails_both_organisations_about_a_new_good_match(
    organisation: Organisation,
    other_organisation: Organisation,
    member: User,
    outsider: User,
    run_matching: Runner,
    settings: Any,
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    offer(organisation, visibility="anonymous")
    need(other_organisation)

    run_matching()

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([member.email, outsider.email])
    assert all(organisation.name not in m.body for m in mail.outbox)
    assert f"/en/symbiosis/matches/{Match.objects.get().pk}/" in mail.outbox[0].body
    assert Match.objects.get().notified_at is not None


def test_a_rerun_refreshes_changed_matches_and_claims_unchanged_ones(
    organisation: Organisation,
    other_organisation: Organisation,
    run_matching: Runner,
) -> None:
    ash = offer(organisation)
    offer(organisation, title="Bottom ash", ewc_code="100101", lat=50.2, lon=20.0)
    blocks = need(other_organisation, quantity=3000.0)
    run_matching()
    ash.annual_quantity = 2000.0
    ash.save()

    second = run_matching()

    assert Match.objects.filter(matching_run=second).count() == 2
    assert Match.objects.get(offer=ash, need=blocks).potential_quantity == pytest.approx(2000)
