"""Background work of symbiosis: matching runs and match notifications."""

from __future__ import annotations

from django_tasks import task

from obieg.core.services import enqueue_on_commit, run_progress, run_tracked
from obieg.symbiosis.services.runs import matching_run_execute
from obieg.symbiosis.services.workflow import match_notify


@task()
def matching_run_task(*, run_id: int, matching_run_id: int) -> None:
    """Run the matching engine over all open streams, then notify new good matches."""
    with run_tracked(run_id=run_id) as run:
        good = matching_run_execute(
            matching_run_id=matching_run_id,
            progress=lambda percent, message: run_progress(
                run=run, percent=percent, message=message
            ),
        )
    if good:
        enqueue_on_commit(match_notify_task, match_ids=good)


@task()
def match_notify_task(*, match_ids: list[int]) -> int:
    """E-mail both organisations of new good matches."""
    return match_notify(match_ids=match_ids)
