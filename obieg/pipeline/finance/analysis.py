"""Investment-case analysis over YearFlow lists: metrics, funding gap, sensitivity, scenarios."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from obieg.pipeline.finance import metrics
from obieg.pipeline.finance.flows import (
    DRIVERS,
    Metric,
    YearFlow,
    discount_factors,
    driver_series,
    net_series,
    scale_flows,
)

# EU cost-benefit guidance (Commission Delegated Regulation 2015/207, Annex III) uses a 4 %
# real financial discount rate as the benchmark; callers may pass their own.
EU_FINANCIAL_DISCOUNT_RATE = 0.04

SENSITIVITY_DRIVERS: tuple[str, ...] = (*DRIVERS, "discount_rate")


@dataclass(frozen=True)
class CaseMetrics:
    """The headline metrics of one investment case at one discount rate."""

    discount_rate: float
    npv: Metric
    irr: Metric
    mirr: Metric
    payback_years: Metric
    discounted_payback_years: Metric


@dataclass(frozen=True)
class FundingGap:
    """EU funding-gap rate with the discounted totals it comes from."""

    rate: Metric
    discounted_investment_cost: float
    discounted_net_revenue: float


@dataclass(frozen=True)
class TornadoRow:
    """NPV when one driver moves down and up by the same relative step."""

    driver: str
    npv_low: float
    npv_high: float

    @property
    def swing(self) -> float:
        return abs(self.npv_high - self.npv_low)


@dataclass(frozen=True)
class Scenario:
    """Multipliers applied to the drivers (and to the discount rate) of the base case."""

    name: str
    multipliers: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class ScenarioResult:
    """Metrics of one scenario."""

    name: str
    metrics: CaseMetrics


DEFAULT_SCENARIOS: tuple[Scenario, ...] = (
    Scenario("base"),
    Scenario("optimistic", {"capex": 0.9, "opex": 0.9, "revenues": 1.1, "savings": 1.1}),
    Scenario("pessimistic", {"capex": 1.2, "opex": 1.1, "revenues": 0.85, "savings": 0.85}),
)


def evaluate_case(
    flows: Sequence[YearFlow],
    *,
    discount_rate: float,
    finance_rate: float | None = None,
    reinvest_rate: float | None = None,
) -> CaseMetrics:
    """Compute NPV, IRR, MIRR and both paybacks; MIRR rates default to the discount rate."""
    net = net_series(flows)
    return CaseMetrics(
        discount_rate=discount_rate,
        npv=metrics.npv(discount_rate, net),
        irr=metrics.irr(net),
        mirr=metrics.mirr(
            net,
            discount_rate if finance_rate is None else finance_rate,
            discount_rate if reinvest_rate is None else reinvest_rate,
        ),
        payback_years=metrics.payback(net),
        discounted_payback_years=metrics.discounted_payback(net, discount_rate),
    )


def levelised_cost(
    flows: Sequence[YearFlow], outputs: Sequence[float], *, discount_rate: float
) -> Metric:
    """Return discounted (capex + opex - residual value) per discounted unit of output."""
    n = max(len(outputs), len(net_series(flows)))
    factors = discount_factors(discount_rate, n)
    costs = _padded(
        driver_series(flows, "capex")
        + driver_series(flows, "opex")
        - driver_series(flows, "residual_value"),
        n,
    )
    produced = float((_padded(np.asarray(outputs, dtype=np.float64), n) * factors).sum())
    if produced <= 0:
        return Metric.undefined("no_output", "the case produces no output to spread costs over")
    return Metric.of(float((costs * factors).sum()) / produced)


def funding_gap(flows: Sequence[YearFlow], *, discount_rate: float) -> FundingGap:
    """Return (DIC - DNR) / DIC per the EU CBA method, clamped to [0, 1]."""
    n = len(net_series(flows))
    factors = discount_factors(discount_rate, n)
    dic = float((driver_series(flows, "capex") * factors).sum())
    dnr = sum(
        sign * float((driver_series(flows, name) * factors).sum())
        for name, sign in (("revenues", 1), ("savings", 1), ("opex", -1), ("residual_value", 1))
    )
    return FundingGap(_gap_rate(dic, dnr), dic, dnr)


def sensitivity(
    flows: Sequence[YearFlow], *, discount_rate: float, step: float = 0.2
) -> list[TornadoRow]:
    """Return NPV at each driver times (1 - step) and (1 + step), largest swing first."""
    rows = []
    for driver in SENSITIVITY_DRIVERS:
        low, high = (_npv_with(flows, discount_rate, {driver: m}) for m in (1 - step, 1 + step))
        rows.append(TornadoRow(driver=driver, npv_low=low, npv_high=high))
    return sorted(rows, key=lambda row: (-row.swing, row.driver))


def scenarios(
    flows: Sequence[YearFlow],
    *,
    discount_rate: float,
    definitions: Sequence[Scenario] = DEFAULT_SCENARIOS,
) -> list[ScenarioResult]:
    """Evaluate the case under each scenario's multipliers."""
    results = []
    for scenario in definitions:
        drivers = {k: v for k, v in scenario.multipliers.items() if k != "discount_rate"}
        rate = discount_rate * scenario.multipliers.get("discount_rate", 1.0)
        case = evaluate_case(scale_flows(flows, **drivers), discount_rate=rate)
        results.append(ScenarioResult(name=scenario.name, metrics=case))
    return results


def _gap_rate(dic: float, dnr: float) -> Metric:
    if dic <= 0:
        return Metric.undefined("no_investment_cost", "there is no investment cost to fund")
    if dnr <= 0:
        # Negative net revenue cannot enlarge the gap beyond the whole investment.
        return Metric(value=1.0, flags=("clamped",), note="net revenue is not positive")
    if dnr >= dic:
        return Metric(value=0.0, flags=("clamped",), note="net revenue repays the investment")
    return Metric.of((dic - dnr) / dic)


def _npv_with(flows: Sequence[YearFlow], rate: float, multipliers: Mapping[str, float]) -> float:
    drivers = {k: v for k, v in multipliers.items() if k != "discount_rate"}
    scaled_rate = rate * multipliers.get("discount_rate", 1.0)
    value = metrics.npv(scaled_rate, net_series(scale_flows(flows, **drivers))).value
    return 0.0 if value is None else value


def _padded(values: np.ndarray, n: int) -> np.ndarray:
    out = np.zeros(n, dtype=np.float64)
    out[: min(n, values.size)] = values[:n]
    return out
