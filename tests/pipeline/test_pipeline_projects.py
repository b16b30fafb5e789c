from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from obieg.accounts.models import User
from obieg.core.errors import ApplicationError, PermissionDeniedError
from obieg.directory.models import Organisation
from obieg.pipeline import selectors, services
from obieg.pipeline.models import InvestmentProject, StageChange
from tests.conftest import bearer
from tests.pipeline.factories import InvestmentProjectFactory

pytestmark = pytest.mark.django_db


def _create(user: User, promoter: Organisation, **extra: Any) -> InvestmentProject:
    data: dict[str, Any] = {
        "title": {"en": "Tyre pyrolysis to carbon black"},
        "country": "PL",
        "region": "PL213",
        "budget": Decimal("1500000"),
        "summary": {"en": "Turns end-of-life tyres into recovered carbon black."},
    }
    return services.project_create(user=user, promoter=promoter, **{**data, **extra})


def test_it_creates_a_project_and_records_its_first_stage(member: User) -> None:
    # when a member proposes a project of their organisation
    project = _create(member, member.organisation)

    # then it starts at the idea stage with one history entry naming the member
    assert project.stage == "idea"
    change = StageChange.objects.get(project=project)
    assert (change.to_stage, change.changed_by, change.left_at) == ("idea", member, None)
    assert project.slug == "tyre-pyrolysis-to-carbon-black"


def test_a_member_cannot_propose_a_project_for_another_organisation(
    member: User, other_organisation: Organisation
) -> None:
    with pytest.raises(PermissionDeniedError):
        _create(member, other_organisation)


def test_it_rejects_a_region_outside_the_country(member: User) -> None:
    with pytest.raises(ApplicationError) as error:
        _create(member, member.organisation, country="CZ", region="PL213")
    assert error.value.field == "region"


def test_it_converts_the_budget_at_the_latest_stored_rate(member: User) -> None:
    # given two PLN rates
    services.exchange_rate_set(
        currency="PLN", valid_on=dt.date(2025, 1, 2), units_per_eur=Decimal("4.00")
    )
    services.exchange_rate_set(
        currency="PLN", valid_on=dt.date(2026, 1, 2), units_per_eur=Decimal("4.25")
    )

    # when a project is budgeted in PLN
    project = _create(member, member.organisation, budget=Decimal("4250000"), currency="PLN")

    # then its euro value uses the latest rate, and an older date uses the older rate
    assert project.budget_eur == Decimal("1000000.00")
    assert services.to_eur(Decimal("400"), "PLN", on=dt.date(2025, 6, 1)) == Decimal("100.00")


def test_a_budget_without_a_rate_has_no_euro_value_and_matching_says_why(member: User) -> None:
    project = _create(member, member.organisation, budget=Decimal("1000"), currency="HUF")

    funding = selectors.project_funding_view(project=project)

    assert project.budget_eur is None
    assert "no exchange rate for HUF" in funding.missing_reason


def test_moving_a_project_records_who_when_and_why(member: User, adviser: User) -> None:
    # given a project its adviser works on
    project = _create(member, member.organisation)
    project.advisers.add(adviser)

    # when the adviser moves it twice
    services.project_move(project=project, user=adviser, to_stage="screening", reason="Fits")
    services.project_move(project=project, user=adviser, to_stage="structuring", reason="Go")

    # then the history has three entries, each earlier one closed when the next began
    history = list(StageChange.objects.filter(project=project).order_by("entered_at", "pk"))
    assert [h.to_stage for h in history] == ["idea", "screening", "structuring"]
    assert [h.reason for h in history[1:]] == ["Fits", "Go"]
    assert history[1].changed_by == adviser
    assert history[0].left_at == history[1].entered_at
    assert history[0].seconds_in_stage is not None
    assert history[2].left_at is None
    assert project.furthest_stage == 2  # idea 0, screening 1, structuring 2


def test_only_the_promoter_publishes_its_teaser(member: User, adviser: User) -> None:
    project = _create(member, member.organisation, stage="investment_ready")
    project.advisers.add(adviser)

    with pytest.raises(PermissionDeniedError):
        services.project_teaser_publish(project=project, user=adviser, published=True)
    services.project_teaser_publish(project=project, user=member, published=True)

    project.refresh_from_db()
    assert project.is_public


def test_a_published_teaser_stays_hidden_until_the_project_is_investment_ready(
    organisation: Organisation, outsider: User
) -> None:
    project = InvestmentProjectFactory(
        promoter=organisation, stage="screening", teaser_published=True
    )

    assert selectors.project_access(user=outsider, project=project) is selectors.Access.NONE
    project.stage = "investment_ready"
    assert selectors.project_access(user=outsider, project=project) is selectors.Access.TEASER


def test_search_matches_titles_and_summaries_but_never_confidential_details(
    organisation: Organisation, manager: User
) -> None:
    InvestmentProjectFactory(
        promoter=organisation,
        title={"en": "Kraków textile loop"},
        details={"en": "negotiating with Zalando"},
    )

    by_title = selectors.project_list_for_user(
        user=manager, filters=selectors.ProjectFilters(q="krakow")
    )
    by_details = selectors.project_list_for_user(
        user=manager, filters=selectors.ProjectFilters(q="zalando")
    )

    assert by_title.count() == 1
    assert by_details.count() == 0


def test_a_member_creates_a_project_through_the_form(member_client: Client) -> None:
    # when the member fills the new-project form
    response = member_client.post(
        reverse("pipeline:project_create"),
        {
            "title": "Reuse hub for office furniture",
            "summary": "Refurbishes desks.",
            "details": "",
            "original_language": "en",
            "country": "PL",
            "region": "PL213",
            "sector": "",
            "r_strategy": "R5",
            "eib_category": "circular_use",
            "trl": "9",
            "budget": "250000",
            "currency": "EUR",
            "own_share": "0.2",
            "needed_cofinancing_rate": "0",
        },
    )

    # then the project exists and its page opens
    project = InvestmentProject.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("pipeline:project_detail", args=[project.slug])
    assert member_client.get(response["Location"]).status_code == 200
    assert project.r_strategy == "R5"
    assert project.own_share == Decimal("0.200")


def test_the_api_creates_and_changes_a_project(member: User) -> None:
    client = Client()
    headers = bearer(member)

    created = client.post(
        "/api/v1/pipeline/projects",
        data={
            "title": {"en": "Battery black mass recovery"},
            "country": "PL",
            "budget": "3000000",
            "trl": 7,
            "r_strategy": "R8",
        },
        content_type="application/json",
        **headers,
    )
    project_id = created.json()["id"]
    changed = client.patch(
        f"/api/v1/pipeline/projects/{project_id}",
        data={"trl": 8},
        content_type="application/json",
        **headers,
    )
    moved = client.post(
        f"/api/v1/pipeline/projects/{project_id}/stage",
        data={"stage": "screening", "reason": "complete file"},
        content_type="application/json",
        **headers,
    )

    assert created.status_code == 201
    assert created.json()["full_access"] is True
    assert changed.json()["trl"] == 8
    assert [h["to_stage"] for h in moved.json()["history"]] == ["idea", "screening"]
    assert moved.json()["history"][1]["changed_by"] == "member"


def test_the_api_project_list_needs_a_fixed_number_of_queries(
    organisation: Organisation, manager: User, django_assert_max_num_queries: Any
) -> None:
    InvestmentProjectFactory.create_batch(20, promoter=organisation)
    headers = bearer(manager)

    with django_assert_max_num_queries(6):
        response = Client().get("/api/v1/pipeline/projects?limit=50", **headers)

    assert response.json()["count"] == 20


def test_the_api_answers_422_naming_a_bad_field(member: User) -> None:
    response = Client().post(
        "/api/v1/pipeline/projects",
        data={
            "title": {"en": "X"},
            "country": "PL",
            "budget": "-1",
        },
        content_type="application/json",
        **bearer(member),
    )

    assert response.status_code == 422
    assert "budget" in response.json()["detail"]


def test_it_filters_by_region_and_sector_prefixes(
    organisation: Organisation, manager: User
) -> None:
    InvestmentProjectFactory(promoter=organisation, region_id="PL213", sector_id="38.32")
    InvestmentProjectFactory(promoter=organisation, region_id="PL225", sector_id="35.21")

    def count(**filters: str) -> int:
        chosen = selectors.ProjectFilters(**filters)
        return selectors.project_list_for_user(user=manager, filters=chosen).count()

    assert count(region="PL21") == 1
    assert count(region="PL2") == 2
    assert count(sector="38") == 1
    assert count(country="CZ") == 0


def test_a_confidential_document_is_served_only_to_those_who_see_the_project(
    member: User, member_client: Client, outsider: User, settings: Any, tmp_path: Any
) -> None:
    # given a document the member attached
    settings.MEDIA_ROOT = tmp_path
    project = InvestmentProjectFactory(promoter=member.organisation)
    upload = SimpleUploadedFile("business-plan.txt", b"the plan")
    member_client.post(
        reverse("pipeline:document_add", args=[project.slug]),
        {"title": "Business plan", "url": "", "file": upload},
    )
    document = project.documents.get()
    url = reverse("pipeline:document_download", args=[project.slug, document.pk])
    outsider_client = Client()
    outsider_client.force_login(outsider)

    # when the member and an outsider download it
    mine = member_client.get(url)
    theirs = outsider_client.get(url)

    # then only the member gets it, and its stored path cannot be guessed
    assert b"".join(mine.streaming_content) == b"the plan"
    assert theirs.status_code == 404
    assert len(document.file.name.split("/")[1]) >= 16


def test_partners_and_stack_status_through_the_api(
    member: User, other_organisation: Organisation
) -> None:
    project = InvestmentProjectFactory(promoter=member.organisation)
    client, headers = Client(), bearer(member)

    partners = client.put(
        f"/api/v1/pipeline/projects/{project.pk}/partners/{other_organisation.pk}",
        data={"role": "offtaker"},
        content_type="application/json",
        **headers,
    ).json()
    services.project_funding_refresh(project=project)
    item = project.stack_items.first()
    assert item is not None  # the seeded instruments fund this project
    secured = client.patch(
        f"/api/v1/pipeline/projects/{project.pk}/stack/{item.instrument_id}",
        data={"status": "secured"},
        content_type="application/json",
        **headers,
    ).json()

    assert partners == [
        {"organisation_id": other_organisation.pk, "name": "Vaasa Energy Oy", "role": "offtaker"}
    ]
    assert secured["status"] == "secured"


def test_the_edit_page_adds_a_translation_and_keeps_the_original(
    member_client: Client, member: User
) -> None:
    # given an English project
    project = InvestmentProjectFactory(
        promoter=member.organisation, title={"en": "Glass loop"}, summary={"en": "Recovers cullet."}
    )
    url = reverse("pipeline:project_edit", args=[project.slug]) + "?lang=pl"
    form = {
        "title": "Pętla szklana",
        "summary": "Odzysk stłuczki.",
        "details": "",
        "original_language": "en",
        "country": "PL",
        "region": "PL213",
        "sector": "38.32",
        "r_strategy": "R8",
        "eib_category": "",
        "trl": "7",
        "budget": "2000000",
        "currency": "EUR",
        "own_share": "0",
        "needed_cofinancing_rate": "0",
    }

    # when the member saves the Polish texts
    shown = member_client.get(url).content.decode()
    response = member_client.post(url, form)

    # then both languages are kept, English stays the original, and search finds either
    project.refresh_from_db()
    assert 'value="Glass loop"' not in shown  # the Polish form starts empty
    assert response.status_code == 302
    assert project.title == {"en": "Glass loop", "pl": "Pętla szklana"}
    assert project.summary == {"en": "Recovers cullet.", "pl": "Odzysk stłuczki."}
    assert project.original_language == "en"
    assert "petla szklana" in project.search_text


def test_a_new_rate_reprices_the_budgets_in_its_currency(member: User) -> None:
    # given a CZK project without a rate
    project = _create(member, member.organisation, budget=Decimal("2500000"), currency="CZK")
    assert project.budget_eur is None

    # when a manager stores a CZK rate
    services.exchange_rate_set(
        currency="CZK", valid_on=dt.date(2026, 1, 2), units_per_eur=Decimal("25")
    )

    # then the project's budget has its euro value
    project.refresh_from_db()
    assert project.budget_eur == Decimal("100000.00")
