from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from obieg.accounts.permissions import require_signed_in
from obieg.core.errors import ApplicationError
from obieg.directory.selectors import region_names
from obieg.symbiosis import choices, selectors, services
from obieg.symbiosis.forms import ExchangeForm, MatchTransitionForm, StreamForm, StreamImportForm
from obieg.symbiosis.permissions import (
    publishing_organisation,
    require_match_party,
    require_stream_editor,
)
from obieg.symbiosis.presentation import (
    COMPONENT_LABELS,
    EVIDENCE_LABELS,
    chapter_names,
    score_reasons,
    waste_name,
)
from obieg.symbiosis.services.suggestions import receiver_suggestions
from obieg.symbiosis.services.transfer import (
    export_csv,
    export_xlsx,
    stream_import_accept,
    stream_import_create,
    stream_import_discard,
)

PAGE_SIZE = 25


def _htmx_target(request: HttpRequest) -> str | None:
    """The element an HTMX request will swap (None for a full page load)."""
    htmx = getattr(request, "htmx", None)
    return htmx.target if htmx else None


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    streams = selectors.stream_list_for_user(user=request.user).filter(
        status=choices.StreamStatus.OPEN
    )
    context = {
        "offers": streams.filter(kind=choices.StreamKind.OFFER).count(),
        "needs": streams.filter(kind=choices.StreamKind.NEED).count(),
        "latest_run": selectors.matching_run_latest(),
        "savings": selectors.savings_overview(),
        "my_matches": selectors.match_list_for_user(user=request.user).exclude(
            status=choices.MatchStatus.DECLINED
        )[:10],
        "objectives": choices.Objective.choices,
    }
    return render(request, "symbiosis/index.html", context)


@require_GET
def stream_list(request: HttpRequest) -> HttpResponse:
    filters = selectors.StreamFilters.from_mapping(request.GET)
    queryset = selectors.stream_list_for_user(user=request.user, filters=filters)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.present_streams(user=request.user, streams=page.object_list)
    context = {
        "page": page,
        "filters": filters,
        "kinds": choices.StreamKind.choices,
        "categories": choices.StreamCategory.choices,
        "export_query": request.GET.urlencode(),
    }
    if _htmx_target(request) == "stream-results":
        return render(request, "symbiosis/partials/stream_results.html", context)
    return render(request, "symbiosis/stream_list.html", context)


@require_http_methods(["GET", "POST"])
def stream_create(request: HttpRequest) -> HttpResponse:
    require_signed_in(request.user)
    organisations = selectors.organisations_publishable(user=request.user)
    own = getattr(request.user, "organisation_id", None)
    default_org = publishing_organisation(request.user) if own else None
    kind = request.GET.get("kind", choices.StreamKind.OFFER)
    initial = {
        "kind": kind,
        "country": "PL",
        "visibility": choices.Visibility.PUBLIC,
        "organisation": default_org.pk if default_org else None,
        "max_distance_km": 100 if kind == choices.StreamKind.NEED else None,
    }
    form = StreamForm(request.POST or None, initial=initial, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = publishing_organisation(
                request.user, form.cleaned_data.get("organisation")
            )
            stream = services.stream_create(
                organisation=organisation, created_by=request.user, **form.service_data()
            )
        except services.StreamValidationError as exc:
            _form_errors(form, exc)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Published."))
            return redirect("symbiosis:stream_detail", pk=stream.pk)
    return render(request, "symbiosis/stream_form.html", {"form": form, "stream": None})


def _form_errors(form: StreamForm, exc: services.StreamValidationError) -> None:
    for error in exc.errors:
        form.add_error(error.field if error.field in form.fields else None, error.message)


@require_http_methods(["GET", "POST"])
def stream_edit(request: HttpRequest, pk: int) -> HttpResponse:
    stream = selectors.stream_get_for_user(user=request.user, stream_id=pk)
    require_stream_editor(request.user, stream)
    form = StreamForm(
        request.POST or None,
        initial=StreamForm.initial_for(stream),
        organisations=[stream.organisation],
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.stream_update(stream=stream, data=form.service_data())
        except services.StreamValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("symbiosis:stream_detail", pk=stream.pk)
    return render(request, "symbiosis/stream_form.html", {"form": form, "stream": stream})


@require_POST
def stream_close(request: HttpRequest, pk: int) -> HttpResponse:
    stream = selectors.stream_get_for_user(user=request.user, stream_id=pk)
    require_stream_editor(request.user, stream)
    services.stream_close(stream=stream)
    messages.success(request, _("The stream is closed and no longer matched."))
    return redirect("symbiosis:stream_detail", pk=stream.pk)


@require_GET
def stream_detail(request: HttpRequest, pk: int) -> HttpResponse:
    stream = selectors.stream_get_for_user(user=request.user, stream_id=pk)
    matches = selectors.matches_for_stream(user=request.user, stream=stream)
    context = {
        "stream": stream,
        "matches": matches,
        "suggestions": receiver_suggestions(stream=stream) if stream.is_offer else [],
        "waste_name": waste_name(stream.ewc_code),
        "evidence_labels": EVIDENCE_LABELS,
    }
    return render(request, "symbiosis/stream_detail.html", context)


@require_GET
def stream_export(request: HttpRequest, fmt: str) -> HttpResponse:
    filters = selectors.StreamFilters.from_mapping(request.GET)
    streams = selectors.present_streams(
        user=request.user,
        streams=selectors.stream_list_for_user(user=request.user, filters=filters),
    )
    if fmt == "xlsx":
        body = export_xlsx(streams)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body, content_type = export_csv(streams), "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="obieg-streams.{fmt}"'
    return response


@require_http_methods(["GET", "POST"])
def stream_import(request: HttpRequest) -> HttpResponse:
    require_signed_in(request.user)
    organisations = selectors.organisations_publishable(user=request.user)
    form = StreamImportForm(
        request.POST or None,
        request.FILES or None,
        organisations=organisations,
        initial={"organisation": getattr(request.user, "organisation_id", None)},
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            organisation = publishing_organisation(
                request.user, form.cleaned_data.get("organisation")
            )
            stream_import = stream_import_create(
                organisation=organisation,
                user=request.user,
                filename=upload.name,
                content=upload.read(),
            )
        except ApplicationError as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("symbiosis:import_detail", pk=stream_import.pk)
    return render(request, "symbiosis/import_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    stream_import = selectors.stream_import_get(user=request.user, import_id=pk)
    if request.method == "POST":
        if request.POST.get("decision") == "accept":
            stream_import_accept(stream_import=stream_import, user=request.user)
            messages.success(request, _("The valid rows were imported."))
        else:
            stream_import_discard(stream_import=stream_import)
            messages.info(request, _("Nothing was imported."))
        return redirect("symbiosis:import_detail", pk=pk)
    return render(request, "symbiosis/import_detail.html", {"import": stream_import})


@require_GET
def match_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    queryset = selectors.match_list_for_user(user=request.user)
    if status:
        queryset = queryset.filter(status=status)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.present_matches(user=request.user, matches=page.object_list)
    context = {"page": page, "status": status, "statuses": choices.MatchStatus.choices}
    return render(request, "symbiosis/match_list.html", context)


def _match_context(request: HttpRequest, match: Any) -> dict[str, Any]:
    from obieg.symbiosis.permissions import match_sides

    sides = match_sides(request.user, match)
    allowed = choices.MATCH_TRANSITIONS.get(match.status, ())
    return {
        "match": match,
        "sides": sides,
        "can_accept": bool(sides)
        and match.status not in choices.MatchStatus.closed()
        and any(getattr(match, f"{side}_consented_at") is None for side in sides),
        "next_statuses": [(s, choices.MatchStatus(s).label) for s in allowed],
        "transition_form": MatchTransitionForm(),
        "exchange_form": ExchangeForm(),
        "practices": selectors.good_practices_similar(match=match),
        "exchanged_total": sum(e.quantity_on_basis for e in match.exchanges.all()),
        "component_labels": COMPONENT_LABELS,
        "reasons": score_reasons(match),
    }


@require_GET
def match_detail(request: HttpRequest, pk: int) -> HttpResponse:
    match = selectors.match_get_for_user(user=request.user, match_id=pk)
    return render(request, "symbiosis/match_detail.html", _match_context(request, match))


@require_POST
def match_accept(request: HttpRequest, pk: int) -> HttpResponse:
    match = selectors.match_get_for_user(user=request.user, match_id=pk)
    services.match_accept(match=match, user=request.user)
    messages.success(request, _("You accepted the match."))
    return redirect("symbiosis:match_detail", pk=pk)


@require_POST
def match_transition(request: HttpRequest, pk: int) -> HttpResponse:
    form = MatchTransitionForm(request.POST)
    match = selectors.match_get_for_user(user=request.user, match_id=pk)
    if not form.is_valid():
        raise ApplicationError(_("Choose a status."), field="status", status=422)
    services.match_transition(
        match=match,
        user=request.user,
        to_status=form.cleaned_data["status"],
        note=form.cleaned_data["note"],
    )
    messages.success(request, _("Status changed."))
    return redirect("symbiosis:match_detail", pk=pk)


@require_POST
def exchange_add(request: HttpRequest, pk: int) -> HttpResponse:
    form = ExchangeForm(request.POST)
    match = selectors.match_get_for_user(user=request.user, match_id=pk)
    require_match_party(request.user, match)
    if not form.is_valid():
        raise ApplicationError(_("Check the period and the quantity."), status=422)
    services.exchange_record(match=match, user=request.user, **form.cleaned_data)
    messages.success(request, _("Exchange recorded."))
    return redirect("symbiosis:match_detail", pk=pk)


@require_GET
def run_list(request: HttpRequest) -> HttpResponse:
    context = {"runs": selectors.matching_run_list()[:50], "objectives": choices.Objective.choices}
    return render(request, "symbiosis/run_list.html", context)


@require_POST
def run_start(request: HttpRequest) -> HttpResponse:
    require_signed_in(request.user)
    if not (request.user.is_manager or request.user.organisation_id):  # type: ignore[union-attr]
        raise ApplicationError(
            _("Only members and managers may run the matching."),
            status=403,
            code="permission_denied",
        )
    matching_run = services.matching_run_start(
        user=request.user, objective=request.POST.get("objective", "tkm")
    )
    return redirect("symbiosis:run_detail", pk=matching_run.pk)


@require_GET
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    matching_run = selectors.matching_run_get(matching_run_id=pk)
    matches = selectors.match_list_for_user(user=request.user).filter(matching_run=matching_run)
    context = {
        "matching_run": matching_run,
        "run": matching_run.run,
        "matches": selectors.present_matches(user=request.user, matches=matches[:50]),
    }
    return render(request, "symbiosis/run_detail.html", context)


@require_GET
def potential(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", choices.StreamKind.OFFER)
    region = request.GET.get("region", "").upper()
    chapter = request.GET.get("chapter", "")
    rows = [r for r in selectors.unmatched_potential(user=request.user, level=2) if r.kind == kind]
    tonnes = [r for r in rows if r.basis == choices.Basis.TONNES]
    by_region: dict[str, float] = defaultdict(float)
    for row in tonnes:
        by_region[row.region] += row.quantity
    selected = [r for r in rows if r.region.startswith(region)] if region else []
    streams = []
    if region and chapter is not None and "chapter" in request.GET:
        queryset = selectors.stream_list_for_user(user=request.user).filter(
            status=choices.StreamStatus.OPEN, kind=kind, region__code__startswith=region
        )
        streams = [
            s
            for s in selectors.present_streams(user=request.user, streams=queryset)
            if selectors.stream_chapter(s) == chapter
        ]
    context = {
        "kind": kind,
        "kinds": choices.StreamKind.choices,
        "region": region,
        "chapter": chapter,
        "values_json": json.dumps({k: round(v, 1) for k, v in by_region.items()}),
        "by_region": sorted(by_region.items(), key=lambda item: -item[1]),
        "region_names": region_names(codes=[*by_region, region]),
        "selected": selected,
        "streams": streams,
        "chapter_names": chapter_names(),
        "other_bases": [r for r in rows if r.basis != choices.Basis.TONNES],
    }
    return render(request, "symbiosis/potential.html", context)


@require_GET
def practice_list(request: HttpRequest) -> HttpResponse:
    q, kind, code = (request.GET.get(k, "") for k in ("q", "kind", "code"))
    context = {
        "practices": selectors.good_practice_list(q=q, kind=kind, code=code),
        "q": q,
        "kind": kind,
        "code": code,
        "kinds": choices.PracticeKind.choices,
    }
    if _htmx_target(request) == "practice-results":
        return render(request, "symbiosis/partials/practice_results.html", context)
    return render(request, "symbiosis/practice_list.html", context)


@require_GET
def practice_detail(request: HttpRequest, slug: str) -> HttpResponse:
    practice = selectors.good_practice_get(slug=slug)
    return render(request, "symbiosis/practice_detail.html", {"practice": practice})
