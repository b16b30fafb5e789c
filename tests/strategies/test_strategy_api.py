from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from obieg.strategies.models import Passage, PassageCorrection, Strategy
from tests.conftest import bearer
from tests.strategies import documents

pytestmark = pytest.mark.django_db
API = "/api/v1/strategies"


def _upload(client: Client, user: Any, name: str, data: bytes, **fields: Any) -> Any:
    body = {"files": SimpleUploadedFile(name, data), "kind": "smart-city", **fields}
    return client.post(f"{API}/strategies", body, **bearer(user))


def test_a_member_uploads_a_pdf_and_follows_it_to_a_scorecard(
    client: Client, member: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # when a member uploads a PDF through the API
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(
            client,
            member,
            "plan.pdf",
            documents.energy_pdf(),
            title="Plan",
            country="PL",
            region="PL21",
            is_published="true",
        )

    # then a strategy is created, with a run to follow
    assert response.status_code == 201, response.json()
    [created] = response.json()
    assert created["kind"] == "smart_city"
    assert created["is_sample"] is False
    run = client.get(f"/api/v1/core/runs/{created['run_id']}", **bearer(member)).json()
    assert run["status"] == "succeeded"
    # and a visitor reads its scorecard
    scorecard = client.get(f"{API}/strategies/{created['id']}/scorecard").json()
    assert len(scorecard["goals"]) == 17
    addressed = [g for g in scorecard["goals"] if g["level"] != "absent"]
    assert addressed
    assert addressed[0]["evidence"][0]["page"] == 1


@pytest.mark.parametrize(
    ("name", "data", "status"),
    [
        ("fake.pdf", b"<html>not a pdf</html>", 422),
        ("locked.pdf", documents.encrypted_pdf(), 422),
        ("scan.pdf", documents.scanned_pdf(), 422),
        ("bomb.docx", documents.zip_bomb_docx(), 422),
    ],
)
def test_bad_uploads_get_a_clear_error_and_store_nothing(
    client: Client, member: Any, name: str, data: bytes, status: int
) -> None:
    response = _upload(client, member, name, data)
    assert response.status_code == status
    assert response.json()["detail"]
    assert not Strategy.objects.exists()


def test_an_upload_over_the_limit_is_refused_with_413(
    client: Client, member: Any, settings: Any
) -> None:
    settings.UPLOAD_MAX_BYTES = 100
    response = _upload(client, member, "big.txt", b"word " * 100)
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


def test_visitors_cannot_upload(client: Client) -> None:
    response = client.post(f"{API}/strategies", {"files": SimpleUploadedFile("a.txt", b"x")})
    assert response.status_code == 401


def test_the_list_filters_and_does_not_grow_queries(
    client: Client,
    energy_strategy: Strategy,
    waste_strategy: Strategy,
    django_assert_max_num_queries: Any,
) -> None:
    with django_assert_max_num_queries(4):
        response = client.get(f"{API}/strategies", {"kind": "circular_economy"})
    assert [s["id"] for s in response.json()["items"]] == [waste_strategy.pk]
    by_goal = client.get(f"{API}/strategies", {"goal": "7"}).json()["items"]
    assert energy_strategy.pk in [s["id"] for s in by_goal]


def test_search_returns_highlighted_passages_with_pages(
    client: Client, energy_strategy: Strategy
) -> None:
    body = client.get(f"{API}/search", {"q": "heat pumps"}).json()
    assert body["total"] == 1
    hit = body["results"][0]
    assert hit["page"] == 1
    assert "<mark>heat</mark>" in hit["highlighted"]
    assert hit["strategy_id"] == energy_strategy.pk


def test_an_adviser_corrects_a_passage_and_it_overrides_the_model(
    client: Client, adviser: Any, member: Any, energy_strategy: Strategy
) -> None:
    # given a passage about waste
    passage = Passage.objects.get(strategy=energy_strategy, text__contains="repair café")

    # when a member tries, they are refused; an adviser may
    url = f"{API}/passages/{passage.pk}/corrections"
    payload = {"goals": [12, 11], "targets": ["12.5"], "note": "recycling"}
    assert (
        client.post(url, payload, content_type="application/json", **bearer(member)).status_code
        == 403
    )
    response = client.post(url, payload, content_type="application/json", **bearer(adviser))

    # then the passage carries the reviewer's labels, kept with who and when
    assert response.status_code == 201, response.json()
    assert response.json()["goals"] == [11, 12]
    assert response.json()["is_corrected"] is True
    correction = PassageCorrection.objects.get()
    assert correction.corrected_by == adviser
    assert correction.created_at
    # and search by target and the scorecard follow the correction
    hits = client.get(f"{API}/search", {"q": "repair", "target": "12.5"}).json()
    assert hits["total"] == 1
    card = client.get(f"{API}/strategies/{energy_strategy.pk}/scorecard").json()
    goal_12 = next(g for g in card["goals"] if g["goal"] == 12)
    assert goal_12["level"] != "absent"
    assert goal_12["top_targets"][0]["target"] == "12.5"
    # and the correction exports as training data
    exported = client.get(f"{API}/corrections", **bearer(adviser)).json()
    assert exported[0]["goals"] == "11 12"
    assert "repair" in exported[0]["text"]


def test_a_correction_rejects_a_target_outside_its_goals(
    client: Client, adviser: Any, energy_strategy: Strategy
) -> None:
    passage = energy_strategy.passages.first()
    assert passage is not None
    response = client.post(
        f"{API}/passages/{passage.pk}/corrections",
        {"goals": [7], "targets": ["12.5"]},
        content_type="application/json",
        **bearer(adviser),
    )
    assert response.status_code == 422
    assert response.json()["field"] == "targets"


def test_compare_two_strategies(
    client: Client, energy_strategy: Strategy, waste_strategy: Strategy
) -> None:
    body = client.get(f"{API}/compare", {"ids": [energy_strategy.pk, waste_strategy.pk]}).json()
    assert len(body["rows"]) == 17
    assert len(body["rows"][0]["cells"]) == 2
    assert set(body["shared"]).isdisjoint(body["missing"])
    one = client.get(f"{API}/compare", {"ids": [energy_strategy.pk]})
    assert one.status_code == 422


def test_the_v4_view_counts_strategies_by_country_and_region(
    client: Client, energy_strategy: Strategy, waste_strategy: Strategy
) -> None:
    body = client.get(f"{API}/v4").json()
    assert body["total"] == 2
    [poland] = body["countries"]["areas"]
    assert poland["code"] == "PL"
    assert poland["strategies"] == 2
    assert body["map_values"] == {"PL21": 1}


def test_the_dump_holds_strategies_passages_corrections_and_the_licence(
    client: Client, energy_strategy: Strategy
) -> None:
    import io
    import zipfile

    response = client.get(f"{API}/dump")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert set(archive.namelist()) == {
        "LICENCE.txt",
        "strategies.csv",
        "passages.csv",
        "corrections.csv",
    }
    assert "CC BY 4.0" in archive.read("LICENCE.txt").decode()
    assert "photovoltaic" in archive.read("passages.csv").decode()


def test_managers_delete_and_members_may_not(
    client: Client, member: Any, manager: Any, energy_strategy: Strategy
) -> None:
    url = f"{API}/strategies/{energy_strategy.pk}"
    assert client.delete(url, **bearer(member)).status_code == 403
    assert client.delete(url, **bearer(manager)).status_code == 204
    assert client.get(f"{API}/search", {"q": "photovoltaic"}).json()["total"] == 0


def test_the_openapi_document_describes_the_strategy_api(client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/strategies", "/search", "/compare", "/v4", "/dump", "/corrections"):
        assert f"/api/v1/strategies{path}" in paths
    assert "post" in paths["/api/v1/strategies/strategies"]


def test_passages_filter_by_goal_without_growing_queries(
    client: Client, energy_strategy: Strategy, django_assert_max_num_queries: Any
) -> None:
    url = f"{API}/strategies/{energy_strategy.pk}/passages"
    with django_assert_max_num_queries(6):
        everything = client.get(url).json()
    assert everything["count"] == energy_strategy.passage_count
    assert client.get(url, {"goal": 14}).json()["count"] == 0
    assert client.get(url, {"reviewed": "true"}).json()["count"] == 0
