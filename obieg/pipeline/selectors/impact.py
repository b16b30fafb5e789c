"""Reads on impact: tonnes, CO2e (per year, per euro), MCI and the Taxonomy checklist."""

from __future__ import annotations

from dataclasses import dataclass

from obieg.pipeline.impact import (
    CIRCULAR_ECONOMY_CRITERIA,
    ChecklistResult,
    ImpactSummary,
    MaterialFlow,
    MciInputs,
    MciResult,
    TaxonomyCriterion,
    assess_checklist,
    estimate_impact,
    load_emission_factors,
    material_circularity,
    with_overrides,
)
from obieg.pipeline.models import ImpactRecord, InvestmentProject


@dataclass(frozen=True)
class ImpactView:
    """The impact of a project as its page and the API show it."""

    record: ImpactRecord | None
    summary: ImpactSummary
    mci: MciResult
    checklist: ChecklistResult
    criteria: tuple[TaxonomyCriterion, ...]


def project_impact(*, project: InvestmentProject) -> ImpactView:
    """Compute the impact of a project from its stored inputs (empty inputs give zeros)."""
    record = ImpactRecord.objects.filter(project=project).first()
    flows = [MaterialFlow(year=1, **row) for row in (record.material_flows if record else [])]
    factors = with_overrides(load_emission_factors(), record.factor_overrides if record else {})
    return ImpactView(
        record=record,
        summary=estimate_impact(
            flows, invested_eur=float(project.budget_eur or 0), factors=factors
        ),
        mci=material_circularity(MciInputs(**(record.mci_inputs if record else {}))),
        checklist=assess_checklist(record.taxonomy_criteria if record else []),
        criteria=CIRCULAR_ECONOMY_CRITERIA,
    )


def material_choices() -> list[tuple[str, str]]:
    """Return (material, label) of the shipped emission-factor table."""
    return sorted((key, f.label) for key, f in load_emission_factors().items())
