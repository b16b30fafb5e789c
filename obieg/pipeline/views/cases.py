"""The working pages of one project: investment case, impact and funding matches."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from obieg.core.errors import ApplicationError
from obieg.pipeline import forms, selectors, services
from obieg.pipeline.charts import tornado_chart
from obieg.pipeline.models import InvestmentProject
from obieg.pipeline.views.common import form_error


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
