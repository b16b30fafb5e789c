"""Funding gap, levelised cost, sensitivity and scenarios of an investment case."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from obieg.pipeline.finance import (
    DEFAULT_SCENARIOS,
    Scenario,
    YearFlow,
    evaluate_case,
    funding_gap,
    levelised_cost,
    scenarios,
    sensitivity,
)


def recycling_line() -> list[YearFlow]:
    return [
        YearFlow(year=0, capex=1000.0),
        YearFlow(year=1, opex=100.0, revenues=300.0, savings=50.0),
        YearFlow(year=2, opex=100.0, revenues=300.0, savings=50.0),
        YearFlow(year=3, opex=100.0, revenues=300.0, savings=50.0, residual_value=200.0),
    ]


def test_funding_gap_follows_the_eu_formula_at_zero_rate() -> None:
    # given DIC = 1000 and DNR = 3 * (300 + 50 - 100) + 200 = 950
    # when
    gap = funding_gap(recycling_line(), discount_rate=0.0)
    # then
    assert gap.discounted_investment_cost == pytest.approx(1000.0)
    assert gap.discounted_net_revenue == pytest.approx(950.0)
    assert gap.rate.value == pytest.approx(0.05)


def test_funding_gap_discounts_investment_and_net_revenue() -> None:
    gap = funding_gap(recycling_line(), discount_rate=0.04)
    dnr = sum(250.0 / 1.04**t for t in (1, 2, 3)) + 200.0 / 1.04**3
    assert gap.rate.value == pytest.approx((1000.0 - dnr) / 1000.0)


def test_funding_gap_is_clamped_to_zero_when_net_revenue_repays_the_investment() -> None:
    flows = [YearFlow(year=0, capex=100.0), YearFlow(year=1, revenues=500.0)]
    gap = funding_gap(flows, discount_rate=0.04)
    assert gap.rate.value == 0.0
    assert "clamped" in gap.rate.flags


def test_funding_gap_is_clamped_to_one_when_net_revenue_is_negative() -> None:
    flows = [YearFlow(year=0, capex=100.0), YearFlow(year=1, opex=50.0, revenues=10.0)]
    gap = funding_gap(flows, discount_rate=0.04)
    assert gap.rate.value == 1.0
    assert gap.discounted_net_revenue < 0


def test_funding_gap_is_undefined_without_investment_cost() -> None:
    gap = funding_gap([YearFlow(year=0, revenues=10.0)], discount_rate=0.04)
    assert gap.rate.value is None
    assert gap.rate.code == "no_investment_cost"


def test_levelised_cost_divides_discounted_costs_by_discounted_output() -> None:
    # costs 1000, 100, 100, 100 - 200 at 0 %: 1100 over 30 units of output
    lcoe = levelised_cost(recycling_line(), [0.0, 10.0, 10.0, 10.0], discount_rate=0.0)
    assert lcoe.value == pytest.approx(1100.0 / 30.0)


def test_levelised_cost_is_undefined_without_output() -> None:
    assert levelised_cost(recycling_line(), [], discount_rate=0.05).code == "no_output"


def test_sensitivity_rows_are_sorted_by_swing_and_cover_every_driver() -> None:
    # when
    rows = sensitivity(recycling_line(), discount_rate=0.05)
    # then
    swings = [row.swing for row in rows]
    assert swings == sorted(swings, reverse=True)
    assert {row.driver for row in rows} == {
        "capex",
        "opex",
        "revenues",
        "savings",
        "residual_value",
        "discount_rate",
    }
    assert rows[0].driver == "capex"  # capex (1000) is the largest present value
    base = evaluate_case(recycling_line(), discount_rate=0.05).npv.value
    assert base is not None
    capex = rows[0]
    assert capex.npv_low > base > capex.npv_high  # cheaper capex, higher NPV


def test_sensitivity_swing_of_a_driver_is_forty_percent_of_its_present_value() -> None:
    rows = {row.driver: row for row in sensitivity(recycling_line(), discount_rate=0.0)}
    assert rows["revenues"].swing == pytest.approx(0.4 * 900.0)
    assert rows["discount_rate"].swing == 0.0  # nothing to discount at 0 %


def test_scenarios_order_npv_pessimistic_base_optimistic() -> None:
    results = {
        r.name: r.metrics.npv.value or 0.0 for r in scenarios(recycling_line(), discount_rate=0.05)
    }
    assert all(results.values())
    assert results["pessimistic"] < results["base"] < results["optimistic"]


def test_custom_scenario_scales_the_discount_rate() -> None:
    custom = (Scenario("high-rate", {"discount_rate": 2.0}),)
    (result,) = scenarios(recycling_line(), discount_rate=0.05, definitions=custom)
    assert result.metrics.discount_rate == pytest.approx(0.10)
    assert len(DEFAULT_SCENARIOS) == 3


def test_yearflow_rejects_non_finite_amounts_and_negative_years() -> None:
    with pytest.raises(ValueError, match="capex"):
        YearFlow(year=0, capex=float("nan"))
    with pytest.raises(ValueError, match="year"):
        YearFlow(year=-1)


@settings(max_examples=100, deadline=None)
@given(
    amounts=st.lists(st.tuples(*[st.floats(0, 1e6, allow_nan=False)] * 5), min_size=1, max_size=12),
    rate=st.floats(0.0, 0.3),
)
def test_each_driver_swings_npv_by_twice_the_step_times_its_present_value(
    amounts: list[tuple[float, float, float, float, float]], rate: float
) -> None:
    # given any case; NPV is linear in every amount driver
    flows = [YearFlow(t, *row) for t, row in enumerate(amounts)]
    # when
    rows = sensitivity(flows, discount_rate=rate, step=0.2)
    # then
    swings = [row.swing for row in rows]
    assert swings == sorted(swings, reverse=True)
    for row in rows:
        if row.driver == "discount_rate":
            continue
        present = sum(getattr(f, row.driver) / (1 + rate) ** f.year for f in flows)
        assert math.isclose(row.swing, 0.4 * present, rel_tol=1e-9, abs_tol=1e-6)
