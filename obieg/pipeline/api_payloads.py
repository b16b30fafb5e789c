"""Turn pipeline reads into API payloads; confidential fields are filled only for full access."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.urls import reverse

from obieg.pipeline.finance import Metric
from obieg.pipeline.funding_match import ProjectFunding
from obieg.pipeline.models import InvestmentProject
from obieg.pipeline.selectors import CaseAnalysis, ImpactView
from obieg.pipeline.selectors.portfolio import Portfolio
from obieg.pipeline.selectors.projects import Access


def metric_payload(metric: Metric) -> dict[str, Any]:
    return {
        "value": metric.value,
        "defined": metric.defined,
        "code": metric.code,
        "reason": metric.reason,
        "flags": list(metric.flags),
        "note": metric.note,
    }


def project_payload(project: InvestmentProject, *, full: bool) -> dict[str, Any]:
    """The teaser fields of a project (safe for every reader who may see it)."""
    return {
        "id": project.pk,
        "slug": project.slug,
        "title": project.title,
        "summary": project.summary,
        "original_language": project.original_language,
        "promoter": project.promoter.name,
        "promoter_id": project.promoter_id,
        "country": project.country_id,
        "region": project.region_id,
        "sector": project.sector_id,
        "r_strategy": project.r_strategy,
        "eib_category": project.eib_category,
        "trl": project.trl,
        "stage": project.stage,
        "budget": project.budget,
        "currency": project.currency,
        "is_sample": project.is_sample,
        "full_access": full,
        "url": reverse("pipeline:project_detail", args=[project.slug]),
    }


def project_detail_payload(project: InvestmentProject, access: Access) -> dict[str, Any]:
    full = access is Access.FULL
    payload = project_payload(project, full=full)
    if not full:
        return payload
    history = project.stage_changes.select_related("changed_by").order_by("entered_at")
    return {
        **payload,
        "details": project.details,
        "budget_eur": project.budget_eur,
        "own_share": project.own_share,
        "needed_cofinancing_rate": project.needed_cofinancing_rate,
        "teaser_published": project.teaser_published,
        "advisers": [u.get_username() for u in project.advisers.all()],
        "alignment": project.alignment,
        "history": [
            {
                "from_stage": h.from_stage,
                "to_stage": h.to_stage,
                "reason": h.reason,
                "changed_by": h.changed_by.get_username() if h.changed_by else None,
                "entered_at": h.entered_at,
                "left_at": h.left_at,
            }
            for h in history
        ],
    }


def case_payload(analysis: CaseAnalysis, currency: str) -> dict[str, Any]:
    m = analysis.metrics
    return {
        "currency": currency,
        "discount_rate": float(analysis.case.discount_rate),
        "output_unit": analysis.case.output_unit,
        "years": [
            {
                "year": y.year,
                "capex": y.capex,
                "opex": y.opex,
                "revenues": y.revenues,
                "savings": y.savings,
                "residual_value": y.residual_value,
                "output": y.output,
                "net": f.net,
            }
            for y, f in zip(analysis.years, analysis.flows, strict=True)
        ],
        "npv": metric_payload(m.npv),
        "irr": metric_payload(m.irr),
        "mirr": metric_payload(m.mirr),
        "payback_years": metric_payload(m.payback_years),
        "discounted_payback_years": metric_payload(m.discounted_payback_years),
        "levelised_cost": metric_payload(analysis.levelised_cost),
        "funding_gap_rate": metric_payload(analysis.gap.rate),
        "discounted_investment_cost": analysis.gap.discounted_investment_cost,
        "discounted_net_revenue": analysis.gap.discounted_net_revenue,
        "tornado": [{**asdict(r), "swing": r.swing} for r in analysis.tornado],
        "scenarios": [
            {
                "name": s.name,
                "npv": metric_payload(s.metrics.npv),
                "irr": metric_payload(s.metrics.irr),
                "payback_years": metric_payload(s.metrics.payback_years),
            }
            for s in analysis.scenarios
        ],
    }


def impact_payload(view: ImpactView, project: InvestmentProject) -> dict[str, Any]:
    record = view.record
    return {
        "material_flows": record.material_flows if record else [],
        "factor_overrides": record.factor_overrides if record else {},
        "tonnes_kept_in_use_per_year": view.summary.tonnes_kept_in_use,
        "tonnes_diverted_per_year": view.summary.tonnes_diverted,
        "co2e_avoided_t_per_year": view.summary.co2e_avoided_t,
        "kg_co2e_per_eur": metric_payload(view.summary.kg_co2e_per_eur),
        "mci": metric_payload(view.mci.mci),
        "linear_flow_index": metric_payload(view.mci.linear_flow_index),
        "taxonomy_criteria_met": [c.id for c in view.checklist.met],
        "taxonomy_candidate_contribution": view.checklist.contributes,
        "alignment": project.alignment,
    }


def funding_payload(funding: ProjectFunding, project: InvestmentProject) -> dict[str, Any]:
    rows, stack = funding.rows, funding.stack
    return {
        "budget_eur": float(project.budget_eur) if project.budget_eur is not None else None,
        "missing_reason": funding.missing_reason,
        "stack": [
            {
                "instrument_id": rows[i.instrument.id].pk,
                "programme": i.instrument.programme,
                "instrument_type": i.instrument.instrument_type,
                "amount_eur": i.amount_eur,
                "share_of_budget": i.share_of_budget,
            }
            for i in (stack.items if stack else ())
        ],
        "own_contribution_eur": stack.own_contribution_eur if stack else 0.0,
        "gap_eur": stack.gap_eur if stack else 0.0,
        "matches": [
            {
                "instrument_id": rows[m.instrument.id].pk,
                "key": m.instrument.id,
                "programme": m.instrument.programme,
                "instrument_type": m.instrument.instrument_type,
                "verified": m.instrument.verified,
                "eligible": m.eligible,
                "fit": m.fit.total,
                "components": [asdict(c) for c in m.fit.components],
                "failures": [asdict(f) for f in m.failures],
            }
            for m in funding.matches
        ],
    }


def portfolio_payload(data: Portfolio) -> dict[str, Any]:
    payload = asdict(data)
    payload["conversion"] = [{**asdict(c), "rate": c.rate} for c in data.conversion]
    return payload
