from __future__ import annotations

import json
from pathlib import Path

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from obieg.core.http import HtmxHttpRequest
from obieg.directory import choices, selectors

PAGE_SIZE = 25
GEOJSON = Path(__file__).resolve().parent / "data" / "nuts2024_l0_l2.geojson"


@require_GET
def organisation_list(request: HtmxHttpRequest) -> HttpResponse:
    filters = selectors.OrganisationFilters.from_mapping(request.GET)
    page = Paginator(selectors.organisation_list(filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "filters": filters,
        "facets": selectors.organisation_facets(filters=filters),
        "filters_hidden": [(k, v) for k, v in vars(filters).items() if v and k != "q"],
    }
    if request.htmx and request.htmx.target == "directory-results":
        return render(request, "directory/partials/organisation_results.html", context)
    return render(request, "directory/organisation_list.html", context)


@require_GET
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = selectors.organisation_get(slug=slug)
    people = [
        (person, selectors.person_contact_visible(user=request.user, person=person))
        for person in organisation.people.all()
    ]
    context = {"organisation": organisation, "people": people}
    return render(request, "directory/organisation_detail.html", context)


@require_GET
def alliance_list(request: HttpRequest) -> HttpResponse:
    return render(request, "directory/alliance_list.html", {"alliances": selectors.alliance_list()})


@require_GET
def alliance_detail(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = selectors.alliance_get(slug=slug)
    return render(request, "directory/alliance_detail.html", {"alliance": alliance})


@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    return render(request, "directory/project_list.html", {"projects": selectors.project_list()})


@require_GET
def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    project = selectors.project_get(slug=slug)
    return render(request, "directory/project_detail.html", {"project": project})


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    context = {
        "events": selectors.event_list(kind=kind),
        "kind": kind,
        "kinds": choices.EventKind.choices,
    }
    return render(request, "directory/event_list.html", context)


@require_GET
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = selectors.event_get(slug=slug)
    return render(request, "directory/event_detail.html", {"event": event})


@require_GET
def member_map(request: HttpRequest) -> HttpResponse:
    counts = selectors.members_by_region(level=2)
    context = {
        "counts": sorted(counts.items(), key=lambda item: (-item[1], item[0])),
        "values_json": json.dumps(counts),
        "countries": ",".join(selectors.countries_with_regions()),
        "region_names": selectors.region_names(codes=list(counts)),
    }
    return render(request, "directory/member_map.html", context)


@require_GET
@cache_control(max_age=86400, public=True)
def regions_geojson(request: HttpRequest) -> FileResponse:
    if not GEOJSON.exists():
        raise Http404("The boundaries file is missing from this installation.")
    return FileResponse(GEOJSON.open("rb"), content_type="application/geo+json")
