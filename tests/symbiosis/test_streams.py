from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from obieg.accounts.models import User
from obieg.core.errors import ApplicationError
from obieg.directory.models import Organisation
from obieg.symbiosis.models import Stream
from obieg.symbiosis.services import StreamValidationError, stream_update, stream_validate
from tests.conftest import bearer
from tests.symbiosis.factories import need, offer

pytestmark = pytest.mark.django_db

OFFER_JSON: dict[str, Any] = {
    "kind": "offer",
    "category": "waste",
    "title": "Glass cullet",
    "description": {"pl": "Stłuczka szklana z linii sortowania"},
    "original_language": "pl",
    "ewc_code": "19 12 05",
    "quantity": 5,
    "unit": "t",
    "frequency": "week",
    "country": "PL",
    "region": "PL213",
    "lat": 50.05,
    "lon": 19.94,
}


def test_a_member_publishes_an_offer_converted_to_tonnes_a_year(
    member: User, client: Client
) -> None:
    response = client.post(
        "/api/v1/symbiosis/streams", OFFER_JSON, content_type="application/json", **bearer(member)
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["ewc_code"] == "191205"
    assert body["basis"] == "t/year"
    assert body["annual_quantity"] == pytest.approx(5 * 365.25 / 7, rel=1e-6)
    assert body["organisation"]["id"] == member.organisation_id


def test_it_flags_a_hazardous_code(organisation: Organisation) -> None:
    stream = offer(
        organisation, ewc_code="170503", category="waste"
    )  # soil with hazardous substances

    assert stream.hazardous is True


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ewc_code": "999999"}, "ewc_code"),
        ({"quantity": -3}, "quantity"),
        ({"unit": "barrels"}, "unit"),
        ({"lat": None, "lon": None, "region": ""}, "lat"),
        ({"treatments": ["R99"]}, "treatments"),
        ({"region": "CZ01"}, "region"),
    ],
)
def test_it_rejects_a_bad_stream_naming_the_field(
    organisation: Organisation, change: dict[str, Any], field: str
) -> None:
    with pytest.raises(StreamValidationError) as error:
        offer(organisation, **change)

    assert field in [e.field for e in error.value.errors]


def test_a_need_must_state_its_maximum_distance(organisation: Organisation) -> None:
    with pytest.raises(ApplicationError) as error:
        need(organisation, max_distance_km=None)

    assert error.value.field == "max_distance_km"


def test_a_stream_without_coordinates_sits_in_the_middle_of_its_region(
    organisation: Organisation,
) -> None:
    stream = offer(organisation, lat=None, lon=None, region="PL21")

    assert stream.location_precision == "region"
    assert 49 < stream.lat < 51
    assert 19 < stream.lon < 21.5


def test_an_api_error_lists_every_bad_field(member: User, client: Client) -> None:
    payload = {**OFFER_JSON, "ewc_code": "123456", "unit": "t", "treatments": ["X1"]}

    response = client.post(
        "/api/v1/symbiosis/streams", payload, content_type="application/json", **bearer(member)
    )

    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"ewc_code", "treatments"}


def test_an_outsider_cannot_edit_a_stream(
    organisation: Organisation, outsider: User, client: Client
) -> None:
    stream = offer(organisation)

    response = client.patch(
        f"/api/v1/symbiosis/streams/{stream.pk}",
        {"title": "Mine now"},
        content_type="application/json",
        **bearer(outsider),
    )

    assert response.status_code == 403
    assert Stream.objects.get().title == "Fly ash from the CHP plant"


def test_a_member_edits_and_closes_their_stream(
    organisation: Organisation, member: User, client: Client
) -> None:
    stream = offer(organisation)

    response = client.patch(
        f"/api/v1/symbiosis/streams/{stream.pk}",
        {"quantity": 2, "unit": "t", "frequency": "month", "status": "closed"},
        content_type="application/json",
        **bearer(member),
    )

    assert response.status_code == 200, response.json()
    assert response.json()["annual_quantity"] == pytest.approx(24)
    assert response.json()["status"] == "closed"


def test_a_member_cannot_publish_for_another_organisation(
    other_organisation: Organisation, member: User, client: Client
) -> None:
    payload = {**OFFER_JSON, "organisation_id": other_organisation.pk}

    response = client.post(
        "/api/v1/symbiosis/streams", payload, content_type="application/json", **bearer(member)
    )

    assert response.status_code == 403


def test_a_manager_publishes_for_any_organisation(
    other_organisation: Organisation, manager: User, client: Client
) -> None:
    payload = {**OFFER_JSON, "organisation_id": other_organisation.pk}

    response = client.post(
        "/api/v1/symbiosis/streams", payload, content_type="application/json", **bearer(manager)
    )

    assert response.status_code == 201
    assert response.json()["organisation"]["id"] == other_organisation.pk


def test_a_visitor_cannot_publish(client: Client) -> None:
    response = client.post("/api/v1/symbiosis/streams", OFFER_JSON, content_type="application/json")

    assert response.status_code == 401


def test_a_region_located_stream_moves_with_its_region(organisation: Organisation) -> None:
    stream = offer(organisation, lat=None, lon=None, region="PL21")

    stream_update(stream=stream, data={"region": "PL22"})

    assert stream.region_id == "PL22"
    assert stream.lat > 49.9  # Śląskie lies north-west of Małopolska


def test_the_web_form_publishes_a_need(member: User, member_client: Client) -> None:
    form = {
        "kind": "need",
        "category": "by_product",
        "title": "Spent grain for feed",
        "original_language": "en",
        "quantity": "40",
        "unit": "t",
        "frequency": "month",
        "country": "PL",
        "region": "PL213",
        "lat": "50.0",
        "lon": "19.9",
        "accepted_codes": "0207",
        "max_distance_km": "60",
        "visibility": "public",
        "organisation": str(member.organisation_id),
    }

    response = member_client.post("/en/symbiosis/streams/new/", form, follow=True)

    assert response.status_code == 200
    stream = Stream.objects.get()
    assert stream.accepted_codes == ["0207"]
    assert stream.annual_quantity == pytest.approx(480)


def test_the_web_form_shows_the_problem_next_to_the_field(member_client: Client) -> None:
    form = {
        "kind": "offer",
        "category": "waste",
        "title": "Mystery",
        "original_language": "en",
        "quantity": "1",
        "unit": "t",
        "frequency": "year",
        "country": "PL",
        "region": "PL213",
        "ewc_code": "999999",
        "visibility": "public",
    }

    response = member_client.post("/en/symbiosis/streams/new/", form)

    assert response.status_code == 200
    assert 'id="id_ewc_code-error"' in response.content.decode()
    assert not Stream.objects.exists()


@settings(
    max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(
    quantity=st.floats(min_value=0, max_value=1e6),
    unit=st.sampled_from(["t", "kg"]),
    frequency=st.sampled_from(["day", "week", "month", "year", "once"]),
)
def test_converted_quantities_are_never_negative_and_keep_the_tonne_basis(
    db: Any, quantity: float, unit: str, frequency: str
) -> None:
    data = {
        "kind": "offer",
        "category": "by_product",
        "title": "x",
        "quantity": quantity,
        "unit": unit,
        "frequency": frequency,
        "country": "PL",
        "lat": 50.0,
        "lon": 20.0,
    }

    clean, errors = stream_validate(data)

    assert errors == []
    assert clean["basis"] == "t/year"
    assert clean["annual_quantity"] >= 0
