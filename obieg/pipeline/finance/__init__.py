"""Investment-case finance: cash flows, DCF metrics, funding gap, sensitivity, import."""

from __future__ import annotations

from obieg.pipeline.finance.analysis import (
    DEFAULT_SCENARIOS,
    EU_FINANCIAL_DISCOUNT_RATE,
    SENSITIVITY_DRIVERS,
    CaseMetrics,
    FundingGap,
    Scenario,
    ScenarioResult,
    TornadoRow,
    evaluate_case,
    funding_gap,
    levelised_cost,
    scenarios,
    sensitivity,
)
from obieg.pipeline.finance.flows import DRIVERS, Metric, YearFlow, net_series, scale_flows
from obieg.pipeline.finance.importing import (
    CashFlowImportError,
    ImportProblem,
    parse_cash_flows,
)
from obieg.pipeline.finance.metrics import discounted_payback, irr, mirr, npv, payback

__all__ = [
    "DEFAULT_SCENARIOS",
    "DRIVERS",
    "EU_FINANCIAL_DISCOUNT_RATE",
    "SENSITIVITY_DRIVERS",
    "CaseMetrics",
    "CashFlowImportError",
    "FundingGap",
    "ImportProblem",
    "Metric",
    "Scenario",
    "ScenarioResult",
    "TornadoRow",
    "YearFlow",
    "discounted_payback",
    "evaluate_case",
    "funding_gap",
    "irr",
    "levelised_cost",
    "mirr",
    "net_series",
    "npv",
    "parse_cash_flows",
    "payback",
    "scale_flows",
    "scenarios",
    "sensitivity",
]
