"""DCF metrics against numpy-financial (test-only oracle) and hand-worked edge cases."""

from __future__ import annotations

import math

import numpy as np
import numpy_financial as npf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from obieg.pipeline.finance import (
    YearFlow,
    discounted_payback,
    evaluate_case,
    irr,
    mirr,
    net_series,
    npv,
    payback,
)

# Amounts span cents to tens of millions; mixing in exact zeros exercises root stripping.
amounts = st.one_of(
    st.just(0.0),
    st.floats(min_value=-5e7, max_value=5e7, allow_nan=False, allow_infinity=False),
)
flows = st.lists(amounts, min_size=1, max_size=30)
rates = st.floats(min_value=-0.5, max_value=1.0, allow_nan=False)


def oracle_irr(values: list[float]) -> float | None:
    # numpy-financial raises on subnormal inputs (companion-matrix overflow); None = no oracle.
    try:
        with np.errstate(all="ignore"):
            return float(npf.irr(values))
    except np.linalg.LinAlgError:
        return None


def close(ours: float | None, oracle: float) -> bool:
    # 1e-9 relative to the magnitude, and absolute 1e-9 near zero: NPVs reach 1e8 where only
    # a relative bound is meaningful, while rates near 0 % need an absolute one.
    assert ours is not None
    return abs(ours - oracle) <= 1e-9 * max(1.0, abs(oracle))


@settings(max_examples=300, deadline=None)
@given(values=flows, rate=rates)
def test_npv_equals_numpy_financial(values: list[float], rate: float) -> None:
    # given / when
    result = npv(rate, values)
    # then
    assert close(result.value, float(npf.npv(rate, values)))


@settings(max_examples=300, deadline=None)
@given(values=flows)
def test_irr_equals_numpy_financial_or_is_undefined_where_it_is_nan(values: list[float]) -> None:
    oracle = oracle_irr(values)
    result = irr(values)
    if oracle is None:
        assert result.value is not None or result.reason
    elif not math.isfinite(oracle):
        assert result.value is None
        assert result.reason
    else:
        assert close(result.value, oracle)


@settings(max_examples=300, deadline=None)
@given(values=flows, finance=rates, reinvest=rates)
def test_mirr_equals_numpy_financial(values: list[float], finance: float, reinvest: float) -> None:
    with np.errstate(all="ignore"):
        oracle = float(npf.mirr(values, finance, reinvest))
    result = mirr(values, finance, reinvest)
    if not math.isfinite(oracle):
        assert result.value is None
        assert result.reason
    else:
        assert close(result.value, oracle)


@settings(max_examples=100, deadline=None)
@given(values=st.lists(amounts, min_size=2, max_size=15), rate=rates)
def test_year_flows_net_to_the_same_metrics_as_raw_values(values: list[float], rate: float) -> None:
    # given a case whose net flow per year is `values`
    case = [
        YearFlow(year=t, capex=max(-v, 0.0), revenues=max(v, 0.0)) for t, v in enumerate(values)
    ]
    # when
    metrics = evaluate_case(case, discount_rate=rate)
    # then
    assert np.array_equal(net_series(case), np.asarray(values))
    assert close(metrics.npv.value, float(npf.npv(rate, values)))
    assert metrics.irr == irr(values)


def test_irr_of_a_textbook_case() -> None:
    assert irr([-100, 39, 59, 55, 20]).value == pytest.approx(0.28095, abs=1e-5)


def test_irr_is_undefined_when_all_flows_are_negative() -> None:
    result = irr([-100.0, -5.0, -5.0])
    assert result.value is None
    assert result.code == "no_sign_change"
    assert result.reason == "cash flows never change sign"


@pytest.mark.parametrize("values", [[], [-100.0], [0.0, 0.0]])
def test_irr_is_undefined_for_empty_single_or_zero_flows(values: list[float]) -> None:
    result = irr(values)
    assert result.value is None
    assert result.code in {"too_few_flows", "no_sign_change"}


def test_irr_flags_multiple_rates_and_returns_the_one_closest_to_zero() -> None:
    # given flows with roots at 10 % and 20 %: -100, 230, -132
    values = [-100.0, 230.0, -132.0]
    # when
    result = irr(values)
    # then
    assert result.value == pytest.approx(0.1, abs=1e-12)
    assert result.value == pytest.approx(float(npf.irr(values)), abs=1e-12)
    assert "multiple_irr" in result.flags
    assert result.note is not None
    assert "20.0000%" in result.note


def test_irr_is_undefined_when_sign_changes_but_no_real_rate_exists() -> None:
    # -1 + 2x - 2x^2 has no real root: NPV is negative at every rate
    result = irr([-1.0, 2.0, -2.0])
    assert result.value is None
    assert result.code == "no_real_rate"


def test_npv_at_zero_rate_is_the_plain_sum() -> None:
    assert npv(0.0, [-100.0, 30.0, 80.0]).value == pytest.approx(10.0)


def test_npv_is_undefined_without_flows_and_rejects_rates_at_minus_100_percent() -> None:
    assert npv(0.05, []).code == "no_flows"
    with pytest.raises(ValueError, match="greater than -1"):
        npv(-1.0, [1.0])


def test_mirr_is_undefined_without_both_signs() -> None:
    result = mirr([-10.0, -1.0], 0.05, 0.05)
    assert result.value is None
    assert result.code == "no_sign_change"


def test_payback_interpolates_within_the_recovery_year() -> None:
    # cumulative: -100, -60, -20, +20 -> recovered halfway through year 3
    assert payback([-100.0, 40.0, 40.0, 40.0]).value == pytest.approx(2.5)


def test_payback_is_undefined_when_never_recovered() -> None:
    result = payback([-100.0, 10.0, 10.0])
    assert result.value is None
    assert result.code == "never_recovered"


def test_payback_counts_a_later_dip_below_zero() -> None:
    # cumulative: -100, 0, -50, 0 -> only the last recovery is lasting
    assert payback([-100.0, 100.0, -50.0, 50.0]).value == pytest.approx(3.0)


def test_payback_is_zero_with_nothing_to_recover() -> None:
    result = payback([0.0, 10.0])
    assert result.value == 0.0
    assert result.note


def test_payback_is_undefined_for_empty_flows() -> None:
    assert payback([]).code == "no_flows"


def test_discounted_payback_is_later_than_simple_payback() -> None:
    values = [-100.0, 40.0, 40.0, 40.0]
    simple, discounted = payback(values).value, discounted_payback(values, 0.08).value
    assert simple is not None
    assert discounted is not None
    # cumulative discounted at 8 %: -100, -62.96, -28.67, 3.08
    assert discounted == pytest.approx(2 + 28.6694 / (28.6694 + 3.0838), abs=1e-3)
    assert discounted > simple


def test_discounted_payback_is_undefined_when_discounting_hides_recovery() -> None:
    assert discounted_payback([-100.0, 50.0, 51.0], 0.10).code == "never_recovered"
