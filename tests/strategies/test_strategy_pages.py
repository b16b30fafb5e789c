from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from obieg.strategies.models import Passage, Strategy
from tests.strategies import documents

pytestmark = pytest.mark.django_db
BASE = "/en/strategies"


def test_the_list_shows_published_strategies_to_visitors(
    client: Client, energy_strategy: Strategy, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(12):
        response = client.get(f"{BASE}/")
    assert response.status_code == 200
    assert "Kraków Energy Strategy" in response.content.decode()


def test_the_scorecard_shows_profile_evidence_and_downloads(
    client: Client, energy_strategy: Strategy
) -> None:
    # when a visitor opens the scorecard
    page = client.get(f"{BASE}/{energy_strategy.slug}/").content.decode()

    # then it has the chart, evidence with pages, missing goals and downloads
    assert '<svg class="sdg-chart"' in page
    assert "page 1" in page
    assert "Goals not addressed" in page
    csv = client.get(f"{BASE}/{energy_strategy.slug}/scorecard.csv")
    assert csv["Content-Type"] == "text/csv"
    assert csv.content.startswith(b"goal,name,level")
    data = client.get(f"{BASE}/{energy_strategy.slug}/scorecard.json").json()
    assert len(data["goals"]) == 17


def test_a_member_uploads_through_the_form(
    member_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    # when a member uploads a PDF with the form
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(
            f"{BASE}/upload/",
            {
                "documents": SimpleUploadedFile("energy.pdf", documents.energy_pdf()),
                "kind": "climate_energy",
                "territory_level": "municipality",
                "status": "adopted",
                "title": "Energy plan",
                "is_published": "on",
            },
        )

    # then they land on the strategy, which is ready
    strategy = Strategy.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/{strategy.slug}/")
    assert strategy.is_ready
    assert strategy.is_published


def test_the_upload_form_explains_a_bad_file(member_client: Client) -> None:
    response = member_client.post(
        f"{BASE}/upload/",
        {
            "documents": SimpleUploadedFile("fake.pdf", b"GIF89a not a pdf"),
            "kind": "other",
            "territory_level": "municipality",
            "status": "adopted",
        },
    )
    assert response.status_code == 422
    assert "is named .pdf but is not a PDF file" in response.content.decode()
    assert not Strategy.objects.exists()


def test_visitors_are_sent_to_sign_in_before_uploading(client: Client) -> None:
    response = client.get(f"{BASE}/upload/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_html_from_a_document_is_never_rendered(client: Client, ingest: Any) -> None:
    # given a passage whose text looks like markup
    strategy = ingest(
        "tags.txt",
        (
            b"The city promises <script>alert('x')</script> renewable energy from solar panels "
            b"on every school roof, and heat pumps in <b>all</b> public buildings by 2030."
        ),
    )

    # then pages escape it, the search hit included
    page = client.get(f"{BASE}/{strategy.slug}/passages/").content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
    hits = client.get(f"{BASE}/search/", {"q": "solar"}).content.decode()
    assert "<script>alert" not in hits
    assert "<mark>solar</mark>" in hits


def test_a_reviewer_corrects_a_passage_with_htmx(
    client: Client, adviser: Any, energy_strategy: Strategy
) -> None:
    client.force_login(adviser)
    passage = Passage.objects.filter(strategy=energy_strategy).first()
    assert passage is not None
    response = client.post(
        f"{BASE}/passages/{passage.pk}/correct/",
        {"goals": ["13"], "targets": "13.2"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "reviewed" in response.content.decode()
    passage.refresh_from_db()
    assert passage.goals == [13]
    assert passage.targets == ["13.2"]


def test_members_cannot_review(member_client: Client, energy_strategy: Strategy) -> None:
    passage = Passage.objects.filter(strategy=energy_strategy).first()
    assert passage is not None
    response = member_client.post(f"{BASE}/passages/{passage.pk}/correct/", {"goals": ["1"]})
    assert response.status_code == 403


@pytest.mark.parametrize("path", ["search/?q=heat", "compare/", "v4/", "open-data/"])
def test_portal_pages_render(client: Client, energy_strategy: Strategy, path: str) -> None:
    assert client.get(f"{BASE}/{path}").status_code == 200


def test_compare_page_shows_two_strategies(
    client: Client, energy_strategy: Strategy, waste_strategy: Strategy
) -> None:
    page = client.get(f"{BASE}/compare/", {"ids": [energy_strategy.pk, waste_strategy.pk]})
    body = page.content.decode()
    assert "Shared goals" in body
    assert "Strategia gospodarki odpadami" in body


def test_list_and_search_export_csv_and_json(client: Client, energy_strategy: Strategy) -> None:
    assert client.get(f"{BASE}/list.csv").content.startswith(b"id,slug,title")
    assert client.get(f"{BASE}/list.json").json()["results"][0]["id"] == energy_strategy.pk
    assert b"photovoltaic" in client.get(f"{BASE}/search.csv", {"q": "photovoltaic"}).content
    assert client.get(f"{BASE}/search.json", {"q": "photovoltaic"}).json()["licence"]
    assert client.get(f"{BASE}/open-data/dump.zip")["Content-Type"] == "application/zip"


def test_a_failed_strategy_shows_its_reason_and_a_retry(
    client: Client, member: Any, ingest: Any, monkeypatch: Any
) -> None:
    from obieg.strategies import classification

    monkeypatch.setattr(
        classification,
        "extract_pages",
        lambda data, name: (_ for _ in ()).throw(classification.DocumentError("x", "broken file")),
    )
    strategy = ingest("plan.txt", b"Some text about energy and heat pumps.", user=member)
    client.force_login(member)
    page = client.get(f"{BASE}/{strategy.slug}/").content.decode()
    assert "broken file" in page
    assert "Try again" in page


def test_managers_see_outdated_strategies_and_requeue_them(
    manager_client: Client, energy_strategy: Strategy, django_capture_on_commit_callbacks: Any
) -> None:
    # given a strategy labelled by an older model
    Strategy.objects.filter(pk=energy_strategy.pk).update(model_version="sdg-old")

    # then the list tells managers so
    assert "classified by an older model" in manager_client.get(f"{BASE}/").content.decode()

    # and one click classifies it again
    with django_capture_on_commit_callbacks(execute=True):
        manager_client.post(f"{BASE}/reclassify-outdated/")
    energy_strategy.refresh_from_db()
    assert energy_strategy.model_version != "sdg-old"


def test_members_cannot_requeue_everything(member_client: Client) -> None:
    assert member_client.post(f"{BASE}/reclassify-outdated/").status_code == 403


def test_original_files_download_and_never_render(client: Client, ingest: Any) -> None:
    # given an HTML strategy with scripts
    strategy = ingest("page.html", documents.SCRIPT_HTML)
    stored = strategy.files.get()

    # when its original is downloaded
    response = client.get(f"{BASE}/{strategy.slug}/files/{stored.pk}/")

    # then it comes as an attachment of a neutral type, byte for byte
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == documents.SCRIPT_HTML


def test_the_uploader_edits_titles_status_and_succession(
    member_client: Client, energy_strategy: Strategy, waste_strategy: Strategy
) -> None:
    # when the uploader marks the strategy superseded and adds a Polish title
    url = f"{BASE}/{energy_strategy.slug}/edit/"
    assert member_client.get(url).status_code == 200
    response = member_client.post(
        url,
        {
            "title": "Kraków Energy Strategy",
            "kind": "climate_energy",
            "status": "superseded",
            "superseded_by": waste_strategy.pk,
            "country": "PL",
            "region": "PL21",
            "territory_level": "municipality",
            "title_pl": "Strategia energetyczna Krakowa",
        },
    )

    # then the scorecard shows the succession and the translation
    assert response.status_code == 302
    energy_strategy.refresh_from_db()
    assert energy_strategy.superseded_by == waste_strategy
    assert energy_strategy.title_translations == {"pl": "Strategia energetyczna Krakowa"}
    page = member_client.get(f"{BASE}/{energy_strategy.slug}/").content.decode()
    assert "superseded by" in page
    assert "Strategia energetyczna Krakowa" in page


def test_outsiders_cannot_edit(client: Client, outsider: Any, energy_strategy: Strategy) -> None:
    client.force_login(outsider)
    assert client.get(f"{BASE}/{energy_strategy.slug}/edit/").status_code == 403


def test_the_progress_fragment_polls_until_ready_then_reloads_the_page(
    client: Client, energy_strategy: Strategy
) -> None:
    # given a strategy still queued
    Strategy.objects.filter(pk=energy_strategy.pk).update(processing_status="queued")
    url = f"{BASE}/{energy_strategy.slug}/status/"

    # then its fragment keeps polling
    queued = client.get(url, HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 1s"' in queued.content.decode()
    assert "HX-Refresh" not in queued

    # and once ready, it asks the browser to reload into the scorecard
    Strategy.objects.filter(pk=energy_strategy.pk).update(processing_status="ready")
    ready = client.get(url, HTTP_HX_REQUEST="true")
    assert ready["HX-Refresh"] == "true"


def test_compare_and_v4_results_download_as_csv_and_json(
    client: Client, energy_strategy: Strategy, waste_strategy: Strategy
) -> None:
    ids = {"ids": [energy_strategy.pk, waste_strategy.pk]}
    compared = client.get(f"{BASE}/compare/", {**ids, "format": "csv"}).content.decode()
    assert compared.splitlines()[0] == f"goal,name,{energy_strategy.slug},{waste_strategy.slug}"
    assert len(client.get(f"{BASE}/compare/", {**ids, "format": "json"}).json()["results"]) == 17
    coverage = client.get(f"{BASE}/v4/", {"format": "csv"}).content.decode().splitlines()
    assert coverage[1].startswith("country,PL,")
    assert client.get(f"{BASE}/v4/", {"format": "json"}).json()["licence"]


def test_reviewers_filter_passages_by_goal_and_review_state(
    client: Client, adviser: Any, energy_strategy: Strategy
) -> None:
    # given one passage reviewed as goal 16
    passage = Passage.objects.filter(strategy=energy_strategy).first()
    assert passage is not None
    from obieg.strategies import services

    services.passage_correct(passage=passage, user=adviser, goals=[16])
    client.force_login(adviser)
    url = f"{BASE}/{energy_strategy.slug}/passages/"

    # then filters narrow the list
    assert f'id="passage-{passage.pk}"' in client.get(url, {"goal": "16"}).content.decode()
    assert f'id="passage-{passage.pk}"' in client.get(url, {"reviewed": "yes"}).content.decode()
    assert f'id="passage-{passage.pk}"' not in client.get(url, {"reviewed": "no"}).content.decode()
    assert 'id="passage-' not in client.get(url, {"goal": "14"}).content.decode()
