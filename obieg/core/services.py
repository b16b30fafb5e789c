from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.utils import timezone

from obieg.core.choices import RunStatus
from obieg.core.models import Run

LOG_LIMIT = 200_000  # characters; a runaway log must not bloat the row


def run_create(*, kind: str, title: str, subject: str = "", created_by: Any = None) -> Run:
    """Record a queued job so that users can follow it from the start."""
    user = created_by if created_by is not None and created_by.is_authenticated else None
    return Run.objects.create(kind=kind, title=title[:300], subject=subject, created_by=user)


def run_attach_task(*, run: Run, task_id: str) -> None:
    """Remember which background task carries the run."""
    run.task_id = task_id
    run.save(update_fields=["task_id", "updated_at"])


def run_start(*, run: Run) -> None:
    """Mark the run as running, clearing what an earlier attempt left."""
    run.status = RunStatus.RUNNING
    run.started_at = timezone.now()
    run.finished_at = None
    run.error = ""
    run.progress = 0
    run.save(
        update_fields=["status", "started_at", "finished_at", "error", "progress", "updated_at"]
    )


def run_progress(*, run: Run, percent: int, message: str = "") -> None:
    """Move the progress bar and append a log line, committed at once so pollers see it."""
    run.progress = max(0, min(100, percent))
    if message:
        stamp = timezone.now().strftime("%H:%M:%S")
        run.log = (run.log + f"[{stamp}] {message}\n")[-LOG_LIMIT:]
    run.save(update_fields=["progress", "log", "updated_at"])


def run_succeed(*, run: Run, message: str = "") -> None:
    """Close the run as succeeded."""
    run_progress(run=run, percent=100, message=message)
    run.status = RunStatus.SUCCEEDED
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "finished_at", "updated_at"])


def run_fail(*, run: Run, error: str) -> None:
    """Close the run as failed, keeping the reason for the user."""
    run.status = RunStatus.FAILED
    run.error = error[:10_000]
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "error", "finished_at", "updated_at"])


@contextmanager
def run_tracked(*, run_id: int) -> Iterator[Run]:
    """Wrap a task body: start the run, and record any failure with its reason."""
    run = Run.objects.get(pk=run_id)
    run_start(run=run)
    try:
        yield run
    except Exception as exc:
        run_fail(run=run, error=str(exc) or exc.__class__.__name__)
        raise
    if not run.is_finished:
        run_succeed(run=run)


def enqueue_on_commit(task: Any, /, *args: Any, run: Run | None = None, **kwargs: Any) -> None:
    """Enqueue a task once the surrounding transaction commits (never for rolled-back rows)."""

    def _enqueue() -> None:
        result = task.enqueue(*args, **kwargs)
        if run is not None:
            Run.objects.filter(pk=run.pk).update(task_id=str(result.id))

    transaction.on_commit(_enqueue)
