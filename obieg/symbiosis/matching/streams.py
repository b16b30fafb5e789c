"""Offers and needs as the matching engine sees them: plain, validated dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from obieg.symbiosis.matching.reference import normalise_code, treatment_code, waste_code
from obieg.symbiosis.matching.units import Basis


class StreamError(ValueError):
    """Raised when an offer or need is not well formed."""


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """Availability window; an open end means 'from/until any time'."""

    start: date | None = None
    end: date | None = None


@dataclass(frozen=True, slots=True)
class Offer:
    """A stream someone can give away: quantity on a common annual basis at a location.

    `treatments` are the R/D operations the producer allows (empty = any);
    `min_lot` is the smallest quantity worth a transfer (0 = none).
    """

    id: str
    quantity: float
    lat: float
    lon: float
    ewc_code: str | None = None
    basis: Basis = Basis.TONNES
    description: str = ""
    treatments: frozenset[str] = field(default_factory=frozenset)
    window: TimeWindow = field(default_factory=TimeWindow)
    min_lot: float = 0.0
    max_distance_km: float | None = None

    def __post_init__(self) -> None:
        _check_common(self.id, self.quantity, self.lat, self.lon, self.min_lot)
        if self.ewc_code is not None:
            object.__setattr__(self, "ewc_code", waste_code(self.ewc_code).code)
        object.__setattr__(self, "treatments", _treatments(self.treatments))

    @property
    def hazardous(self) -> bool:
        """Tell whether the offered waste carries the asterisk."""
        return self.ewc_code is not None and waste_code(self.ewc_code).hazardous


@dataclass(frozen=True, slots=True)
class Need:
    """A stream someone wants, with the codes, operations and distance it accepts.

    `accepted_codes` holds 6-digit codes or 2-/4-digit prefixes (empty = any code of
    the same basis). A hazardous offer is accepted only when its exact code is listed or
    `accepts_hazardous` is set: a prefix alone never admits hazardous waste.
    """

    id: str
    quantity: float
    lat: float
    lon: float
    max_distance_km: float
    accepted_codes: tuple[str, ...] = ()
    basis: Basis = Basis.TONNES
    description: str = ""
    treatments: frozenset[str] = field(default_factory=frozenset)
    accepts_hazardous: bool = False
    window: TimeWindow = field(default_factory=TimeWindow)
    min_lot: float = 0.0

    def __post_init__(self) -> None:
        _check_common(self.id, self.quantity, self.lat, self.lon, self.min_lot)
        if not self.max_distance_km >= 0:
            raise StreamError(f"need {self.id}: max_distance_km must be >= 0")
        object.__setattr__(self, "accepted_codes", tuple(_accepted(self.id, self.accepted_codes)))
        object.__setattr__(self, "treatments", _treatments(self.treatments))


def _check_common(stream_id: str, quantity: float, lat: float, lon: float, min_lot: float) -> None:
    if not quantity >= 0:
        raise StreamError(f"{stream_id}: quantity must be >= 0, got {quantity}")
    if not -90 <= lat <= 90 or not -180 <= lon <= 180:
        raise StreamError(f"{stream_id}: coordinates out of range ({lat}, {lon})")
    if not min_lot >= 0:
        raise StreamError(f"{stream_id}: min_lot must be >= 0")


def _accepted(stream_id: str, codes: tuple[str, ...]) -> list[str]:
    out = []
    for raw in codes:
        digits = normalise_code(raw)
        if len(digits) not in (2, 4, 6):
            raise StreamError(f"need {stream_id}: {raw!r} is not a 2-, 4- or 6-digit waste code")
        if len(digits) == 6:
            waste_code(digits)
        out.append(digits)
    return out


def _treatments(codes: frozenset[str]) -> frozenset[str]:
    return frozenset(treatment_code(c).code for c in codes)
