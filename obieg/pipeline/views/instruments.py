from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from obieg.pipeline import choices, selectors


@require_GET
def instrument_list(request: HttpRequest) -> HttpResponse:
    params = {
        k: request.GET.get(k, "").strip() for k in ("q", "instrument_type", "country", "verified")
    }
    page = Paginator(selectors.instrument_list(**params), 50).get_page(request.GET.get("page"))
    context = {"page": page, "params": params, "types": choices.InstrumentType.choices}
    return render(request, "pipeline/instrument_list.html", context)


@require_GET
def instrument_detail(request: HttpRequest, instrument_id: int) -> HttpResponse:
    instrument = selectors.instrument_get(instrument_id=instrument_id)
    eligible = (
        selectors.instrument_eligible_projects(user=request.user, instrument=instrument)
        if request.user.is_authenticated
        else []
    )
    context = {"instrument": instrument, "eligible": eligible}
    return render(request, "pipeline/instrument_detail.html", context)
