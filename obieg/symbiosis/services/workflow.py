"""The life of a match: consent, workflow steps, recorded exchanges and notifications."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from obieg.accounts.models import User
from obieg.core.errors import ApplicationError
from obieg.symbiosis import choices
from obieg.symbiosis.matching.units import UnitError, to_common_basis
from obieg.symbiosis.models import Exchange, Match, MatchTransition
from obieg.symbiosis.permissions import require_match_party

S = choices.MatchStatus
# Steps that mean the parties talk to each other, so both identities must be known.
NEEDS_BOTH_CONSENTS = {S.NEGOTIATING, S.AGREED, S.RUNNING, S.ENDED}


def _move(match: Match, to_status: str, user: Any, note: str = "") -> None:
    MatchTransition.objects.create(
        match=match,
        from_status=match.status,
        to_status=to_status,
        user=user if getattr(user, "is_authenticated", False) else None,
        note=note[:500],
    )
    match.status = to_status
    match.save(update_fields=["status", "updated_at"])


@transaction.atomic
def match_accept(*, match: Match, user: Any) -> Match:
    """Say yes for your side: consent to reveal your identity and move the match on.

    The first yes turns a suggestion into `contacted`; the second one (both sides agreed,
    identities revealed) into `negotiating`.
    """
    sides = require_match_party(user, match)
    if not sides:
        raise ApplicationError(
            _("Only the organisations of the match can accept it."),
            status=403,
            code="permission_denied",
        )
    if match.status in S.closed():
        raise ApplicationError(_("This match is closed."), field="status", status=422)
    now = timezone.now()
    if "offer" in sides and match.offer_consented_at is None:
        match.offer_consented_at = now
    if "need" in sides and match.need_consented_at is None:
        match.need_consented_at = now
    match.save(update_fields=["offer_consented_at", "need_consented_at", "updated_at"])
    if match.status == S.SUGGESTED:
        _move(match, S.CONTACTED, user, _("accepted by one side"))
    if match.both_consented and match.status == S.CONTACTED:
        _move(match, S.NEGOTIATING, user, _("accepted by both sides; identities revealed"))
    return match


@transaction.atomic
def match_transition(*, match: Match, user: Any, to_status: str, note: str = "") -> Match:
    """Move a match one step along the workflow (or decline it)."""
    require_match_party(user, match)
    allowed = choices.MATCH_TRANSITIONS.get(match.status, ())
    if to_status not in allowed:
        raise ApplicationError(
            _("A match cannot go from “%(from)s” to “%(to)s”.")
            % {"from": match.get_status_display(), "to": to_status},
            field="status",
            status=422,
        )
    if to_status in NEEDS_BOTH_CONSENTS and not match.both_consented:
        raise ApplicationError(
            _("Both sides must accept the match before it goes further."),
            field="status",
            status=422,
        )
    _move(match, to_status, user, note)
    return match


@transaction.atomic
def exchange_record(
    *,
    match: Match,
    user: Any,
    period_start: dt.date,
    period_end: dt.date,
    quantity: float,
    unit: str,
    note: str = "",
) -> Exchange:
    """Record a quantity actually exchanged under an agreed or running match."""
    require_match_party(user, match)
    if match.status not in (S.AGREED, S.RUNNING, S.ENDED):
        raise ApplicationError(
            _("Record exchanges once the match is agreed."), field="status", status=422
        )
    if period_end < period_start:
        raise ApplicationError(
            _("The period ends before it starts."), field="period_end", status=422
        )
    if quantity < 0:
        raise ApplicationError(_("A quantity cannot be negative."), field="quantity", status=422)
    try:
        amount = to_common_basis(quantity, unit, "once")
    except UnitError:
        raise ApplicationError(_("Unknown unit."), field="unit", status=422) from None
    if amount.basis.value != match.basis:
        raise ApplicationError(
            _("This match is measured in %(basis)s; use a unit of that kind.")
            % {"basis": match.basis},
            field="unit",
            status=422,
        )
    return Exchange.objects.create(
        match=match,
        period_start=period_start,
        period_end=period_end,
        quantity=quantity,
        unit=unit,
        quantity_on_basis=amount.value,
        note=note[:500],
        recorded_by=user if getattr(user, "is_authenticated", False) else None,
    )


def _recipients(organisation_id: int) -> list[User]:
    return list(
        User.objects.filter(organisation_id=organisation_id, is_active=True).exclude(email="")
    )


def _message(match: Match, own_title: str, other_title: str, user: User) -> tuple[str, str]:
    # Never name the other organisation: it may be anonymous, and consent comes later.
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        url = settings.SITE_URL.rstrip("/") + reverse("symbiosis:match_detail", args=[match.pk])
        subject = _("New match for “%(title)s”") % {"title": own_title}
        body = _(
            "The matching engine found a good match for “%(own)s”: “%(other)s”, "
            "%(km).0f km away, score %(score).0f %%.\n"
            "Estimated savings: %(co2).1f t CO2e and %(money).0f EUR a year.\n\n"
            "See it and accept or decline it: %(url)s\n"
        ) % {
            "own": own_title,
            "other": other_title,
            "km": match.distance_km,
            "score": match.score * 100,
            "co2": match.co2e_avoided_kg / 1000,
            "money": match.money_saved_eur,
            "url": url,
        }
    return subject, body


def match_notify(*, match_ids: list[int]) -> int:
    """E-mail both organisations of each new good match once; return the e-mails sent."""
    matches = Match.objects.select_related("offer", "need").filter(
        pk__in=match_ids, notified_at__isnull=True
    )
    messages = []
    for match in matches:
        for own, other in ((match.offer, match.need), (match.need, match.offer)):
            for user in _recipients(own.organisation_id):
                subject, body = _message(match, own.title, other.title, user)
                messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
    sent = send_mass_mail(messages, fail_silently=False) if messages else 0
    matches.update(notified_at=timezone.now())
    return sent
