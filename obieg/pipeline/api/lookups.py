# No `from __future__ import annotations` here: django-ninja reads the handlers' annotations
# at run time, and wrapped handlers (pagination) lose the module globals needed to resolve them.
#
# What the pipeline API modules share: the error responses, the project filters, and the
# project lookups, which go through the one visibility rule in selectors.projects.

from typing import Any

from django.http import HttpRequest
from ninja import Schema

from obieg.accounts.authentication import api_user
from obieg.core.schemas import ErrorOut
from obieg.pipeline import api_payloads, selectors
from obieg.pipeline.models import InvestmentProject

ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class ProjectQuery(Schema):
    q: str = ""
    stage: str = ""
    country: str = ""
    region: str = ""
    sector: str = ""
    r_strategy: str = ""
    promoter: str = ""
    adviser: str = ""


def visible_project(request: HttpRequest, project_id: int) -> tuple[InvestmentProject, Any]:
    slug = selectors.project_slug_for_id(project_id=project_id)
    return selectors.project_get_for_user(user=api_user(request), slug=slug)


def full_project(request: HttpRequest, project_id: int) -> InvestmentProject:
    slug = selectors.project_slug_for_id(project_id=project_id)
    return selectors.project_get_full(user=api_user(request), slug=slug)


def detail_payload(request: HttpRequest, project_id: int) -> dict[str, Any]:
    project, access = visible_project(request, project_id)
    return api_payloads.project_detail_payload(project, access)
