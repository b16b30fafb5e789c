"""Tonnes, CO2e avoided, Material Circularity Indicator and the Taxonomy checklist."""

from __future__ import annotations

import pytest

from obieg.pipeline.impact import (
    CIRCULAR_ECONOMY_CRITERIA,
    EmissionFactor,
    MaterialFlow,
    MciInputs,
    assess_checklist,
    estimate_impact,
    load_emission_factors,
    material_circularity,
    with_overrides,
)

FACTORS = {
    "plastic": EmissionFactor(
        "plastic",
        "Plastic",
        primary=3000.0,
        secondary=1500.0,
        reused=100.0,
        landfill=10.0,
        recycling=6.0,
    ),
    "wood": EmissionFactor("wood", "Wood", primary=270.0, reused=40.0),
}


def test_it_sums_tonnes_and_co2e_per_year() -> None:
    # given 100 t of recycled plastic used in years 1 and 2, and 50 t diverted in year 1
    flows = [
        MaterialFlow(year=1, material="plastic", tonnes_kept_in_use=100.0, tonnes_diverted=50.0),
        MaterialFlow(year=2, material="plastic", tonnes_kept_in_use=100.0),
        MaterialFlow(year=2, material="wood", tonnes_kept_in_use=10.0, route="reused"),
    ]
    # when
    impact = estimate_impact(flows, invested_eur=1_000_000.0, factors=FACTORS)
    # then: (3000 - 1500) * 100 + (10 - 6) * 50 = 150,200 kg in year 1
    year1, year2 = impact.years
    assert year1.co2e_avoided_t == pytest.approx(150.2)
    assert year2.co2e_avoided_t == pytest.approx(150.0 + 2.3)
    assert impact.tonnes_kept_in_use == 210.0
    assert impact.tonnes_diverted == 50.0
    assert impact.kg_co2e_per_eur.value == pytest.approx(302.5 * 1000 / 1_000_000)


def test_co2e_per_euro_is_undefined_without_investment() -> None:
    impact = estimate_impact([], invested_eur=0.0, factors=FACTORS)
    assert impact.kg_co2e_per_eur.value is None
    assert impact.kg_co2e_per_eur.code == "no_investment"


def test_it_names_a_missing_factor_instead_of_guessing() -> None:
    flows = [MaterialFlow(year=1, material="wood", tonnes_diverted=5.0)]
    with pytest.raises(ValueError, match="'wood' lacks the factors for diverted"):
        estimate_impact(flows, invested_eur=1.0, factors=FACTORS)
    with pytest.raises(ValueError, match="no emission factors for material 'glass'"):
        estimate_impact([MaterialFlow(1, "glass", 1.0)], invested_eur=1.0, factors=FACTORS)


def test_overrides_patch_a_national_landfill_factor() -> None:
    factors = with_overrides(FACTORS, {"wood": {"landfill": 900.0, "recycling": 6.0}})
    impact = estimate_impact(
        [MaterialFlow(1, "wood", tonnes_diverted=1.0)], invested_eur=1.0, factors=factors
    )
    assert impact.co2e_avoided_t == pytest.approx(0.894)
    with pytest.raises(ValueError, match="unknown factor fields"):
        with_overrides(FACTORS, {"wood": {"colour": 1.0}})


def test_the_shipped_table_carries_defra_scrap_metal_and_plastics_values() -> None:
    factors = load_emission_factors()
    scrap = factors["metal_scrap_metal"]
    assert (scrap.primary, scrap.secondary) == (3464.56448, 1620.27606)
    assert factors["plastics_average_plastics"].landfill == 8.88386


def test_mci_of_a_linear_product_is_point_one() -> None:
    # EMF: a fully linear product of average utility scores 0.1
    result = material_circularity(MciInputs(0, 0, 0, 0, lifetime_ratio=1, intensity_ratio=1))
    assert result.linear_flow_index.value == pytest.approx(1.0)
    assert result.mci.value == pytest.approx(0.1)


def test_mci_of_a_fully_reused_product_is_one() -> None:
    result = material_circularity(MciInputs(0, 1, 0, 1, lifetime_ratio=1, intensity_ratio=1))
    assert result.mci.value == pytest.approx(1.0)


def test_mci_worked_example_with_imperfect_recycling() -> None:
    # given F_R = C_R = 0.5, E_F = 0.8, E_C = 1, X = 1
    # W_F = 0.2 * 0.5 / 0.8 = 0.125, W = 0.5 + 0.0625, LFI = 1.0625 / 2.0625
    inputs = MciInputs(
        recycled_feedstock=0.5,
        reused_feedstock=0.0,
        collected_for_recycling=0.5,
        collected_for_reuse=0.0,
        feedstock_recycling_efficiency=0.8,
        collection_recycling_efficiency=1.0,
        lifetime_ratio=1.0,
        intensity_ratio=1.0,
    )
    result = material_circularity(inputs)
    assert result.linear_flow_index.value == pytest.approx(1.0625 / 2.0625)
    assert result.mci.value == pytest.approx(1 - 0.9 * 1.0625 / 2.0625)


def test_mci_doubles_utility_with_double_lifetime() -> None:
    linear = MciInputs(0, 0, 0, 0, lifetime_ratio=2, intensity_ratio=1)
    result = material_circularity(linear)
    assert result.utility.value == 2.0
    assert result.mci.value == pytest.approx(1 - 0.45)


def test_mci_is_floored_at_zero_for_short_lived_products() -> None:
    result = material_circularity(MciInputs(0, 0, 0, 0, lifetime_ratio=0.5, intensity_ratio=1))
    assert result.mci.value == 0.0


def test_mci_is_undefined_and_lists_missing_inputs() -> None:
    result = material_circularity(MciInputs(recycled_feedstock=0.3))
    assert result.mci.value is None
    assert result.mci.reason is not None
    assert "reused feedstock share" in result.mci.reason
    assert "efficiency of the recycling that makes the recycled feedstock" in result.mci.reason


def test_the_taxonomy_checklist_has_the_twelve_points_of_article_13() -> None:
    ids = [c.id for c in CIRCULAR_ECONOMY_CRITERIA]
    assert len(ids) == len(set(ids)) == 12
    assert all(c.text for c in CIRCULAR_ECONOMY_CRITERIA)


def test_checklist_resolves_ticked_ids_and_reports_unknown_ones() -> None:
    result = assess_checklist(["ce_f_secondary_raw_materials", "nope"])
    assert [c.article for c in result.met] == ["13(1)(f)"]
    assert result.unknown_ids == ("nope",)
    assert result.contributes
    assert not assess_checklist([]).contributes
