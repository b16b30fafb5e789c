"""A member of another organisation never sees a confidential project: every page, every API
endpoint, every export, chart and search. The URL lists are checked against the URLconf and
the OpenAPI document, so a new endpoint without a visibility test fails here."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from obieg.accounts.models import User
from obieg.api import api
from obieg.pipeline import urls as pipeline_urls
from obieg.pipeline.models import FundingInstrument, InvestmentProject, ProjectTask
from obieg.strategies.models import Strategy
from tests.conftest import bearer
from tests.pipeline.conftest import SECRET
from tests.pipeline.factories import make_strategy

# A word of the secret: pages echo the query, so the full marker must never come back.
SEARCH = SECRET.split("-")[0]

PAGE_NAMES = {
    "project_list": {},
    "project_export_csv": {},
    "project_create": {},
    "board": {},
    "dashboard": {},
    "policy_report": {},
    "policy_report_pdf": {},
    "policy_report_csv": {},
    "instrument_list": {},
    "instrument_detail": {"instrument_id": None},
    "project_detail": {"slug": None},
    "project_edit": {"slug": None},
    "case_edit": {"slug": None},
    "case_import": {"slug": None},
    "project_funding": {"slug": None},
    "funding_refresh": {"slug": None},
    "impact_edit": {"slug": None},
    "project_move": {"slug": None},
    "note_add": {"slug": None},
    "task_add": {"slug": None},
    "task_toggle": {"slug": None, "task_id": None},
    "barrier_add": {"slug": None},
    "teaser_publish": {"slug": None},
    "adviser_set": {"slug": None},
    "teaser": {"slug": None},
    "strategy_projects": {"strategy_slug": None},
    "partner_set": {"slug": None},
    "document_add": {"slug": None},
    "document_download": {"slug": None, "document_id": None},
}
# Pages that name a project: an outsider must get 404 (not even 403), GET or POST.
PROJECT_PAGES = {name for name, kwargs in PAGE_NAMES.items() if "slug" in kwargs}


def _page_url(name: str, project: InvestmentProject, task: ProjectTask, instrument: Any) -> str:
    values = {
        "slug": project.slug,
        "task_id": task.pk,
        "instrument_id": instrument.pk,
        "strategy_slug": "malopolska",
        "document_id": project.documents.get().pk,
    }
    kwargs = {key: values[key] for key in PAGE_NAMES[name]}
    return reverse(f"pipeline:{name}", kwargs=kwargs)


def _api_operations() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return sorted(
        (method, path)
        for path, operations in schema["paths"].items()
        if path.startswith("/api/v1/pipeline/")
        for method in operations
    )


API_OPERATIONS = _api_operations()


def _api_url(path: str, project: InvestmentProject, task: ProjectTask, user: User) -> str:
    instrument = FundingInstrument.objects.order_by("pk").first()
    values = {
        "project_id": project.pk,
        "task_id": task.pk,
        "user_id": user.pk,
        "instrument_id": instrument.pk if instrument else 0,
        "strategy_id": Strategy.objects.get(slug="malopolska").pk,
        "organisation_id": user.organisation_id,
    }
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), path)


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def scene(confidential_project: InvestmentProject, outsider: User) -> dict[str, Any]:
    task = ProjectTask.objects.create(project=confidential_project, title=f"{SECRET} task")
    confidential_project.notes.create(text=f"{SECRET} note")
    confidential_project.barriers.create(code="state_aid_limit", message=f"{SECRET} barrier")
    # Its alignment serves a published strategy of its region: the strategy pages must not
    # betray it either.
    InvestmentProject.objects.filter(pk=confidential_project.pk).update(
        alignment={"goals": [{"goal": 12}]}
    )
    make_strategy("malopolska", "PL21", {12: "strong"})
    confidential_project.documents.create(
        title=f"{SECRET} plan", file=SimpleUploadedFile("plan.txt", SECRET.encode())
    )
    return {
        "project": confidential_project,
        "task": task,
        "instrument": FundingInstrument.objects.order_by("pk").first(),
    }


def test_every_pipeline_page_is_covered() -> None:
    names = {p.name for p in pipeline_urls.urlpatterns}
    assert names == set(PAGE_NAMES)


@pytest.mark.parametrize("name", sorted(PAGE_NAMES))
def test_an_outsider_never_sees_a_confidential_project_on_a_page(
    name: str, scene: dict[str, Any], outsider: User
) -> None:
    # given an outsider signed in
    client = Client()
    client.force_login(outsider)
    url = _page_url(name, scene["project"], scene["task"], scene["instrument"])

    # when they GET and POST every page, also with a search for the secret
    responses = [client.get(url), client.get(url, {"q": SEARCH}), client.post(url, {})]

    # then the secret appears nowhere and pages about the project do not exist for them
    for response in responses:
        assert SECRET.encode() not in response.content
    if name in PROJECT_PAGES:
        assert responses[0].status_code in (302, 404, 405)
        assert responses[2].status_code in (302, 404, 405)


@pytest.mark.parametrize("name", sorted(PAGE_NAMES))
def test_a_visitor_never_sees_a_confidential_project_on_a_page(
    name: str, scene: dict[str, Any]
) -> None:
    url = _page_url(name, scene["project"], scene["task"], scene["instrument"])
    for response in (Client().get(url), Client().get(url, {"q": SEARCH})):
        assert SECRET.encode() not in response.content
        assert response.status_code in (200, 302, 404, 405)


@pytest.mark.parametrize(("method", "path"), API_OPERATIONS)
def test_an_outsider_never_sees_a_confidential_project_through_the_api(
    method: str, path: str, scene: dict[str, Any], outsider: User
) -> None:
    # given an outsider with an API token
    client = Client()
    url = _api_url(path, scene["project"], scene["task"], outsider)
    headers = bearer(outsider)

    # when they call the endpoint (writes with an empty body), also searching for the secret
    if method == "get":
        responses = [client.get(url, **headers), client.get(url, {"q": SEARCH}, **headers)]
    else:
        call = getattr(client, method)
        responses = [call(url, data="{}", content_type="application/json", **headers)]

    # then nothing of the project comes back, and endpoints about it answer 404 or refuse
    for response in responses:
        assert SECRET.encode() not in response.content
        if "{project_id}" in path:
            assert response.status_code in (403, 404, 422)
    scene["project"].refresh_from_db()
    assert scene["project"].title["en"] == f"{SECRET} title"


def test_the_project_list_and_exports_show_only_public_teasers_to_an_outsider(
    scene: dict[str, Any], public_project: InvestmentProject, outsider: User
) -> None:
    client = Client()
    client.force_login(outsider)

    listing = client.get(reverse("pipeline:project_list")).content.decode()
    export = client.get(reverse("pipeline:project_export_csv")).content.decode()
    api_list = client.get("/api/v1/pipeline/projects", **bearer(outsider)).json()

    assert "Public glass loop" in listing
    assert "Public glass loop" in export
    assert SECRET not in listing
    assert SECRET not in export
    assert [p["slug"] for p in api_list["items"]] == ["public-project"]
    assert api_list["items"][0]["full_access"] is False


def test_a_public_teaser_never_shows_its_confidential_details(
    public_project: InvestmentProject, outsider: User
) -> None:
    client = Client()
    client.force_login(outsider)

    page = client.get(reverse("pipeline:project_detail", args=[public_project.slug]))
    teaser = client.get(reverse("pipeline:teaser", args=[public_project.slug]))
    detail = client.get(f"/api/v1/pipeline/projects/{public_project.pk}", **bearer(outsider))
    case = client.get(f"/api/v1/pipeline/projects/{public_project.pk}/case", **bearer(outsider))

    assert page.status_code == teaser.status_code == detail.status_code == 200
    for body in (page.content, teaser.content, detail.content):
        assert b"own confidential details" not in body
    assert detail.json()["details"] is None
    assert detail.json()["budget_eur"] is None
    assert case.status_code == 404


def test_dashboard_and_report_figures_count_only_what_the_reader_may_see(
    scene: dict[str, Any], public_project: InvestmentProject, outsider: User, manager: User
) -> None:
    client = Client()

    as_outsider = client.get("/api/v1/pipeline/portfolio", **bearer(outsider)).json()
    as_manager = client.get("/api/v1/pipeline/portfolio", **bearer(manager)).json()
    report = client.get("/api/v1/pipeline/reports/policy", **bearer(outsider)).json()

    assert as_outsider["projects"] == 1
    assert as_manager["projects"] == 2
    assert all(row["code"] != "state_aid_limit" for row in report["barriers"])


@pytest.mark.parametrize("persona", ["member", "adviser", "manager"])
def test_the_promoter_its_adviser_and_managers_see_the_confidential_details(
    persona: str, scene: dict[str, Any], request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(persona)
    client = Client()
    client.force_login(user)

    page = client.get(reverse("pipeline:project_detail", args=[scene["project"].slug]))
    api_detail = client.get(f"/api/v1/pipeline/projects/{scene['project'].pk}")

    assert f"{SECRET} details".encode() in page.content
    assert api_detail.json()["details"] == {"en": f"{SECRET} details"}


def test_confidential_facts_of_public_teasers_stay_out_of_figures_for_others(
    public_project: InvestmentProject, outsider: User
) -> None:
    # given a public teaser with a barrier, a proposed stack item and a stage history
    public_project.barriers.create(code="state_aid_limit", message="de minimis")
    instrument = FundingInstrument.objects.order_by("pk").first()
    assert instrument is not None
    public_project.stack_items.create(instrument=instrument, amount_eur=1000)

    # when an outsider and a visitor read the dashboard and the policy report
    for headers in (bearer(outsider), {}):
        figures = Client().get("/api/v1/pipeline/portfolio", **headers).json()
        report = Client().get("/api/v1/pipeline/reports/policy", **headers).json()

        # then the teaser counts as a project, but its history, stack and barriers do not
        assert figures["projects"] == 1
        assert figures["by_instrument"] == []
        assert figures["time_in_stage"] == []
        assert all(c["reached_from"] == 0 for c in figures["conversion"])
        assert report["projects"] == 0
        assert report["barriers"] == []


def test_who_advises_a_public_teaser_cannot_be_found_by_filtering(
    public_project: InvestmentProject, adviser: User, outsider: User
) -> None:
    public_project.advisers.add(adviser)

    as_visitor = Client().get("/api/v1/pipeline/projects", {"adviser": "adviser"}).json()
    as_outsider = (
        Client().get("/api/v1/pipeline/projects", {"adviser": "adviser"}, **bearer(outsider)).json()
    )
    as_adviser = (
        Client().get("/api/v1/pipeline/projects", {"adviser": "adviser"}, **bearer(adviser)).json()
    )

    assert as_visitor["count"] == as_outsider["count"] == 0
    assert as_adviser["count"] == 1
