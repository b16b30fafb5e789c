"""Who may change what in symbiosis; every write path asks here."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from obieg.accounts.permissions import require_signed_in
from obieg.core.errors import ApplicationError, PermissionDeniedError
from obieg.directory.models import Organisation
from obieg.symbiosis.models import Match, Stream


def publishing_organisation(user: Any, organisation_id: int | None = None) -> Organisation:
    """The organisation a user publishes for: their own, or any one for managers."""
    require_signed_in(user)
    wanted = organisation_id or user.organisation_id
    if wanted is None:
        raise ApplicationError(
            _("Your account belongs to no organisation; ask a cluster manager to link it."),
            field="organisation_id",
            status=422,
        )
    if not (user.is_manager or wanted == user.organisation_id):
        raise PermissionDeniedError(_("You may publish only for your own organisation."))
    organisation = Organisation.objects.filter(pk=wanted).first()
    if organisation is None:
        raise ApplicationError(_("Unknown organisation."), field="organisation_id", status=422)
    return organisation


def can_edit_stream(user: Any, stream: Stream) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_manager or user.organisation_id == stream.organisation_id)


def require_stream_editor(user: Any, stream: Stream) -> None:
    """Managers edit any stream; members edit their organisation's streams."""
    require_signed_in(user)
    if not can_edit_stream(user, stream):
        raise PermissionDeniedError(_("You may edit only your own organisation's streams."))


def match_sides(user: Any, match: Match) -> set[str]:
    """The sides ('offer', 'need') of a match that the user speaks for."""
    org = getattr(user, "organisation_id", None)
    if not getattr(user, "is_authenticated", False) or org is None:
        return set()
    sides = set()
    if match.offer.organisation_id == org:
        sides.add("offer")
    if match.need.organisation_id == org:
        sides.add("need")
    return sides


def require_match_party(user: Any, match: Match) -> set[str]:
    """Only the two organisations of a match move it on; managers may too (for support)."""
    require_signed_in(user)
    sides = match_sides(user, match)
    if not sides and not user.is_manager:
        raise PermissionDeniedError(_("Only the two organisations of this match may do this."))
    return sides
