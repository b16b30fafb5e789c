"""Who may change what in the directory; every write path asks here."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from obieg.accounts.permissions import require_signed_in
from obieg.core.errors import PermissionDeniedError
from obieg.directory.models import Organisation


def require_organisation_editor(user: Any, organisation: Organisation) -> None:
    """Managers edit any organisation; members edit their own."""
    require_signed_in(user)
    if not (user.is_manager or user.organisation_id == organisation.pk):
        raise PermissionDeniedError(
            _("You may edit only your own organisation (%(name)s is not yours).")
            % {"name": organisation.name}
        )
