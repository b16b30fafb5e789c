from __future__ import annotations

import pytest

from obieg.symbiosis.matching.units import Basis, UnitError, to_common_basis


@pytest.mark.parametrize(
    ("value", "unit", "frequency", "expected", "basis"),
    [
        (12, "t", "year", 12.0, Basis.TONNES),
        (500, "kg", "month", 6.0, Basis.TONNES),
        (1, "t", "day", 365.25, Basis.TONNES),
        (1, "t", "week", 365.25 / 7, Basis.TONNES),
        (2000, "l", "year", 2.0, Basis.CUBIC_METRES),
        (3, "m3", "once", 3.0, Basis.CUBIC_METRES),
        (3.6, "GJ", "year", 1.0, Basis.MWH),
        (1000, "kWh", "month", 12.0, Basis.MWH),
        (1, "mwh", "year", 1.0, Basis.MWH),
    ],
)
def test_it_converts_to_the_common_annual_basis(
    value: float, unit: str, frequency: str, expected: float, basis: Basis
) -> None:
    result = to_common_basis(value, unit, frequency)
    assert result.basis is basis
    assert result.value == pytest.approx(expected)


@pytest.mark.parametrize(("unit", "frequency"), [("barrel", "year"), ("t", "fortnight")])
def test_it_rejects_unknown_units_and_frequencies(unit: str, frequency: str) -> None:
    with pytest.raises(UnitError):
        to_common_basis(1, unit, frequency)
