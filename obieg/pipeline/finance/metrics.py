"""Discounted cash-flow metrics over a net cash-flow vector (index t = year t, end of year).

The formulas follow numpy-financial 1.0 exactly (same expressions, same IRR root selection)
so results agree with it to floating-point noise; numpy-financial itself is only a test oracle.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from obieg.pipeline.finance.flows import FloatArray, Metric, check_rate

# Two IRR candidates closer than this (relative) are one rate found twice (a double root).
_SAME_RATE = 1e-9
_NEGLIGIBLE = 1e-250


def npv(rate: float, values: Sequence[float] | FloatArray) -> Metric:
    """Return the net present value of values[t] discounted by (1 + rate) ** t."""
    v = _as_array(values)
    if v.size == 0:
        return Metric.undefined("no_flows", "there are no cash flows")
    check_rate(rate)
    return Metric.of(_npv(rate, v))


def irr(values: Sequence[float] | FloatArray) -> Metric:
    """Return the internal rate of return; with several, the one closest to zero (flagged)."""
    v = _as_array(values)
    roots = _discount_roots(v)
    valid = roots[(roots.imag == 0) & (roots.real > 0)].real
    if valid.size == 0:
        return _irr_undefined(v)
    with np.errstate(all="ignore"):
        rates = 1.0 / valid - 1.0
    rates = rates[np.isfinite(rates)]
    if rates.size == 0:
        return Metric.undefined(
            "unbounded", "the outflows are negligible next to the inflows; IRR is unbounded"
        )
    best = rates.item(np.argmin(np.abs(rates)))
    distinct = _distinct(rates)
    changes = _sign_changes(v)
    if distinct.size > 1:
        listed = ", ".join(f"{r:.4%}" for r in distinct)
        note = (
            f"cash flows change sign {changes} times and the rates {listed} all make NPV zero; "
            "the one closest to 0 % is shown. Judge the case by NPV or MIRR."
        )
        return Metric(value=best, flags=("multiple_irr",), note=note)
    if changes > 1:
        note = f"cash flows change sign {changes} times (non-conventional); one rate was found"
        return Metric(value=best, flags=("non_conventional",), note=note)
    return Metric.of(best)


def mirr(values: Sequence[float] | FloatArray, finance_rate: float, reinvest_rate: float) -> Metric:
    """Return the modified IRR: outflows financed at finance_rate, inflows reinvested."""
    v = _as_array(values)
    check_rate(finance_rate)
    check_rate(reinvest_rate)
    pos, neg = v > 0, v < 0
    if not (pos.any() and neg.any()):
        return Metric.undefined(
            "no_sign_change", "MIRR needs at least one negative and one positive cash flow"
        )
    numer = abs(_npv(reinvest_rate, v * pos))
    denom = abs(_npv(finance_rate, v * neg))
    with np.errstate(all="ignore"):
        value = (np.float64(numer) / denom) ** (1 / (v.size - 1)) * (1 + reinvest_rate) - 1
    if not np.isfinite(value):
        return Metric.undefined(
            "overflow", "the outflows are negligible next to the inflows; MIRR is unbounded"
        )
    return Metric.of(value)


def payback(values: Sequence[float] | FloatArray) -> Metric:
    """Return years until cumulative cash flow turns non-negative for good (interpolated)."""
    v = _as_array(values)
    if v.size == 0:
        return Metric.undefined("no_flows", "there are no cash flows")
    cumulative = np.cumsum(v)
    if cumulative[-1] < 0:
        return Metric.undefined(
            "never_recovered", "the investment is not recovered within the cash-flow horizon"
        )
    under_water = np.flatnonzero(cumulative < 0)
    if under_water.size == 0:
        return Metric(value=0.0, note="cumulative cash flow is never negative")
    # Flows fall at the end of each year; between two year-ends recovery is taken as linear.
    t = int(under_water[-1])
    before, after = cumulative[t], cumulative[t + 1]
    return Metric.of(t + (-before) / (after - before))


def discounted_payback(values: Sequence[float] | FloatArray, rate: float) -> Metric:
    """Return the payback period of the cash flows discounted at rate."""
    v = _as_array(values)
    check_rate(rate)
    return payback(v / (1.0 + rate) ** np.arange(v.size))


def _npv(rate: float, v: FloatArray) -> float:
    # Same expression as numpy_financial.npv, so the rounding is identical.
    return float((v / (1 + rate) ** np.arange(0, len(v))).sum(axis=0))


def _discount_roots(v: FloatArray) -> npt.NDArray[np.complex128]:
    # Roots of sum v_t x^t with x = 1 / (1 + r), computed as numpy-financial does.
    if v.size == 0:
        return np.empty(0, dtype=np.complex128)
    with np.errstate(all="ignore"):
        try:
            return np.asarray(np.roots(v[::-1]), dtype=np.complex128)
        except np.linalg.LinAlgError:
            # Subnormal coefficients overflow the companion matrix (numpy-financial raises
            # here); they only move roots towards infinity, so dropping them is harmless.
            cleaned = np.where(np.abs(v) < np.abs(v).max() * _NEGLIGIBLE, 0.0, v)
            return np.asarray(np.roots(cleaned[::-1]), dtype=np.complex128)


def _irr_undefined(v: FloatArray) -> Metric:
    if v.size < 2:
        return Metric.undefined("too_few_flows", "IRR needs cash flows in at least two years")
    if _sign_changes(v) == 0:
        return Metric.undefined("no_sign_change", "cash flows never change sign")
    return Metric.undefined("no_real_rate", "no real discount rate makes the NPV zero")


def _sign_changes(v: FloatArray) -> int:
    signs = np.sign(v[v != 0])
    return int(np.count_nonzero(signs[1:] != signs[:-1]))


def _distinct(rates: FloatArray) -> FloatArray:
    ordered = np.sort(rates)
    keep = np.ones(ordered.size, dtype=bool)
    gaps = np.abs(np.diff(ordered)) > _SAME_RATE * np.maximum(1.0, np.abs(ordered[1:]))
    keep[1:] = gaps
    return ordered[keep]


def _as_array(values: Sequence[float] | FloatArray) -> FloatArray:
    v = np.asarray(values, dtype=np.float64)
    if v.ndim != 1:
        raise ValueError("cash flows must be a one-dimensional sequence")
    if not np.isfinite(v).all():
        raise ValueError("cash flows must be finite numbers")
    return v
