from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import transaction

from obieg.strategies import tasks
from obieg.strategies.models import Strategy
from tests.factories import UserFactory
from tests.strategies import documents

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_member_uploads_a_pdf_watches_it_processed_finds_it_and_compares(
    page: Any, sign_in: Any, settings: Any, tmp_path: Path
) -> None:
    # given a member, another classified strategy, and a task queue that waits for a worker
    settings.MEDIA_ROOT = tmp_path / "media"
    UserFactory(username="uploader")
    with transaction.atomic():
        from obieg.strategies import services

        services.strategy_upload(
            documents=[
                services.UploadedDocument("odpady.txt", "\n\n".join(documents.WASTE_PL).encode())
            ],
            user=None,
            title="Strategia odpadowa Tarnowa",
            country="PL",
            is_published=True,
            synchronous=True,
        )
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    pdf = tmp_path / "krakow-energy.pdf"
    pdf.write_bytes(documents.energy_pdf())

    # when the member uploads the PDF through the form
    sign_in("uploader")
    page.goto("/en/strategies/upload/")
    page.set_input_files("input[name=documents]", str(pdf))
    page.fill("input[name=title]", "Kraków energy plan")
    page.select_option("select[name=kind]", "climate_energy")
    page.check("input[name=is_published]")
    page.click("#upload-form button[type=submit]")

    # then the strategy page shows it queued, with a progress bar that polls for news
    page.wait_for_url("**/strategies/krakow-energy-plan/")
    assert page.locator("[data-processing-status=queued]").is_visible()
    assert page.locator("#processing progress").is_visible()

    # when a worker processes it
    strategy = Strategy.objects.get(slug="krakow-energy-plan")
    tasks.strategy_ingest.call(strategy_id=strategy.pk, run_id=strategy.last_run_id)

    # then the page reloads by itself into the scorecard
    page.locator("svg.sdg-chart").wait_for()
    assert "Goals not addressed" in page.content()
    assert page.locator(".evidence").first.is_visible()

    # when the member searches a phrase of the PDF
    page.goto("/en/strategies/search/")
    page.fill("#q", '"repair café network"')
    page.click("#strategy-search button[type=submit]")

    # then the passage is found, highlighted, with its page
    hit = page.locator("#search-results .search-hit").first
    hit.wait_for()
    assert "Kraków energy plan" in hit.inner_text()
    assert "page 1" in hit.inner_text()
    assert hit.locator("mark").count() >= 3

    # when they compare it with the other strategy from its scorecard
    hit.locator("h3 a").click()
    page.wait_for_url("**/strategies/krakow-energy-plan/")
    page.select_option("#compare-other", label="Strategia odpadowa Tarnowa")
    page.click("#compare-with button[type=submit]")

    # then both profiles stand side by side with shared and missing goals
    page.wait_for_url("**/strategies/compare/**")
    headers = page.locator(".compare-table thead th").all_inner_texts()
    assert any("Kraków energy plan" in h for h in headers)
    assert any("Strategia odpadowa Tarnowa" in h for h in headers)
    assert page.locator(".compare-table tbody tr").count() == 17
    assert "Shared goals" in page.content()
