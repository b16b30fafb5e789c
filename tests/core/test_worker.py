from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import override_settings

from obieg.core.choices import RunStatus
from obieg.core.models import Run
from obieg.core.services import enqueue_on_commit, run_create
from tests.core.worker_tasks import count_to

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_a_task_waits_in_the_database_until_the_worker_runs_it() -> None:
    # given a run whose task was enqueued on commit
    run = run_create(kind="test", title="Counting")
    enqueue_on_commit(count_to, run=run, run_id=run.pk, n=10)
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED
    assert run.task_id

    # when a worker processes the queue once
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    # then the run record shows the finished work
    run = Run.objects.get(pk=run.pk)
    assert run.status == RunStatus.SUCCEEDED
    assert "counting to 10" in run.log
