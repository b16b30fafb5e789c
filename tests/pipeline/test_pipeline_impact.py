from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from obieg.accounts.models import User
from obieg.pipeline.impact import load_emission_factors
from tests.conftest import bearer
from tests.pipeline.factories import InvestmentProjectFactory

pytestmark = pytest.mark.django_db


def test_it_reports_co2e_avoided_per_year_and_per_euro(member: User) -> None:
    # given a EUR 2 million project that keeps 1000 t of glass in use a year
    project = InvestmentProjectFactory(promoter=member.organisation)
    glass = load_emission_factors()["glass"]
    assert glass.primary is not None
    assert glass.secondary is not None

    # when the impact is stored
    body = (
        Client()
        .put(
            f"/api/v1/pipeline/projects/{project.pk}/impact",
            data={
                "material_flows": [{"material": "glass", "tonnes_kept_in_use": 1000}],
                "taxonomy_criteria": ["ce_f_secondary_raw_materials"],
            },
            content_type="application/json",
            **bearer(member),
        )
        .json()
    )

    # then CO2e follows the shipped factors, per year and per euro
    expected_t = 1000 * (glass.primary - glass.secondary) / 1000
    assert body["co2e_avoided_t_per_year"] == pytest.approx(expected_t)
    assert body["kg_co2e_per_eur"]["value"] == pytest.approx(expected_t * 1000 / 2_000_000)
    assert body["taxonomy_criteria_met"] == ["ce_f_secondary_raw_materials"]
    assert body["taxonomy_candidate_contribution"] is True


def test_an_overridden_factor_changes_the_result(member: User) -> None:
    project = InvestmentProjectFactory(promoter=member.organisation)
    url = f"/api/v1/pipeline/projects/{project.pk}/impact"
    flows = [{"material": "glass", "tonnes_diverted": 100}]

    body = (
        Client()
        .put(
            url,
            data={
                "material_flows": flows,
                "factor_overrides": {"glass": {"landfill": 101.0, "recycling": 1.0}},
            },
            content_type="application/json",
            **bearer(member),
        )
        .json()
    )

    assert body["co2e_avoided_t_per_year"] == pytest.approx(100 * 100 / 1000)


def test_mci_is_undefined_with_the_missing_inputs_named(member: User) -> None:
    project = InvestmentProjectFactory(promoter=member.organisation)

    body = (
        Client()
        .put(
            f"/api/v1/pipeline/projects/{project.pk}/impact",
            data={"mci_inputs": {"recycled_feedstock": 0.5}},
            content_type="application/json",
            **bearer(member),
        )
        .json()
    )

    assert body["mci"]["value"] is None
    assert body["mci"]["code"] == "missing_inputs"
    assert "lifetime" in body["mci"]["reason"]


def test_mci_is_computed_where_its_inputs_are_given(member: User) -> None:
    project = InvestmentProjectFactory(promoter=member.organisation)
    inputs = {
        "recycled_feedstock": 0.5,
        "reused_feedstock": 0,
        "collected_for_recycling": 0.5,
        "collected_for_reuse": 0,
        "feedstock_recycling_efficiency": 0.8,
        "collection_recycling_efficiency": 1,
        "lifetime_ratio": 1,
        "intensity_ratio": 1,
    }

    body = (
        Client()
        .put(
            f"/api/v1/pipeline/projects/{project.pk}/impact",
            data={"mci_inputs": inputs},
            content_type="application/json",
            **bearer(member),
        )
        .json()
    )

    assert body["mci"]["value"] == pytest.approx(1 - (1.0625 / 2.0625) * 0.9)


def test_an_unknown_material_is_rejected(member: User) -> None:
    project = InvestmentProjectFactory(promoter=member.organisation)

    response = Client().put(
        f"/api/v1/pipeline/projects/{project.pk}/impact",
        data={"material_flows": [{"material": "unobtainium", "tonnes_diverted": 1}]},
        content_type="application/json",
        **bearer(member),
    )

    assert response.status_code == 422
    assert "unobtainium" in response.json()["detail"]


def test_the_impact_form_saves_a_material_flow(member_client: Client, member: User) -> None:
    project = InvestmentProjectFactory(promoter=member.organisation)

    response = member_client.post(
        reverse("pipeline:impact_edit", args=[project.slug]),
        {
            "material": "glass",
            "tonnes_kept_in_use": "500",
            "tonnes_diverted": "",
            "route": "recycled",
            "taxonomy_criteria": ["ce_h_reuse_and_recycling"],
        },
    )
    page = member_client.get(reverse("pipeline:project_detail", args=[project.slug]))

    assert response.status_code == 302
    assert "500.0 t/year" in page.content.decode()


def test_the_impact_form_takes_factor_overrides(member_client: Client, member: User) -> None:
    project = InvestmentProjectFactory(promoter=member.organisation)

    member_client.post(
        reverse("pipeline:impact_edit", args=[project.slug]),
        {
            "material": "glass",
            "tonnes_kept_in_use": "",
            "tonnes_diverted": "100",
            "route": "recycled",
            "factor_overrides": '{"glass": {"landfill": 51, "recycling": 1}}',
        },
    )
    body = Client().get(f"/api/v1/pipeline/projects/{project.pk}/impact", **bearer(member)).json()

    assert body["factor_overrides"] == {"glass": {"landfill": 51.0, "recycling": 1.0}}
    assert body["co2e_avoided_t_per_year"] == pytest.approx(100 * 50 / 1000)
