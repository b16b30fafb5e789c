from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from obieg.accounts.models import User
from obieg.directory.models import Organisation
from obieg.symbiosis.models import MatchingRun
from tests.conftest import bearer
from tests.symbiosis.factories import need, offer

pytestmark = pytest.mark.django_db


def test_a_member_runs_the_matching_through_the_api(
    organisation: Organisation,
    other_organisation: Organisation,
    member: User,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    offer(organisation)
    need(other_organisation)

    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            "/api/v1/symbiosis/runs",
            {"objective": "co2"},
            content_type="application/json",
            **bearer(member),
        )

    assert started.status_code == 202, started.json()
    run = client.get(f"/api/v1/symbiosis/runs/{started.json()['id']}").json()
    assert run["status"] == "succeeded"
    assert run["objective"] == "co2"
    assert run["matches_count"] == 1
    log = client.get(run["run_url"], **bearer(member)).json()["log"]
    assert "feasible pairs" in log
    matches = client.get("/api/v1/symbiosis/matches", **bearer(member)).json()["items"]
    assert matches[0]["co2e_avoided_kg"] > 0


def test_a_visitor_cannot_start_a_run(client: Client) -> None:
    response = client.post("/api/v1/symbiosis/runs", {}, content_type="application/json")

    assert response.status_code == 401
    assert not MatchingRun.objects.exists()


def test_a_run_started_from_the_page_shows_its_run_record(
    organisation: Organisation,
    other_organisation: Organisation,
    member_client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    offer(organisation)
    need(other_organisation)

    with django_capture_on_commit_callbacks(execute=True):
        started = member_client.post("/en/symbiosis/runs/start/", {"objective": "tkm"})

    page = member_client.get(started["Location"]).content.decode()
    assert "feasible pairs" in page
    assert "Fly ash from the CHP plant" in page


def test_the_openapi_document_lists_the_symbiosis_endpoints(client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    for path in (
        "/api/v1/symbiosis/streams",
        "/api/v1/symbiosis/matches/{match_id}/accept",
        "/api/v1/symbiosis/runs",
        "/api/v1/symbiosis/potential",
        "/api/v1/symbiosis/imports",
        "/api/v1/symbiosis/practices",
        "/api/v1/symbiosis/streams/{stream_id}/receivers",
    ):
        assert path in paths


def test_the_potential_counts_what_the_plan_leaves_unmatched(
    organisation: Organisation,
    other_organisation: Organisation,
    member: User,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    offer(organisation)  # 1000 t
    need(other_organisation)  # 600 t
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/api/v1/symbiosis/runs", {}, content_type="application/json", **bearer(member))

    rows = client.get("/api/v1/symbiosis/potential?kind=offer").json()
    page = client.get("/en/symbiosis/potential/?kind=offer&region=PL21&chapter=10")

    assert rows == [
        {
            "region": "PL21",
            "chapter": "10",
            "kind": "offer",
            "basis": "t/year",
            "quantity": pytest.approx(400),
            "streams": 1,
        }
    ]
    assert client.get("/api/v1/symbiosis/potential?kind=need").json() == []
    assert "Fly ash from the CHP plant" in page.content.decode()


def test_the_page_of_a_queued_run_polls_and_reloads_when_it_ends(
    member: User, member_client: Client
) -> None:
    from obieg.symbiosis.services import matching_run_start

    matching_run = matching_run_start(user=member)  # never committed here, so still queued

    page = member_client.get(f"/en/symbiosis/runs/{matching_run.pk}/").content.decode()

    assert 'hx-trigger="every 1s"' in page
    assert "htmx:afterSwap" in page
    assert matching_run_start(user=member).pk == matching_run.pk  # one run at a time


def test_the_command_line_matches_streams_and_prints_the_totals(
    organisation: Organisation,
    other_organisation: Organisation,
) -> None:
    import io

    from django.core.management import call_command

    offer(organisation)
    need(other_organisation)
    out = io.StringIO()

    call_command("match_streams", "--objective", "co2", stdout=out)

    assert "1 offers, 1 needs, 1 pairs, 1 matches" in out.getvalue()
    assert MatchingRun.objects.get().run.status == "succeeded"
