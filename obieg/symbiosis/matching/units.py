"""Convert stated quantities (unit + frequency) to the common annual bases."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pint


class Basis(StrEnum):
    """The common bases every stream is converted to before matching."""

    TONNES = "t/year"
    MWH = "MWh/year"
    CUBIC_METRES = "m3/year"


class Frequency(StrEnum):
    """How often the stated quantity arises."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    ONCE = "once"


class UnitError(ValueError):
    """Raised for a unit or frequency the converter does not know."""


# Units accepted from users, mapped to pint expressions and the basis they belong to.
UNITS: dict[str, tuple[str, Basis]] = {
    "t": ("tonne", Basis.TONNES),
    "kg": ("kilogram", Basis.TONNES),
    "m3": ("meter ** 3", Basis.CUBIC_METRES),
    "l": ("liter", Basis.CUBIC_METRES),
    "MWh": ("megawatt_hour", Basis.MWH),
    "kWh": ("kilowatt_hour", Basis.MWH),
    "GJ": ("gigajoule", Basis.MWH),
}

_UNITS_LOWER = {key.lower(): value for key, value in UNITS.items()}
_BASIS_UNITS = {Basis.TONNES: "tonne", Basis.MWH: "megawatt_hour", Basis.CUBIC_METRES: "meter ** 3"}


@dataclass(frozen=True, slots=True)
class AnnualQuantity:
    """A quantity on a common basis; `once` lots keep the basis without the per-year meaning."""

    value: float
    basis: Basis


@cache
def _registry() -> pint.UnitRegistry:
    import pint

    return pint.UnitRegistry()


def _per_year(frequency: Frequency) -> float:
    # pint's year is the Julian year (365.25 days) and its month a twelfth of it,
    # so weekly and daily figures are annualised consistently.
    if frequency is Frequency.ONCE:
        return 1.0
    registry = _registry()
    return float(registry.Quantity(1, f"1/{frequency.value}").to("1/year").magnitude)


def to_common_basis(value: float, unit: str, frequency: str = "year") -> AnnualQuantity:
    """Convert e.g. (5, 'kWh', 'week') to 0.2609 MWh/year; a one-off lot counts as one year."""
    try:
        expression, basis = _UNITS_LOWER[unit.strip().lower()]
        freq = Frequency(frequency)
    except (KeyError, ValueError):
        raise UnitError(f"unknown unit or frequency: {unit!r} per {frequency!r}") from None
    amount = _registry().Quantity(value, expression).to(_BASIS_UNITS[basis]).magnitude
    return AnnualQuantity(float(amount) * _per_year(freq), basis)
