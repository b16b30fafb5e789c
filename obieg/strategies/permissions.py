"""Who may do what with strategies; every write path asks here."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from obieg.accounts.permissions import require_signed_in
from obieg.core.errors import PermissionDeniedError
from obieg.strategies.models import Strategy


def can_upload(user: Any) -> bool:
    """Members, advisers and managers upload strategies."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_review(user: Any) -> bool:
    """Advisers and managers confirm or correct the classifier."""
    return bool(getattr(user, "is_adviser", False))


def can_edit(user: Any, strategy: Strategy) -> bool:
    """Managers edit every strategy; uploaders and their organisation edit their own."""
    if getattr(user, "is_manager", False):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if strategy.uploaded_by_id == user.pk:
        return True
    return bool(user.organisation_id) and strategy.organisation_id == user.organisation_id


def require_uploader(user: Any) -> None:
    require_signed_in(user)
    if not can_upload(user):
        raise PermissionDeniedError(_("Your account may not upload strategies."))


def require_reviewer(user: Any) -> None:
    require_signed_in(user)
    if not can_review(user):
        raise PermissionDeniedError(_("Only advisers and cluster managers review passages."))


def require_editor(user: Any, strategy: Strategy) -> None:
    require_signed_in(user)
    if not can_edit(user, strategy):
        raise PermissionDeniedError(
            _("Only its uploader, its organisation or a cluster manager may change this strategy.")
        )
