"""Writes on funding: instruments (managers), stored stacks and barriers of projects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from obieg.core.errors import ApplicationError, PermissionDeniedError
from obieg.pipeline import choices
from obieg.pipeline.funding_match import project_funding
from obieg.pipeline.models import (
    Barrier,
    FundingCall,
    FundingInstrument,
    InvestmentProject,
    StackItem,
)
from obieg.pipeline.services.projects import full_clean, require_editor

INSTRUMENT_FIELDS = (
    "programme",
    "managing_body",
    "instrument_type",
    "countries",
    "nuts_prefixes",
    "org_kinds",
    "org_sizes",
    "trl_min",
    "trl_max",
    "ticket_min_eur",
    "ticket_max_eur",
    "max_cofinancing_rate",
    "themes",
    "stages",
    "is_active",
    "note",
)


def require_manager(user: Any) -> None:
    if not getattr(user, "is_manager", False):
        raise PermissionDeniedError(_("Only cluster managers may do this."))


@transaction.atomic
def project_funding_refresh(*, project: InvestmentProject) -> None:
    """Recompute the proposed stack and the matcher's barriers of a project."""
    funding = project_funding(project)
    StackItem.objects.filter(project=project, status=choices.StackStatus.PROPOSED).delete()
    Barrier.objects.filter(project=project, source=choices.BarrierSource.MATCHER).delete()
    kept = set(project.stack_items.values_list("instrument__key", flat=True))
    if funding.stack is not None:
        StackItem.objects.bulk_create(
            StackItem(
                project=project,
                instrument=funding.rows[item.instrument.id],
                amount_eur=Decimal(str(round(item.amount_eur, 2))),
            )
            for item in funding.stack.items
            if item.instrument.id not in kept
        )
    Barrier.objects.bulk_create(
        Barrier(
            project=project,
            code=b.code,
            message=b.message[:1000],
            instrument_keys=list(b.instrument_ids),
            source=choices.BarrierSource.MATCHER,
        )
        for b in funding.barriers
        if b.code in choices.BarrierCode.values
    )


@transaction.atomic
def stack_item_set_status(*, item: StackItem, user: Any, status: str) -> StackItem:
    """Mark an instrument of the stack as applied for or secured (or back to proposed)."""
    require_editor(user, item.project)
    if status not in choices.StackStatus.values:
        raise ApplicationError(_("Unknown status."), field="status", status=422)
    item.status = status
    item.save(update_fields=["status", "updated_at"])
    return item


@transaction.atomic
def barrier_record(
    *, project: InvestmentProject, user: Any, code: str, message: str = ""
) -> Barrier:
    """Record a barrier an adviser found (state-aid limits, collateral, …)."""
    require_editor(user, project)
    if code not in choices.BarrierCode.values:
        raise ApplicationError(_("Unknown barrier."), field="code", status=422)
    return Barrier.objects.create(
        project=project,
        code=code,
        message=message.strip()[:1000],
        recorded_by=user,
        source=choices.BarrierSource.ADVISER,
    )


@transaction.atomic
def instrument_create(*, user: Any, key: str, **fields: Any) -> FundingInstrument:
    """Add a funding instrument (managers); new instruments start unverified."""
    require_manager(user)
    if FundingInstrument.objects.filter(key=key).exists():
        raise ApplicationError(_("This key is taken."), field="key", status=422)
    instrument = FundingInstrument(key=key)
    return _save_instrument(instrument, fields)


@transaction.atomic
def instrument_update(
    *, instrument: FundingInstrument, user: Any, data: Mapping[str, Any]
) -> FundingInstrument:
    """Change an instrument (managers); only the keys present in `data` change."""
    require_manager(user)
    return _save_instrument(instrument, data)


def _save_instrument(instrument: FundingInstrument, data: Mapping[str, Any]) -> FundingInstrument:
    for key, value in data.items():
        if key not in INSTRUMENT_FIELDS:
            raise ApplicationError(_("Unknown field."), field=key, status=422)
        setattr(instrument, key, value)
    if instrument.trl_min > instrument.trl_max:
        raise ApplicationError(_("The TRL range is empty."), field="trl_min", status=422)
    if (
        instrument.ticket_max_eur is not None
        and instrument.ticket_min_eur > instrument.ticket_max_eur
    ):
        raise ApplicationError(
            _("The smallest ticket exceeds the largest."), field="ticket_min_eur", status=422
        )
    full_clean(instrument)
    instrument.save()
    return instrument


@transaction.atomic
def instrument_verify(*, instrument: FundingInstrument, user: Any, verified: bool = True) -> None:
    """Confirm (or withdraw the confirmation of) an instrument's details against the source."""
    require_manager(user)
    instrument.verified = verified
    instrument.verified_by = user if verified else None
    instrument.verified_at = timezone.now() if verified else None
    instrument.save(update_fields=["verified", "verified_by", "verified_at", "updated_at"])


@transaction.atomic
def call_set(
    *,
    instrument: FundingInstrument,
    user: Any,
    identifier: str,
    title: str,
    deadlines: list[dt.date],
    url: str = "",
) -> FundingCall:
    """Add a call to an instrument, or change its title, deadlines and link (managers)."""
    require_manager(user)
    call, _created = FundingCall.objects.update_or_create(
        instrument=instrument,
        identifier=identifier.strip()[:120],
        defaults={
            "title": title[:500],
            "deadlines": sorted(d.isoformat() for d in deadlines),
            "url": url,
        },
    )
    return call
