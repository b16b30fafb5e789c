from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from obieg.accounts.models import User
from obieg.directory.models import Organisation
from obieg.symbiosis.models import Match, MatchingRun
from obieg.symbiosis.services import match_savings, savings_factors_set
from obieg.symbiosis.services.savings import default_factors
from tests.conftest import bearer
from tests.symbiosis.factories import need, offer

pytestmark = pytest.mark.django_db
Runner = Callable[..., MatchingRun]


def test_a_country_override_changes_the_money_saved(
    organisation: Organisation, other_organisation: Organisation, run_matching: Runner
) -> None:
    offer(organisation)
    need(other_organisation)
    run_matching()
    default_money = Match.objects.get().money_saved_eur

    savings_factors_set(
        country="PL", landfill_eur_t=160, transport_eur_tkm=0.12, treatment_eur_t=20
    )
    run_matching()

    # 60 EUR more avoided per tonne on the 600 t of the plan
    assert Match.objects.get().money_saved_eur == pytest.approx(default_money + 600 * 60)
    assert Match.objects.get().savings_detail["factors"] == "PL"


def test_heat_savings_use_the_heat_factor(db: object) -> None:
    savings = match_savings(
        basis="MWh/year", ewc_code="", quantity=1000, distance_km=3, factors=default_factors()
    )

    assert savings.tonnes_diverted == 0
    assert savings.co2e_avoided_kg == pytest.approx(183_000)


def test_a_longer_haul_saves_less_carbon(db: object) -> None:
    near = match_savings(
        basis="t/year", ewc_code="100102", quantity=100, distance_km=10, factors=default_factors()
    )
    far = match_savings(
        basis="t/year", ewc_code="100102", quantity=100, distance_km=300, factors=default_factors()
    )

    assert near.co2e_avoided_kg > far.co2e_avoided_kg
    assert near.money_saved_eur > far.money_saved_eur


def test_only_managers_set_factors(member: User, manager: User, client: Client) -> None:
    body = {"landfill_eur_t": 120, "source_note": "Gate fee survey 2026"}

    refused = client.put(
        "/api/v1/symbiosis/factors/CZ", body, content_type="application/json", **bearer(member)
    )
    accepted = client.put(
        "/api/v1/symbiosis/factors/CZ", body, content_type="application/json", **bearer(manager)
    )

    assert refused.status_code == 403
    assert accepted.status_code == 200
    assert client.get("/api/v1/symbiosis/factors").json()[0]["landfill_eur_t"] == 120
