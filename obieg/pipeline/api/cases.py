# No `from __future__ import annotations` here: django-ninja reads the handlers' annotations
# at run time, and wrapped handlers (pagination) lose the module globals needed to resolve them.

from typing import Any

from django.http import HttpRequest
from ninja import File
from ninja.files import UploadedFile

from obieg.accounts.authentication import WRITE_AUTH
from obieg.core.errors import NotFoundError
from obieg.pipeline import api_payloads, selectors, services
from obieg.pipeline.api.lookups import ERRORS, full_project
from obieg.pipeline.api.routes import router
from obieg.pipeline.schemas import (
    CaseIn,
    CaseOut,
    ImpactIn,
    ImpactOut,
)

# Investment cases and impact.


@router.get("/projects/{project_id}/case", response={200: CaseOut, **ERRORS})
def case_detail(request: HttpRequest, project_id: int) -> dict[str, Any]:
    """The investment case: yearly flows and every metric (undefined ones with their reason)."""
    project = full_project(request, project_id)
    analysis = selectors.case_analysis(project=project)
    if analysis is None:
        raise NotFoundError("This project has no cash flows yet.")
    return api_payloads.case_payload(analysis, project.currency)


@router.put("/projects/{project_id}/case", response={200: CaseOut, **ERRORS}, auth=WRITE_AUTH)
def case_set(request: HttpRequest, project_id: int, payload: CaseIn) -> dict[str, Any]:
    """Replace the yearly cash flows, the discount rate and the unit of output."""
    project = full_project(request, project_id)
    data = payload.dict()
    services.case_set(
        project=project,
        user=request.user,
        years=data["years"],
        discount_rate=data["discount_rate"],
        output_unit=data["output_unit"],
    )
    return case_detail(request, project_id)


@router.post(
    "/projects/{project_id}/case/import", response={200: CaseOut, **ERRORS}, auth=WRITE_AUTH
)
def case_import(
    request: HttpRequest,
    project_id: int,
    file: UploadedFile = File(...),  # noqa: B008
) -> dict[str, Any]:
    """Replace the cash flows with an uploaded CSV or XLSX table (every bad cell is named)."""
    project = full_project(request, project_id)
    services.case_import(
        project=project, user=request.user, data=file.read(), filename=file.name or "upload.csv"
    )
    return case_detail(request, project_id)


@router.get("/projects/{project_id}/impact", response={200: ImpactOut, **ERRORS})
def impact_detail(request: HttpRequest, project_id: int) -> dict[str, Any]:
    """Tonnes, CO2e per year and per euro, MCI, Taxonomy checklist and SDG alignment."""
    project = full_project(request, project_id)
    return api_payloads.impact_payload(selectors.project_impact(project=project), project)


@router.put("/projects/{project_id}/impact", response={200: ImpactOut, **ERRORS}, auth=WRITE_AUTH)
def impact_set(request: HttpRequest, project_id: int, payload: ImpactIn) -> dict[str, Any]:
    """Change the impact inputs; each part given replaces the stored one."""
    project = full_project(request, project_id)
    services.impact_set(project=project, user=request.user, **payload.dict())
    return impact_detail(request, project_id)
