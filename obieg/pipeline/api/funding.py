# No `from __future__ import annotations` here: django-ninja reads the handlers' annotations
# at run time, and wrapped handlers (pagination) lose the module globals needed to resolve them.

from typing import Any

from django.http import HttpRequest
from ninja import Status
from ninja.pagination import LimitOffsetPagination, paginate

from obieg.accounts.authentication import WRITE_AUTH, api_user
from obieg.pipeline import api_payloads, selectors, services
from obieg.pipeline.api.lookups import ERRORS, full_project
from obieg.pipeline.api.routes import router
from obieg.pipeline.models import Barrier
from obieg.pipeline.schemas import (
    BarrierIn,
    BarrierOut,
    CallIn,
    EligibleProjectOut,
    FundingOut,
    InstrumentDetailOut,
    InstrumentIn,
    InstrumentOut,
    InstrumentPatch,
)

# Funding matches, barriers, instruments and calls.


@router.get("/projects/{project_id}/funding", response={200: FundingOut, **ERRORS})
def project_funding(request: HttpRequest, project_id: int) -> dict[str, Any]:
    """Every instrument ranked: eligible by fit (explained), excluded with each failed rule."""
    project = full_project(request, project_id)
    return api_payloads.funding_payload(selectors.project_funding_view(project=project), project)


@router.get("/projects/{project_id}/barriers", response={200: list[BarrierOut], **ERRORS})
def barrier_list(request: HttpRequest, project_id: int) -> list[Barrier]:
    """Barriers found by matching or recorded by advisers."""
    return list(full_project(request, project_id).barriers.all())


@router.post(
    "/projects/{project_id}/barriers", response={201: BarrierOut, **ERRORS}, auth=WRITE_AUTH
)
def barrier_add(request: HttpRequest, project_id: int, payload: BarrierIn) -> Status[Barrier]:
    """Record a barrier (state-aid limits, collateral, …) for the policy-feedback report."""
    project = full_project(request, project_id)
    return Status(
        201, services.barrier_record(project=project, user=request.user, **payload.dict())
    )


@router.get("/instruments", response=list[InstrumentOut])
@paginate(LimitOffsetPagination)
def instrument_list(
    request: HttpRequest,
    q: str = "",
    instrument_type: str = "",
    country: str = "",
    verified: str = "",
) -> Any:
    """Funding instruments (public); `verified=no` lists those a manager has not confirmed."""
    return selectors.instrument_list(
        q=q, instrument_type=instrument_type, country=country, verified=verified
    )


@router.get("/instruments/{instrument_id}", response={200: InstrumentDetailOut, **ERRORS})
def instrument_detail(request: HttpRequest, instrument_id: int) -> Any:
    """One instrument with its calls and deadlines."""
    instrument = selectors.instrument_get(instrument_id=instrument_id)
    return {
        **InstrumentOut.from_orm(instrument).dict(),
        "calls": [
            {"identifier": c.identifier, "title": c.title, "deadlines": c.deadlines, "url": c.url}
            for c in instrument.calls.all()
        ],
    }


@router.get(
    "/instruments/{instrument_id}/eligible-projects",
    response={200: list[EligibleProjectOut], **ERRORS},
)
def instrument_eligible_projects(request: HttpRequest, instrument_id: int) -> list[dict[str, Any]]:
    """The projects you work on that are eligible for this instrument, best fit first."""
    instrument = selectors.instrument_get(instrument_id=instrument_id)
    pairs = selectors.instrument_eligible_projects(user=api_user(request), instrument=instrument)
    return [
        {"project_id": p.pk, "slug": p.slug, "title": p.title_text, "fit": fit} for p, fit in pairs
    ]


@router.post("/instruments", response={201: InstrumentOut, **ERRORS}, auth=WRITE_AUTH)
def instrument_create(request: HttpRequest, payload: InstrumentIn) -> Status[Any]:
    """Add an instrument (managers)."""
    return Status(201, services.instrument_create(user=request.user, **payload.dict()))


@router.patch(
    "/instruments/{instrument_id}", response={200: InstrumentOut, **ERRORS}, auth=WRITE_AUTH
)
def instrument_update(request: HttpRequest, instrument_id: int, payload: InstrumentPatch) -> Any:
    """Change an instrument (managers)."""
    instrument = selectors.instrument_get(instrument_id=instrument_id)
    return services.instrument_update(
        instrument=instrument, user=request.user, data=payload.dict(exclude_unset=True)
    )


@router.post(
    "/instruments/{instrument_id}/verify", response={200: InstrumentOut, **ERRORS}, auth=WRITE_AUTH
)
def instrument_verify(request: HttpRequest, instrument_id: int) -> Any:
    """Confirm an instrument's details against its official source (managers)."""
    instrument = selectors.instrument_get(instrument_id=instrument_id)
    services.instrument_verify(instrument=instrument, user=request.user)
    return selectors.instrument_get(instrument_id=instrument_id)


@router.put(
    "/instruments/{instrument_id}/calls",
    response={200: InstrumentDetailOut, **ERRORS},
    auth=WRITE_AUTH,
)
def call_set(request: HttpRequest, instrument_id: int, payload: CallIn) -> Any:
    """Add a call with its deadlines to an instrument, or change it (managers)."""
    instrument = selectors.instrument_get(instrument_id=instrument_id)
    services.call_set(instrument=instrument, user=request.user, **payload.dict())
    return instrument_detail(request, instrument_id)
