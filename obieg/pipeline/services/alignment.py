"""Keep a project's SDG and Green Deal alignment in step with its description."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from obieg.core.models import Run
from obieg.core.services import enqueue_on_commit, run_create
from obieg.pipeline.alignment import classify_description, text_fingerprint
from obieg.pipeline.models import InvestmentProject

RUN_KIND = "pipeline.alignment"


def alignment_text(project: InvestmentProject) -> str:
    """The text classified: title, summary and details in the original language."""
    parts = [project.title_text, project.summary_text, project.details_text]
    return "\n".join(p for p in parts if p)


def alignment_subject(project: InvestmentProject) -> str:
    return f"pipeline.investmentproject:{project.pk}"


def project_alignment_schedule(*, project: InvestmentProject, user: Any) -> Run | None:
    """Queue a classification when the description changed since the last one."""
    text = alignment_text(project)
    stored = InvestmentProject.objects.filter(pk=project.pk).values_list(
        "alignment_source", flat=True
    )
    if not text or text_fingerprint(text) == stored.first():
        return None
    from obieg.pipeline.tasks import project_align_task

    run = run_create(
        kind=RUN_KIND,
        title=_("SDG alignment of “%(title)s”") % {"title": project.title_text},
        subject=alignment_subject(project),
        created_by=user,
    )
    enqueue_on_commit(project_align_task, run=run, run_id=run.pk, project_id=project.pk)
    return run


@transaction.atomic
def project_align(*, project_id: int) -> InvestmentProject:
    """Classify a project's description, store the alignment and refresh its funding fit."""
    from obieg.pipeline.services.funding import project_funding_refresh

    project = InvestmentProject.objects.select_related("promoter").get(pk=project_id)
    text = alignment_text(project)
    project.alignment = {**classify_description(text), "computed_at": timezone.now().isoformat()}
    project.alignment_source = text_fingerprint(text)
    project.save(update_fields=["alignment", "alignment_source", "updated_at"])
    project_funding_refresh(project=project)
    return project
