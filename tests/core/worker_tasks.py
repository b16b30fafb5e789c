"""A task for the worker test: real tasks live in the apps' tasks.py."""

from __future__ import annotations

from django_tasks import task

from obieg.core.services import run_progress, run_tracked


@task()
def count_to(*, run_id: int, n: int) -> int:
    with run_tracked(run_id=run_id) as run:
        run_progress(run=run, percent=50, message=f"counting to {n}")
        return sum(range(n + 1))
