"""Reads on investment cases: the flows as the finance core sees them, and every metric."""

from __future__ import annotations

from dataclasses import dataclass

from obieg.pipeline.finance import (
    CaseMetrics,
    FundingGap,
    Metric,
    ScenarioResult,
    TornadoRow,
    YearFlow,
    evaluate_case,
    funding_gap,
    levelised_cost,
    scenarios,
    sensitivity,
)
from obieg.pipeline.models import CashFlowYear, InvestmentCase, InvestmentProject


@dataclass(frozen=True)
class CaseAnalysis:
    """Everything the investment-case page and the API show, in the project's currency."""

    case: InvestmentCase
    years: tuple[CashFlowYear, ...]
    flows: tuple[YearFlow, ...]
    metrics: CaseMetrics
    gap: FundingGap
    levelised_cost: Metric
    tornado: tuple[TornadoRow, ...]
    scenarios: tuple[ScenarioResult, ...]


def case_flows(years: list[CashFlowYear]) -> list[YearFlow]:
    """Return the core's YearFlows of the stored years."""
    return [
        YearFlow(
            year=y.year,
            capex=float(y.capex),
            opex=float(y.opex),
            revenues=float(y.revenues),
            savings=float(y.savings),
            residual_value=float(y.residual_value),
        )
        for y in years
    ]


def case_analysis(*, project: InvestmentProject) -> CaseAnalysis | None:
    """Return the metrics of a project's case, or None when no cash flows are entered."""
    case = InvestmentCase.objects.filter(project=project).first()
    if case is None:
        return None
    years = list(case.years.all())
    if not years:
        return None
    flows = case_flows(years)
    rate = float(case.discount_rate)
    outputs = [0.0] * (max(y.year for y in years) + 1)
    for y in years:
        outputs[y.year] = float(y.output)
    return CaseAnalysis(
        case=case,
        years=tuple(years),
        flows=tuple(flows),
        metrics=evaluate_case(flows, discount_rate=rate),
        gap=funding_gap(flows, discount_rate=rate),
        levelised_cost=levelised_cost(flows, outputs, discount_rate=rate),
        tornado=tuple(sensitivity(flows, discount_rate=rate)),
        scenarios=tuple(scenarios(flows, discount_rate=rate)),
    )
