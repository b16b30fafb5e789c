# No `from __future__ import annotations` here: django-ninja reads the handlers' annotations
# at run time, and wrapped handlers (pagination) lose the module globals needed to resolve them.

from django.http import HttpRequest
from ninja import Router

from obieg.accounts.authentication import api_user
from obieg.core.models import Run
from obieg.core.schemas import ErrorOut, RunOut
from obieg.core.selectors import run_get_for_user

router = Router()


@router.get("/runs/{run_id}", response={200: RunOut, 401: ErrorOut, 404: ErrorOut})
def run_detail(request: HttpRequest, run_id: int) -> Run:
    """Follow a background job: status, progress, log and error."""
    return run_get_for_user(user=api_user(request), run_id=run_id)
