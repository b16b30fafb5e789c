from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from obieg.accounts.models import User
from obieg.core.errors import ApplicationError, NotFoundError
from obieg.core.http import HtmxHttpRequest
from obieg.core.models import Run
from obieg.pipeline import choices, forms, selectors, services
from obieg.pipeline.charts import tornado_chart
from obieg.pipeline.models import InvestmentProject, ProjectTask
from obieg.pipeline.services.alignment import alignment_subject
from obieg.pipeline.strategy_fit import projects_for_strategy, strategies_for_project
from obieg.pipeline.views.common import form_error, redirect_back

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


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, slug: str) -> HttpResponse:
    project = selectors.project_get_full(user=request.user, slug=slug)
    analysis = selectors.case_analysis(project=project)
    settings_form = forms.CaseSettingsForm(
        request.POST or None,
        initial={
            "discount_rate": analysis.case.discount_rate if analysis else "0.04",
            "output_unit": analysis.case.output_unit if analysis else "",
        },
    )
    years = forms.YearFormSet(request.POST or None, prefix="years", initial=_year_rows(analysis))
    if request.method == "POST" and settings_form.is_valid() and years.is_valid():
        rows = [f.cleaned_data for f in years if f.cleaned_data and not f.is_blank()]
        try:
            services.case_set(
                project=project, user=request.user, years=rows, **settings_form.cleaned_data
            )
        except ApplicationError as exc:
            form_error(request, exc)
        else:
            messages.success(request, _("The cash flows were saved."))
            return redirect("pipeline:case_edit", slug=project.slug)
    context = {
        "project": project,
        "analysis": analysis,
        "settings_form": settings_form,
        "years": years,
        "import_form": forms.CaseImportForm(),
        "tornado": _tornado(analysis, project),
    }
    return render(request, "pipeline/case_form.html", context)


def _year_rows(analysis: Any) -> list[dict[str, Any]]:
    stored = [
        {
            "year": y.year,
            "capex": y.capex,
            "opex": y.opex,
            "revenues": y.revenues,
            "savings": y.savings,
            "residual_value": y.residual_value,
            "output": y.output,
        }
        for y in (analysis.years if analysis else ())
    ]
    last = stored[-1]["year"] if stored else -1
    # Blank rows to extend the horizon: a new case starts with years 0-10.
    extra = 11 if not stored else 3
    return stored + [{"year": last + k} for k in range(1, extra + 1)]


def _tornado(analysis: Any, project: InvestmentProject) -> Any:
    if analysis is None or analysis.metrics.npv.value is None:
        return None
    labels = {
        "capex": _("CAPEX"),
        "opex": _("OPEX"),
        "revenues": _("Revenues"),
        "savings": _("Savings"),
        "residual_value": _("Residual value"),
        "discount_rate": _("Discount rate"),
    }
    rows = [(labels[r.driver], r.npv_low, r.npv_high) for r in analysis.tornado]
    return tornado_chart(
        rows,
        base=analysis.metrics.npv.value,
        unit=project.currency,
        title=_("Sensitivity of NPV to ±20 % on each driver"),
    )


@login_required
@require_POST
def case_import(request: HttpRequest, slug: str) -> HttpResponse:
    project = selectors.project_get_full(user=request.user, slug=slug)
    form = forms.CaseImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a CSV or XLSX file."))
        return redirect("pipeline:case_edit", slug=project.slug)
    upload = form.cleaned_data["file"]
    try:
        services.case_import(
            project=project, user=request.user, data=upload.read(), filename=upload.name
        )
    except ApplicationError as exc:
        form_error(request, exc)
        for problem in exc.extra.get("problems", [])[:20]:
            messages.error(request, problem)
    else:
        messages.success(request, _("The cash flows were imported."))
    return redirect("pipeline:case_edit", slug=project.slug)


@require_GET
def project_funding(request: HttpRequest, slug: str) -> HttpResponse:
    project = selectors.project_get_full(user=request.user, slug=slug)
    funding = selectors.project_funding_view(project=project)
    eligible = [m for m in funding.matches if m.eligible]
    excluded = [m for m in funding.matches if not m.eligible]
    context = {
        "project": project,
        "funding": funding,
        "eligible": eligible,
        "excluded": excluded,
        "rows": funding.rows,
    }
    return render(request, "pipeline/project_funding.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def impact_edit(request: HttpRequest, slug: str) -> HttpResponse:
    project = selectors.project_get_full(user=request.user, slug=slug)
    view = selectors.project_impact(project=project)
    record = view.record
    initial: dict[str, Any] = dict(record.mci_inputs) if record else {}
    first = record.material_flows[0] if record and record.material_flows else {}
    initial.update(first)
    initial["taxonomy_criteria"] = record.taxonomy_criteria if record else []
    initial["factor_overrides"] = record.factor_overrides if record else {}
    form = forms.ImpactForm(
        request.POST or None, initial=initial, materials=selectors.material_choices()
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        flows = (
            [{k: data[k] for k in ("material", "tonnes_kept_in_use", "tonnes_diverted", "route")}]
            if data["material"]
            else []
        )
        try:
            services.impact_set(
                project=project,
                user=request.user,
                material_flows=flows,
                mci_inputs={k: data[k] for k in form.MCI_FIELDS if data[k] is not None},
                taxonomy_criteria=data["taxonomy_criteria"],
                factor_overrides=data["factor_overrides"] or {},
            )
        except ApplicationError as exc:
            form_error(request, exc)
        else:
            messages.success(request, _("The impact was saved."))
            return redirect("pipeline:project_detail", slug=project.slug)
    return render(
        request, "pipeline/impact_form.html", {"project": project, "form": form, "impact": view}
    )


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


@require_GET
def strategy_projects(request: HttpRequest, strategy_slug: str) -> HttpResponse:
    """The pipeline projects (that the reader works on) serving a strategy's goals."""
    from obieg.strategies.selectors import strategy_get_for_user

    strategy = strategy_get_for_user(user=request.user, slug=strategy_slug)
    served = projects_for_strategy(user=request.user, strategy=strategy)
    return render(
        request, "pipeline/strategy_projects.html", {"strategy": strategy, "served": served}
    )


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
