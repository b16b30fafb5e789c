from __future__ import annotations

import csv
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from obieg.pipeline import choices, selectors
from obieg.pipeline.charts import Bar, bar_chart
from obieg.pipeline.policy_pdf import policy_report_pdf_bytes
from obieg.pipeline.selectors.policy import PolicyReport
from obieg.pipeline.selectors.policy import policy_report as build_policy_report
from obieg.pipeline.selectors.portfolio import Portfolio, Slice, portfolio


def _capital_bars(slices: list[Slice]) -> list[Bar]:
    return [Bar(s.label, s.capital_eur, f"({s.count})") for s in slices]


def _dashboard_charts(data: Portfolio) -> dict[str, Any]:
    return {
        "stage_count": bar_chart(
            [Bar(s.label, s.count) for s in data.by_stage], title=_("Projects by stage")
        ),
        "stage_capital": bar_chart(
            _capital_bars(data.by_stage), title=_("Capital by stage"), unit="EUR"
        ),
        "country": bar_chart(
            _capital_bars(data.by_country), title=_("Capital by country"), unit="EUR"
        ),
        "sector": bar_chart(
            _capital_bars(data.by_sector), title=_("Capital by sector (NACE)"), unit="EUR"
        ),
        "strategy": bar_chart(
            _capital_bars(data.by_strategy), title=_("Capital by circular strategy"), unit="EUR"
        ),
        "instrument": bar_chart(
            _capital_bars(data.by_instrument),
            title=_("Funding proposed or secured by instrument"),
            unit="EUR",
        ),
        "time": bar_chart(
            [Bar(t.label, t.average_days) for t in data.time_in_stage],
            title=_("Average days in each stage"),
            unit=_("days"),
        ),
    }


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    filters = selectors.ProjectFilters.from_mapping(request.GET)
    data = portfolio(user=request.user, filters=filters)
    context = {
        "portfolio": data,
        "charts": _dashboard_charts(data),
        "filters": filters,
        "stages": choices.Stage.choices,
        "strategies": choices.RStrategy.choices,
    }
    return render(request, "pipeline/dashboard.html", context)


def _report_charts(report: PolicyReport) -> dict[str, Any]:
    return {
        "barriers": bar_chart(
            [Bar(r.label, r.projects) for r in report.barriers],
            title=_("Projects meeting each barrier"),
        ),
        "capital": bar_chart(
            [Bar(r.label, r.capital_eur) for r in report.barriers],
            title=_("Investment held back by each barrier"),
            unit="EUR",
        ),
        "country": bar_chart(
            [Bar(name, n) for _c, name, n in report.by_country],
            title=_("Projects with barriers by country"),
        ),
    }


@require_GET
def policy_report(request: HttpRequest) -> HttpResponse:
    filters = selectors.ProjectFilters.from_mapping(request.GET)
    report = build_policy_report(user=request.user, filters=filters)
    context = {
        "report": report,
        "charts": _report_charts(report),
        "filters": filters,
        "print": request.GET.get("print") == "1",
    }
    return render(request, "pipeline/policy_report.html", context)


@require_GET
def policy_report_pdf(request: HttpRequest) -> HttpResponse:
    filters = selectors.ProjectFilters.from_mapping(request.GET)
    report = build_policy_report(user=request.user, filters=filters)
    response = HttpResponse(policy_report_pdf_bytes(report), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="pipeline-policy-feedback.pdf"'
    return response


@require_GET
def policy_report_csv(request: HttpRequest) -> HttpResponse:
    filters = selectors.ProjectFilters.from_mapping(request.GET)
    report = build_policy_report(user=request.user, filters=filters)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="pipeline-policy-feedback.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["barrier", "label", "projects", "share_of_projects", "capital_eur", "recorded_by_advisers"]
    )
    for row in report.barriers:
        writer.writerow(
            [
                row.code,
                row.label,
                row.projects,
                f"{row.share:.4f}",
                f"{row.capital_eur:.2f}",
                row.recorded_by_advisers,
            ]
        )
    return response
