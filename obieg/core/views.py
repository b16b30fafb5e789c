from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from obieg.core.http import HtmxHttpRequest
from obieg.core.selectors import run_get_for_user
from obieg.directory.selectors import directory_overview


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"overview": directory_overview()})


def run_detail(request: HtmxHttpRequest, run_id: int) -> HttpResponse:
    run = run_get_for_user(user=request.user, run_id=run_id)
    template = "core/partials/run_status.html" if request.htmx else "core/run_detail.html"
    return render(request, template, {"run": run})
