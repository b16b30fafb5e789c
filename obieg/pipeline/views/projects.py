from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from obieg.accounts.models import User
from obieg.core.errors import ApplicationError, NotFoundError
from obieg.core.http import HtmxHttpRequest
from obieg.core.models import Run
from obieg.pipeline import choices, forms, selectors, services
from obieg.pipeline.models import InvestmentProject
from obieg.pipeline.services.alignment import alignment_subject
from obieg.pipeline.strategy_fit import projects_for_strategy, strategies_for_project
from obieg.pipeline.views.common import form_error

PAGE_SIZE = 25


@require_GET
def project_list(request: HtmxHttpRequest) -> HttpResponse:
    filters = selectors.ProjectFilters.from_mapping(request.GET)
    projects = selectors.project_list_for_user(user=request.user, filters=filters)
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters,
        "stages": choices.Stage.choices,
        "strategies": choices.RStrategy.choices,
    }
    if request.htmx and request.htmx.target == "pipeline-results":
        return render(request, "pipeline/partials/project_results.html", context)
    return render(request, "pipeline/project_list.html", context)


@require_GET
def project_export_csv(request: HttpRequest) -> HttpResponse:
    """Export the visible projects; confidential columns only where the user has full access."""
    filters = selectors.ProjectFilters.from_mapping(request.GET)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="pipeline-projects.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "slug",
            "title",
            "promoter",
            "country",
            "region",
            "sector",
            "r_strategy",
            "trl",
            "stage",
            "budget",
            "currency",
            "budget_eur",
            "is_sample",
        ]
    )
    for p in selectors.project_list_for_user(user=request.user, filters=filters)[:20000]:
        writer.writerow(
            [
                p.slug,
                p.title_text,
                p.promoter.name,
                p.country_id,
                p.region_id or "",
                p.sector_id or "",
                p.r_strategy,
                p.trl,
                p.stage,
                p.budget,
                p.currency,
                p.budget_eur if p.budget_eur is not None else "",
                p.is_sample,
            ]
        )
    return response


def _project_form_initial(project: InvestmentProject, language: str) -> dict[str, Any]:
    return {
        "title": project.title.get(language, ""),
        "summary": project.summary.get(language, ""),
        "details": project.details.get(language, ""),
        "original_language": project.original_language,
        "promoter": project.promoter_id,
        "country": project.country_id,
        "region": project.region_id or "",
        "sector": project.sector_id or "",
        "r_strategy": project.r_strategy,
        "eib_category": project.eib_category,
        "trl": project.trl,
        "budget": project.budget,
        "currency": project.currency,
        "own_share": project.own_share,
        "needed_cofinancing_rate": project.needed_cofinancing_rate,
    }


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = forms.ProjectForm(
        request.POST or None,
        initial={
            "country": getattr(user.organisation, "country_id", "") or "PL",
            "trl": 6,
            "currency": choices.Currency.EUR,
            "original_language": request.LANGUAGE_CODE,
            "region": getattr(user.organisation, "region_id", "") or "",
        },
    )
    if not user.is_adviser:
        form.fields.pop("promoter")
    if request.method == "POST" and form.is_valid():
        promoter = form.cleaned_data.get("promoter") or user.organisation
        try:
            if promoter is None:
                raise ApplicationError(_("Choose the promoter."), field="promoter", status=422)
            project = services.project_create(user=user, promoter=promoter, **form.service_data())
        except ApplicationError as exc:
            form_error(request, exc)
        else:
            messages.success(request, _("The project was added to the pipeline."))
            return redirect("pipeline:project_detail", slug=project.slug)
    return render(request, "pipeline/project_form.html", {"form": form, "project": None})


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, slug: str) -> HttpResponse:
    project = selectors.project_get_full(user=request.user, slug=slug)
    # The texts are edited one language at a time (?lang=pl adds or changes a translation).
    language = request.GET.get("lang") or project.original_language
    if language not in dict(forms.LANGUAGES):
        language = project.original_language
    initial = _project_form_initial(project, language)
    form = forms.ProjectForm(request.POST or None, initial=initial)
    form.fields.pop("promoter")
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        for name in ("title", "summary", "details"):  # keep the other languages' texts
            edited = data[name].get(data["original_language"], "")
            data[name] = {k: v for k, v in getattr(project, name).items() if k != language}
            if edited:
                data[name][language] = edited
        try:
            services.project_update(project=project, user=request.user, data=data)
        except ApplicationError as exc:
            form_error(request, exc)
        else:
            messages.success(request, _("The project was saved."))
            return redirect("pipeline:project_detail", slug=project.slug)
    context = {
        "form": form,
        "project": project,
        "language": language,
        "text_languages": forms.LANGUAGES,
    }
    return render(request, "pipeline/project_form.html", context)


@require_GET
def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    project, access = selectors.project_get_for_user(user=request.user, slug=slug)
    if access is not selectors.Access.FULL:
        return render(request, "pipeline/teaser.html", _teaser_context(project))
    analysis = selectors.case_analysis(project=project)
    context: dict[str, Any] = {
        "project": project,
        "analysis": analysis,
        "impact": selectors.project_impact(project=project),
        "stage_form": forms.StageForm(initial={"stage": project.stage}),
        "note_form": forms.NoteForm(),
        "task_form": forms.TaskForm(),
        "barrier_form": forms.BarrierForm(),
        "partner_form": forms.PartnerForm(),
        "document_form": forms.DocumentForm(),
        "stages": choices.Stage.choices,
        "alignment_run": _alignment_run(request.user, project),
        "strategy_fits": strategies_for_project(user=request.user, project=project),
        "is_promoter": getattr(request.user, "organisation_id", None) == project.promoter_id,
        "advisers_available": User.objects.filter(role__in=["adviser", "manager"], is_active=True)
        if getattr(request.user, "is_manager", False)
        else [],
        **selectors.project_detail_related(project),
    }
    return render(request, "pipeline/project_detail.html", context)


def _alignment_run(user: Any, project: InvestmentProject) -> Run | None:
    runs = Run.objects.filter(subject=alignment_subject(project))
    if not getattr(user, "is_manager", False):
        runs = runs.filter(created_by_id=getattr(user, "pk", None))
    return runs.order_by("-created_at").first()


def _teaser_context(project: InvestmentProject) -> dict[str, Any]:
    return {"project": project, "impact": selectors.project_impact(project=project)}


@require_GET
def teaser(request: HttpRequest, slug: str) -> HttpResponse:
    """The one-page investor teaser; its promoter and advisers may preview it unpublished."""
    project, access = selectors.project_get_for_user(user=request.user, slug=slug)
    if not project.is_public and access is not selectors.Access.FULL:
        raise NotFoundError(_("This teaser is not published."))
    return render(request, "pipeline/teaser.html", {**_teaser_context(project), "one_page": True})


@require_GET
def strategy_projects(request: HttpRequest, strategy_slug: str) -> HttpResponse:
    """The pipeline projects (that the reader works on) serving a strategy's goals."""
    from obieg.strategies.selectors import strategy_get_for_user

    strategy = strategy_get_for_user(user=request.user, slug=strategy_slug)
    served = projects_for_strategy(user=request.user, strategy=strategy)
    return render(
        request, "pipeline/strategy_projects.html", {"strategy": strategy, "served": served}
    )
