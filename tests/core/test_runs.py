from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from obieg.accounts.models import User
from obieg.core.choices import RunStatus
from obieg.core.models import Run
from obieg.core.services import run_create, run_progress, run_tracked
from tests.conftest import bearer


def test_it_records_progress_and_success(member: User) -> None:
    run = run_create(kind="test", title="Counting", created_by=member)

    with run_tracked(run_id=run.pk) as tracked:
        run_progress(run=tracked, percent=40, message="counted half")

    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    assert run.progress == 100
    assert "counted half" in run.log
    assert run.started_at is not None
    assert run.finished_at is not None
    assert run.finished_at >= run.started_at


def test_it_records_the_reason_of_a_failure(member: User) -> None:
    run = run_create(kind="test", title="Failing", created_by=member)

    with pytest.raises(ValueError, match="no such file"), run_tracked(run_id=run.pk):
        raise ValueError("no such file: strategy.pdf")

    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert run.error == "no such file: strategy.pdf"


def test_a_user_follows_their_run_through_the_api(member: User, client: Client) -> None:
    run = run_create(kind="test", title="Mine", created_by=member)

    response = client.get(f"/api/v1/core/runs/{run.pk}", **bearer(member))

    assert response.status_code == 200
    assert response.json()["title"] == "Mine"


def test_it_hides_a_run_from_another_user(member: User, outsider: User, client: Client) -> None:
    run = run_create(kind="test", title="Mine", created_by=member)

    response = client.get(f"/api/v1/core/runs/{run.pk}", **bearer(outsider))

    assert response.status_code == 404
    assert str(run.pk) in response.json()["detail"]


def test_the_run_page_polls_until_the_run_finishes(member: User, member_client: Client) -> None:
    run = run_create(kind="test", title="Still going", created_by=member)

    page = member_client.get(f"/en/runs/{run.pk}/")
    fragment = member_client.get(f"/en/runs/{run.pk}/", HTTP_HX_REQUEST="true")

    assert page.status_code == 200
    assert 'hx-trigger="every 1s"' in page.content.decode()
    assert "<html" not in fragment.content.decode()
    Run.objects.filter(pk=run.pk).update(status=RunStatus.SUCCEEDED)
    assert "hx-trigger" not in member_client.get(f"/en/runs/{run.pk}/").content.decode()


def test_a_bad_token_on_a_read_is_refused_with_a_reason(db: Any, client: Client) -> None:
    response = client.get("/api/v1/core/runs/1", HTTP_AUTHORIZATION="Bearer obg_nope")

    assert response.status_code == 401
    assert "API token" in response.json()["detail"]
