"""Receiver suggestions fed with the platform's own evidence."""

from __future__ import annotations

from django.db.models import Prefetch

from obieg.directory.models import NaceActivity
from obieg.symbiosis import choices
from obieg.symbiosis.matching import GoodPractice as PracticeEvidence
from obieg.symbiosis.matching import ReceiverSuggestion, RecordedExchange, suggest_receivers
from obieg.symbiosis.matching.reference import UnknownCodeError, nace_division, normalise_code
from obieg.symbiosis.models import GoodPractice, Match, Stream
from obieg.symbiosis.services.runs import stream_text


def _division(code: str) -> str | None:
    try:
        return nace_division(code).code if normalise_code(code) else None
    except UnknownCodeError:
        return None


def _receiver_division(need: Stream) -> str | None:
    """The need's own NACE code, else the first numeric sector of its organisation."""
    found = _division(need.nace_code) if need.nace_code else None
    if found:
        return found
    for sector in need.organisation.sectors.all():
        found = _division(sector.code)
        if found:
            return found
    return None


def recorded_exchanges() -> list[RecordedExchange]:
    """Agreed, running and ended matches of waste-coded offers, as engine evidence."""
    matches = (
        Match.objects.filter(status__in=choices.MatchStatus.committed())
        .exclude(offer__ewc_code="")
        .select_related("offer", "need", "need__organisation")
        .prefetch_related(
            Prefetch("need__organisation__sectors", queryset=NaceActivity.objects.order_by("code"))
        )
    )
    out = []
    for match in matches:
        division = _receiver_division(match.need)
        if division:
            out.append(RecordedExchange(match.offer.ewc_code, division))
    return out


def practice_evidence() -> list[PracticeEvidence]:
    """Good practices with a receiving division, as engine evidence."""
    return [
        PracticeEvidence(tuple(p.ewc_codes), p.receiver_nace, p.title)
        for p in GoodPractice.objects.exclude(receiver_nace="")
        if p.ewc_codes and _division(p.receiver_nace)
    ]


def receiver_suggestions(*, stream: Stream, top: int = 5) -> list[ReceiverSuggestion]:
    """Rank the NACE divisions most likely to take an offered waste, with evidence."""
    if not stream.is_offer or not stream.ewc_code:
        return []
    return suggest_receivers(
        stream.ewc_code,
        text=stream_text(stream),
        exchanges=recorded_exchanges(),
        practices=practice_evidence(),
        top=top,
    )
