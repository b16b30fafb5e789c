from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from obieg.accounts.models import User
from obieg.directory.models import Organisation
from tests.conftest import bearer
from tests.factories import AllianceMembershipFactory, OrganisationFactory, PersonFactory

VALID = {
    "name": "Silesia Heat Recovery",
    "kind": "company",
    "size_class": "medium",
    "country": "PL",
    "region": "PL22",
    "city": "Katowice",
    "sectors": ["35"],
    "themes": ["district-heating"],
    "description": {"en": "Recovers waste heat.", "pl": "Odzysk ciepła odpadowego."},
}


def test_a_manager_creates_an_organisation(manager: User, client: Client) -> None:
    response = client.post(
        "/api/v1/directory/organisations", VALID, content_type="application/json", **bearer(manager)
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["slug"] == "silesia-heat-recovery"
    assert body["sectors"] == ["35"]
    assert body["region"] == "PL22"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "spaceship"}, "kind"),
        ({"country": "XX"}, "country"),
        ({"region": "CZ01"}, "region"),
        ({"region": "PL99"}, "region"),
        ({"website": "ftp://example.org"}, "website"),
        ({"sectors": ["99.99"]}, "sectors"),
        ({"kind": "university"}, "size_class"),
        ({"description": {"xx": "?"}}, "description"),
        ({"name": ""}, "name"),
    ],
)
def test_invalid_payloads_get_422_naming_the_field(
    manager: User, client: Client, change: dict[str, Any], field: str
) -> None:
    response = client.post(
        "/api/v1/directory/organisations",
        VALID | change,
        content_type="application/json",
        **bearer(manager),
    )

    assert response.status_code == 422
    body = response.json()
    fields = [e["field"] for e in body.get("errors", [])] + [body.get("field")]
    assert field in fields, body
    assert not Organisation.objects.filter(name=VALID["name"]).exists()


def test_a_visitor_cannot_write(client: Client, db: Any) -> None:
    response = client.post(
        "/api/v1/directory/organisations", VALID, content_type="application/json"
    )

    assert response.status_code == 401
    assert "Authorization" in response.json()["detail"]


def test_a_member_cannot_create_organisations(member: User, client: Client) -> None:
    response = client.post(
        "/api/v1/directory/organisations", VALID, content_type="application/json", **bearer(member)
    )

    assert response.status_code == 403
    assert "managers" in response.json()["detail"]


def test_a_member_edits_their_own_organisation_but_not_another(
    member: User, organisation: Organisation, other_organisation: Organisation, client: Client
) -> None:
    headers = bearer(member)
    own = client.patch(
        f"/api/v1/directory/organisations/{organisation.pk}",
        {"city": "Tarnów"},
        content_type="application/json",
        **headers,
    )
    other = client.patch(
        f"/api/v1/directory/organisations/{other_organisation.pk}",
        {"city": "Tarnów"},
        content_type="application/json",
        **headers,
    )

    assert own.status_code == 200
    assert own.json()["city"] == "Tarnów"
    assert other.status_code == 403
    other_organisation.refresh_from_db()
    assert other_organisation.city == "Vaasa"


def test_unknown_ids_get_404_naming_them(client: Client, db: Any) -> None:
    for path in ("organisations", "alliances", "projects", "events"):
        response = client.get(f"/api/v1/directory/{path}/424242")
        assert response.status_code == 404
        assert "424242" in response.json()["detail"]


def test_contact_data_is_shown_to_members_only_and_only_with_consent(
    organisation: Organisation, member: User, client: Client
) -> None:
    PersonFactory(
        organisation=organisation, full_name="Consenting", consent_recorded_at=timezone.now()
    )
    PersonFactory(organisation=organisation, full_name="Not asked")
    url = f"/api/v1/directory/organisations/{organisation.pk}"

    as_visitor = {p["full_name"]: p for p in client.get(url).json()["people"]}
    as_member = {p["full_name"]: p for p in client.get(url, **bearer(member)).json()["people"]}

    assert as_visitor["Consenting"]["email"] is None
    assert as_member["Consenting"]["email"].endswith("@example.org")
    assert as_member["Not asked"]["email"] is None
    assert as_member["Not asked"]["phone"] is None


def test_the_list_filters_and_paginates_in_constant_queries(
    client: Client, db: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(30):
        OrganisationFactory(
            name=f"Heat {n}",
            kind="company" if n % 2 else "university",
            size_class="small" if n % 2 else "",
        )
    AllianceMembershipFactory(
        organisation=Organisation.objects.get(name="Heat 1"), alliance__slug="icei"
    )

    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/directory/organisations?kind=company&limit=5&offset=5")
    body = response.json()

    assert body["count"] == 15
    assert len(body["items"]) == 5
    assert {item["kind"] for item in body["items"]} == {"company"}
    in_alliance = client.get("/api/v1/directory/organisations?alliance=icei").json()
    assert [item["name"] for item in in_alliance["items"]] == ["Heat 1"]


def test_a_manager_records_an_event_with_participants(
    manager: User, organisation: Organisation, client: Client
) -> None:
    payload = {
        "title": "ICEI Alliance kick-off meeting",
        "kind": "kick_off",
        "starts_on": "2020-05-28",
        "status": "planned",
        "city": "Brussels",
        "country": "BE",
        "participant_ids": [organisation.pk],
        "topics": ["green-finance"],
    }

    response = client.post(
        "/api/v1/directory/events", payload, content_type="application/json", **bearer(manager)
    )

    assert response.status_code == 201, response.content
    assert response.json()["participant_ids"] == [organisation.pk]
    assert response.json()["starts_on"] == dt.date(2020, 5, 28).isoformat()


def test_an_event_ending_before_it_starts_is_refused(manager: User, client: Client) -> None:
    payload = {
        "title": "Backwards",
        "kind": "meeting",
        "starts_on": "2020-05-28",
        "ends_on": "2020-05-01",
    }

    response = client.post(
        "/api/v1/directory/events", payload, content_type="application/json", **bearer(manager)
    )

    assert response.status_code == 422
    assert response.json()["field"] == "ends_on"


def test_a_manager_records_project_funding(manager: User, client: Client) -> None:
    headers = bearer(manager)
    project = client.post(
        "/api/v1/directory/projects",
        {"title": "SYMBI", "acronym": "SYMBI", "programme": "Interreg Europe"},
        content_type="application/json",
        **headers,
    ).json()

    response = client.post(
        f"/api/v1/directory/projects/{project['id']}/funding",
        {"source": "ERDF", "amount": "125000", "currency": "EUR"},
        content_type="application/json",
        **headers,
    )
    negative = client.post(
        f"/api/v1/directory/projects/{project['id']}/funding",
        {"source": "ERDF", "amount": "-1"},
        content_type="application/json",
        **headers,
    )

    assert response.status_code == 201
    assert response.json()["funding"][0]["amount"] == "125000.00"
    assert negative.status_code == 422
    assert negative.json()["errors"][0]["field"] == "amount"


def test_the_openapi_document_describes_the_directory(client: Client, db: Any) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert "/api/v1/directory/organisations" in paths
    assert "/api/v1/directory/events/{event_id}" in paths
