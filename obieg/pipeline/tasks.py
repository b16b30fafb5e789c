"""Background work of the pipeline: each task loads by id, calls one service, records a run."""

from __future__ import annotations

from django_tasks import task

from obieg.core.services import run_progress, run_tracked
from obieg.pipeline.services.alignment import project_align


@task()
def project_align_task(run_id: int, project_id: int) -> None:
    """Classify a project's description for SDG and Green Deal alignment."""
    with run_tracked(run_id=run_id) as run:
        run_progress(run=run, percent=10, message="classifying the description")
        project = project_align(project_id=project_id)
        goals = ", ".join(f"SDG {g['goal']}" for g in project.alignment.get("goals", ())) or "-"
        run_progress(run=run, percent=100, message=f"goals: {goals}")
