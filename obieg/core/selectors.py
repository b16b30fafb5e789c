from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from obieg.core.errors import NotFoundError
from obieg.core.models import Run


def run_list_for_user(*, user: Any) -> QuerySet[Run]:
    """Return the runs a user may follow: their own, or all of them for managers."""
    queryset = Run.objects.select_related("created_by")
    if getattr(user, "is_manager", False):
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    return queryset.filter(created_by=user)


def run_get_for_user(*, user: Any, run_id: int) -> Run:
    """Return one run the user may follow, or raise NotFoundError."""
    run = run_list_for_user(user=user).filter(pk=run_id).first()
    if run is None:
        raise NotFoundError(f"Run {run_id} does not exist or is not yours.")
    return run
