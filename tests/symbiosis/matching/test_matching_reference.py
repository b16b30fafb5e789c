from __future__ import annotations

import pytest

from obieg.symbiosis.matching.reference import (
    UnknownCodeError,
    is_hazardous,
    is_known_prefix,
    material_class,
    material_factors,
    nace_division,
    nace_divisions,
    receiver_rules,
    transport_factors,
    treatment_code,
    waste_code,
    waste_codes,
)


def test_it_ships_the_full_list_of_waste_with_polish_national_codes() -> None:
    codes = waste_codes()
    eu = [c for c in codes.values() if c.in_eu_list]
    assert len(eu) == 842
    assert sum(c.hazardous for c in eu) == 408
    assert "020480" in codes
    assert not codes["020480"].in_eu_list


@pytest.mark.parametrize("written", ["170605", "17 06 05*", "17.06.05", " 17 06 05 "])
def test_it_reads_a_code_in_any_common_form(written: str) -> None:
    found = waste_code(written)
    assert found.code == "170605"
    assert found.spaced == "17 06 05*"
    assert found.en
    assert found.pl


def test_it_flags_hazardous_and_mirror_entries() -> None:
    assert is_hazardous("170106")
    assert not is_hazardous("170107")
    assert waste_code("170106").mirror
    assert not waste_code("150102").mirror


def test_it_rejects_an_unknown_code() -> None:
    with pytest.raises(UnknownCodeError):
        waste_code("999999")


def test_it_knows_chapters_and_subchapters_as_prefixes() -> None:
    assert is_known_prefix("17")
    assert is_known_prefix("1701")
    assert not is_known_prefix("1799")


def test_it_looks_up_treatment_operations_and_nace_divisions() -> None:
    assert treatment_code("r 5").kind == "recovery"
    assert treatment_code("D10").pl
    assert len(nace_divisions()) == 88
    assert nace_division("23.51").en.startswith("Manufacture of other non-metallic")


def test_it_maps_codes_to_material_classes_by_longest_prefix() -> None:
    assert material_class("170101") == "concrete"
    assert material_class("170508") == "aggregates"
    assert material_class("170504") == "soils"
    assert material_class("060101") is None


def test_every_material_class_used_has_defra_factors() -> None:
    factors = material_factors()
    used = {material_class(code) for code in waste_codes()} - {None}
    assert used <= set(factors)
    assert transport_factors()["hgv_average"].kgco2e_tkm == pytest.approx(0.09752)


def test_the_knowledge_table_names_real_prefixes_and_divisions() -> None:
    divisions = nace_divisions()
    for rule in receiver_rules():
        assert is_known_prefix(rule.prefix), rule
        assert rule.nace in divisions, rule
        assert 0 < rule.weight <= 1
