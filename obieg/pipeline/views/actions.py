"""POST actions on a project: stage, notes, tasks, barriers, people, documents, teaser."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from obieg.accounts.models import User
from obieg.core.errors import ApplicationError, NotFoundError
from obieg.core.http import HtmxHttpRequest
from obieg.pipeline import forms, selectors, services
from obieg.pipeline.models import ProjectTask
from obieg.pipeline.views.common import form_error, redirect_back


@login_required
@require_POST
def project_move(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Change the stage: from the board (HTMX drop) or from the plain form without JavaScript."""
    project = selectors.project_get_full(user=request.user, slug=slug)
    form = forms.StageForm(request.POST)
    if not form.is_valid():
        raise ApplicationError(_("Choose a stage."), field="stage", status=422)
    services.project_move(
        project=project,
        user=request.user,
        to_stage=form.cleaned_data["stage"],
        reason=form.cleaned_data["reason"],
    )
    if request.htmx:
        project.refresh_from_db()
        return render(request, "pipeline/partials/board_card.html", {"project": project})
    messages.success(
        request, _("The project moved to “%(stage)s”.") % {"stage": project.get_stage_display()}
    )
    return redirect_back(request, reverse("pipeline:project_detail", args=[project.slug]))


@login_required
@require_POST
def note_add(request: HttpRequest, slug: str) -> HttpResponse:
    project = selectors.project_get_full(user=request.user, slug=slug)
    form = forms.NoteForm(request.POST)
    if form.is_valid():
        services.project_note_add(project=project, user=request.user, **form.cleaned_data)
    return redirect(reverse("pipeline:project_detail", args=[slug]) + "#notes")


@login_required
@require_POST
def task_add(request: HttpRequest, slug: str) -> HttpResponse:
    project = selectors.project_get_full(user=request.user, slug=slug)
    form = forms.TaskForm(request.POST)
    if form.is_valid():
        services.project_task_add(
            project=project, user=request.user, assignee=request.user, **form.cleaned_data
        )
    return redirect(reverse("pipeline:project_detail", args=[slug]) + "#tasks")


@login_required
@require_POST
def task_toggle(request: HttpRequest, slug: str, task_id: int) -> HttpResponse:
    project = selectors.project_get_full(user=request.user, slug=slug)
    task = ProjectTask.objects.filter(project=project, pk=task_id).first()
    if task is None:
        raise NotFoundError(_("No such task."))
    services.project_task_set_done(task=task, user=request.user, done=not task.done)
    return redirect(reverse("pipeline:project_detail", args=[slug]) + "#tasks")


@login_required
@require_POST
def barrier_add(request: HttpRequest, slug: str) -> HttpResponse:
    project = selectors.project_get_full(user=request.user, slug=slug)
    form = forms.BarrierForm(request.POST)
    if form.is_valid():
        services.barrier_record(project=project, user=request.user, **form.cleaned_data)
    return redirect(reverse("pipeline:project_detail", args=[slug]) + "#barriers")


@login_required
@require_POST
def teaser_publish(request: HttpRequest, slug: str) -> HttpResponse:
    project = selectors.project_get_full(user=request.user, slug=slug)
    services.project_teaser_publish(
        project=project, user=request.user, published=request.POST.get("published") == "1"
    )
    return redirect("pipeline:project_detail", slug=slug)


@login_required
@require_POST
def adviser_set(request: HttpRequest, slug: str) -> HttpResponse:
    project = selectors.project_get_full(user=request.user, slug=slug)
    adviser = User.objects.filter(pk=request.POST.get("adviser") or 0).first()
    if adviser is None:
        raise ApplicationError(_("Choose an adviser."), field="adviser", status=422)
    services.project_adviser_set(
        project=project,
        user=request.user,
        adviser=adviser,
        assigned=request.POST.get("assigned", "1") == "1",
    )
    return redirect("pipeline:project_detail", slug=slug)


@login_required
@require_POST
def funding_refresh(request: HttpRequest, slug: str) -> HttpResponse:
    project = selectors.project_get_full(user=request.user, slug=slug)
    services.project_funding_refresh(project=project)
    return redirect("pipeline:project_funding", slug=slug)


@login_required
@require_POST
def partner_set(request: HttpRequest, slug: str) -> HttpResponse:
    project = selectors.project_get_full(user=request.user, slug=slug)
    form = forms.PartnerForm(request.POST)
    if form.is_valid():
        services.project_partner_set(project=project, user=request.user, **form.cleaned_data)
    return redirect(reverse("pipeline:project_detail", args=[slug]) + "#people")


@login_required
@require_POST
def document_add(request: HttpRequest, slug: str) -> HttpResponse:
    project = selectors.project_get_full(user=request.user, slug=slug)
    form = forms.DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.project_document_add(project=project, user=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form_error(request, exc)
    return redirect(reverse("pipeline:project_detail", args=[slug]) + "#people")


@login_required
@require_GET
def document_download(request: HttpRequest, slug: str, document_id: int) -> FileResponse:
    """Serve a confidential document only to those who see the project in full."""
    project = selectors.project_get_full(user=request.user, slug=slug)
    document = project.documents.filter(pk=document_id).exclude(file="").first()
    if document is None:
        raise NotFoundError(_("No such document."))
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1]
    )
