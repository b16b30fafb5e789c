from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from obieg.symbiosis.matching.geo import haversine_km, haversine_matrix_km, haversine_pairs_km

lats = st.floats(-89.9, 89.9)
lons = st.floats(-180, 180)


def test_it_measures_warsaw_to_krakow() -> None:
    assert haversine_km(52.2297, 21.0122, 50.0647, 19.9450) == pytest.approx(252.1, abs=0.5)


def test_it_measures_a_quarter_meridian() -> None:
    assert haversine_km(0, 0, 90, 0) == pytest.approx(10007.5, abs=1)


@given(lats, lons, lats, lons)
def test_it_is_symmetric_and_agrees_with_the_vectorised_forms(
    a: float, b: float, c: float, d: float
) -> None:
    scalar = haversine_km(a, b, c, d)
    assert scalar == pytest.approx(haversine_km(c, d, a, b), abs=1e-6)
    assert haversine_matrix_km([a], [b], [c], [d])[0, 0] == pytest.approx(scalar, abs=1e-6)
    assert haversine_pairs_km(np.array([a]), [b], [c], [d])[0] == pytest.approx(scalar, abs=1e-6)
