"""The checks every app's write paths share; app rules build on these."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from obieg.core.errors import ApplicationError, PermissionDeniedError


def require_signed_in(user: Any) -> None:
    """Refuse anonymous callers with 401 and a way out."""
    if not getattr(user, "is_authenticated", False):
        raise ApplicationError(
            _("Sign in or send an API token to make changes."),
            status=401,
            code="unauthenticated",
        )


def require_manager(user: Any) -> None:
    """Refuse everyone but cluster managers and administrators."""
    require_signed_in(user)
    if not getattr(user, "is_manager", False):
        raise PermissionDeniedError(_("Only cluster managers may do this."))
