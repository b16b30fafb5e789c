"""Who may change what in the directory; every write path asks here."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from obieg.core.errors import ApplicationError, PermissionDeniedError
from obieg.directory.models import Organisation


def require_signed_in(user: Any) -> None:
    if not getattr(user, "is_authenticated", False):
        raise ApplicationError(
            _("Sign in or send an API token to make changes."),
            status=401,
            code="unauthenticated",
        )


def require_manager(user: Any) -> None:
    """Managers keep the directory: alliances, projects, events and new organisations."""
    require_signed_in(user)
    if not user.is_manager:
        raise PermissionDeniedError(_("Only cluster managers may do this."))


def require_organisation_editor(user: Any, organisation: Organisation) -> None:
    """Managers edit any organisation; members edit their own."""
    require_signed_in(user)
    if not (user.is_manager or user.organisation_id == organisation.pk):
        raise PermissionDeniedError(
            _("You may edit only your own organisation (%(name)s is not yours).")
            % {"name": organisation.name}
        )
