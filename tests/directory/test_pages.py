from __future__ import annotations

from typing import Any

from django.test import Client
from django.utils import timezone

from obieg.accounts.models import User
from obieg.directory.models import Organisation
from tests.factories import AllianceMembershipFactory, OrganisationFactory, PersonFactory


def test_the_directory_searches_without_accents_and_case(client: Client, db: Any) -> None:
    OrganisationFactory(name="Małopolska Agencja Rozwoju", slug="marr", city="Kraków")
    OrganisationFactory(
        name="Vaasa Energy", slug="vaasa", city="Vaasa", country_id="FI", region_id="FI19"
    )

    page = client.get("/en/directory/?q=malopolska+krakow").content.decode()

    assert "Małopolska Agencja Rozwoju" in page
    assert "Vaasa Energy" not in page


def test_facets_count_and_filter(client: Client, db: Any) -> None:
    OrganisationFactory(name="Kraków Heat", slug="krakow-heat")
    OrganisationFactory(name="AGH", slug="agh", kind="university", size_class="")
    alliance_member = OrganisationFactory(
        name="Kemi Circular", slug="kemi", country_id="FI", region_id="FI1D"
    )
    AllianceMembershipFactory(
        organisation=alliance_member, alliance__slug="icei", alliance__name="ICEI Alliance"
    )

    response = client.get("/en/directory/?country=PL")
    facets = response.context["facets"]
    by_kind = {value.value: value.count for value in facets["kind"]}
    by_country = {value.value: value.count for value in facets["country"]}

    assert by_kind == {"company": 1, "university": 1}
    # the country facet ignores its own selection so the user can switch countries
    assert by_country == {"PL": 2, "FI": 1}
    assert response.context["page"].paginator.count == 2
    assert client.get("/en/directory/?alliance=icei").context["page"].paginator.count == 1


def test_an_htmx_search_returns_only_the_results_fragment(client: Client, db: Any) -> None:
    OrganisationFactory(name="Kraków Heat", slug="krakow-heat")

    response = client.get(
        "/en/directory/?q=heat", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="directory-results"
    )

    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert "Kraków Heat" in response.content.decode()


def test_the_organisation_page_hides_contacts_from_visitors(
    organisation: Organisation, member: User, client: Client, member_client: Client
) -> None:
    PersonFactory(
        organisation=organisation,
        full_name="Anna Consenting",
        email="anna@example.org",
        consent_recorded_at=timezone.now(),
    )
    url = f"/en/directory/organisations/{organisation.slug}/"

    as_visitor = client.get(url).content.decode()
    as_member = member_client.get(url).content.decode()

    assert "Anna Consenting" in as_visitor
    assert "anna@example.org" not in as_visitor
    assert "anna@example.org" in as_member


def test_unknown_pages_answer_404_with_a_message(client: Client, db: Any) -> None:
    for path in ("organisations", "alliances", "projects", "events"):
        response = client.get(f"/en/directory/{path}/no-such-thing/")
        assert response.status_code == 404
        assert "no-such-thing" in response.content.decode()


def test_the_member_map_counts_members_by_nuts2_region(client: Client, db: Any) -> None:
    OrganisationFactory(region_id="PL213")
    OrganisationFactory(region_id="PL21")
    OrganisationFactory(region_id="FI19", country_id="FI", membership_status="none")

    response = client.get("/en/directory/map/")

    assert dict(response.context["counts"]) == {"PL21": 2}
    geojson = client.get("/en/directory/regions.geojson")
    assert geojson["Content-Type"] == "application/geo+json"
    assert b'"PL21"' in b"".join(geojson.streaming_content)


def test_pages_render_in_polish(client: Client, db: Any) -> None:
    OrganisationFactory(name="Kraków Heat", slug="krakow-heat")

    page = client.get("/pl/directory/organisations/krakow-heat/")

    assert page.status_code == 200
    assert '<html lang="pl"' in page.content.decode()


def test_region_and_sector_filters_include_what_lies_below(client: Client, db: Any) -> None:
    waste = OrganisationFactory(name="Waste Works", slug="waste", region_id="PL213")
    waste.sectors.set(["38.32"])
    energy = OrganisationFactory(name="Power Co", slug="power", region_id="PL22")
    energy.sectors.set(["35"])

    def names(query: str) -> set[str]:
        page = client.get("/en/directory/" + query).context["page"]
        return {o.name for o in page}

    assert names("?region=PL21") == {"Waste Works"}
    assert names("?region=PL2") == {"Waste Works", "Power Co"}
    assert names("?sector=38") == {"Waste Works"}
    assert names("?sector=E") == {"Waste Works"}  # section E holds division 38
    assert names("?sector=D") == {"Power Co"}
