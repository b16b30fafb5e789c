from __future__ import annotations

import pytest

from obieg.symbiosis.matching.savings import (
    FlowInput,
    ImpactFactors,
    co2e_avoided_per_tonne,
    cost_per_tonne,
    estimate_savings,
    tonne_impact,
)


def test_it_credits_avoided_primary_production_and_disposal_for_scrap_metal() -> None:
    impact = tonne_impact("191202", ImpactFactors.default())
    assert impact.material_class == "metal_scrap"
    assert impact.avoided_primary_kg == pytest.approx(3464.56448 - 1620.27606)
    assert impact.avoided_disposal_kg == pytest.approx(8.88386 - 6.41061)


def test_it_subtracts_transport_emissions_per_tonne_km() -> None:
    factors = ImpactFactors.default()
    at_zero = co2e_avoided_per_tonne("191202", 0.0, factors)
    at_100 = co2e_avoided_per_tonne("191202", 100.0, factors)
    assert at_zero - at_100 == pytest.approx(100 * (0.09752 + 0.02359))


def test_it_gives_no_credit_to_wastes_without_a_material_class() -> None:
    impact = tonne_impact("060101", ImpactFactors.default())
    assert (impact.avoided_primary_kg, impact.avoided_disposal_kg) == (0.0, 0.0)


def test_it_totals_tonnes_co2e_and_money() -> None:
    flows = [
        FlowInput("o1", "n1", "200108", 10.0, 50.0),
        FlowInput("o2", "n2", "191202", 5.0, 20.0),
    ]
    factors = ImpactFactors.default()
    report = estimate_savings(flows, factors)
    assert report.tonnes_diverted_from_landfill == 15.0
    food = 10 * (700.20961 - 8.88386) - 10 * 50 * factors.transport_kgco2e_tkm
    metal = (
        5 * (3464.56448 - 1620.27606 + 8.88386 - 6.41061) - 5 * 20 * factors.transport_kgco2e_tkm
    )
    assert report.co2e_avoided_t == pytest.approx((food + metal) / 1000)
    assert report.money_saved == pytest.approx(
        -(10 * cost_per_tonne(50, factors) + 5 * cost_per_tonne(20, factors))
    )
    assert report.transport_t == pytest.approx(600 * factors.transport_kgco2e_tkm / 1000)


def test_it_accepts_country_overrides() -> None:
    polish = ImpactFactors.default().with_overrides(
        country="PL", currency="PLN", landfill_eur_t=400.0
    )
    report = estimate_savings([FlowInput("o", "n", "170101", 1.0, 0.0)], polish)
    assert (report.country, report.currency) == ("PL", "PLN")
    assert report.money_saved == pytest.approx(400.0 - polish.treatment_eur_t)
