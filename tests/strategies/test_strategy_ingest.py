from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from obieg.core.choices import RunStatus
from obieg.core.errors import ApplicationError
from obieg.strategies import choices, ingestion, services
from obieg.strategies.models import Passage, Strategy, StrategyFile, StrategyGoal
from tests.strategies import documents

pytestmark = pytest.mark.django_db


@pytest.mark.full_classifier
def test_it_turns_an_uploaded_pdf_into_a_classified_strategy(energy_strategy: Strategy) -> None:
    # given an uploaded PDF (the fixture ran the background task)
    strategy = energy_strategy

    # then the strategy is ready, with passages that keep their pages
    assert strategy.processing_status == choices.ProcessingStatus.READY
    assert strategy.page_count == 1
    passages = list(strategy.passages.all())
    assert passages
    assert all(p.page == 1 for p in passages)
    assert strategy.languages == ["en"]
    # and the classifier's profile is stored for all 17 goals, energy among the addressed ones
    profile = {g.goal: g for g in StrategyGoal.objects.filter(strategy=strategy)}
    assert sorted(profile) == list(range(1, 18))
    assert profile[7].level != choices.GoalLevel.ABSENT
    assert strategy.model_version
    # and the run record shows a finished job
    assert strategy.last_run is not None
    assert strategy.last_run.status == RunStatus.SUCCEEDED
    assert strategy.last_run.progress == 100


def test_it_reads_docx_html_markdown_and_text(ingest: Callable[..., Strategy]) -> None:
    # given the same kind of content in four formats
    files = {
        "plan.docx": documents.simple_docx(documents.ENERGY_EN),
        "plan.html": documents.SCRIPT_HTML,
        "plan.md": ("# Plan\n\n" + "\n\n".join(documents.WASTE_PL)).encode(),
        "plan.txt": "\n\n".join(documents.ENERGY_EN[:2]).encode(),
    }

    # when each is ingested
    strategies = [ingest(name, data) for name, data in files.items()]

    # then each is ready with passages
    assert [s.processing_status for s in strategies] == ["ready"] * 4
    assert all(s.passage_count > 0 for s in strategies)


def test_it_drops_scripts_from_html(ingest: Callable[..., Strategy]) -> None:
    # when an HTML page with scripts is ingested
    strategy = ingest("page.html", documents.SCRIPT_HTML)

    # then the scripts' code never reaches the passages, the navigation neither
    text = " ".join(strategy.passages.values_list("text", flat=True))
    assert "wetlands" in text
    assert "document.cookie" not in text
    assert "alert" not in text
    assert "Menu" not in text


@pytest.mark.parametrize(
    ("name", "data", "status", "code"),
    [
        ("report.pdf", b"PK\x03\x04 this is a zip, not a pdf" * 10, 422, "not_pdf"),
        ("locked.pdf", documents.encrypted_pdf(), 422, "encrypted"),
        ("scan.pdf", documents.scanned_pdf(), 422, "needs_ocr"),
        ("bomb.docx", documents.zip_bomb_docx(), 422, "zip_bomb"),
        ("notes.exe", b"MZ\x90\x00", 422, "unsupported"),
    ],
)
def test_it_refuses_bad_files_at_once_and_stores_nothing(
    member: Any, name: str, data: bytes, status: int, code: str
) -> None:
    # when a bad file is uploaded
    with pytest.raises(ApplicationError) as caught:
        services.strategy_upload(documents=[services.UploadedDocument(name, data)], user=member)

    # then the user gets a clear reason and nothing is stored
    assert caught.value.status == status
    assert caught.value.code == code
    assert str(caught.value.message)
    assert not Strategy.objects.exists()
    assert not StrategyFile.objects.exists()


def test_it_refuses_a_file_over_the_limit(member: Any, settings: Any) -> None:
    # given a limit of 1 kB
    settings.UPLOAD_MAX_BYTES = 1024

    # when a larger file is uploaded
    with pytest.raises(ApplicationError) as caught:
        services.strategy_upload(
            documents=[services.UploadedDocument("big.txt", b"x" * 2048)], user=member
        )

    # then it is refused with 413 and nothing is stored
    assert caught.value.status == 413
    assert "1.0 MB" not in caught.value.message
    assert "limit" in caught.value.message
    assert not Strategy.objects.exists()


def test_it_refuses_a_duplicate_by_content(energy_strategy: Strategy, member: Any) -> None:
    # when the same bytes come again under another name
    with pytest.raises(ApplicationError) as caught:
        services.strategy_upload(
            documents=[services.UploadedDocument("copy.pdf", documents.energy_pdf())],
            user=member,
        )

    # then the upload is refused and points at the existing strategy
    assert caught.value.status == 409
    assert caught.value.extra["strategy_id"] == energy_strategy.pk
    assert Strategy.objects.count() == 1


def test_it_records_an_extraction_failure_and_keeps_no_passages(
    ingest: Callable[..., Strategy], monkeypatch: Any
) -> None:
    # given a PDF whose later pages turn out to have no text (the upload sniff passes)
    data = documents.energy_pdf()
    from obieg.strategies import classification

    def failing_extract(data: bytes, filename: str) -> list[str]:
        raise classification.DocumentError("needs_ocr", f"{filename} needs OCR")

    monkeypatch.setattr(classification, "extract_pages", failing_extract)

    # when it is processed
    strategy = ingest("late-scan.pdf", data)

    # then the failure is on the strategy and the run, with its reason, and no passage is kept
    assert strategy.processing_status == choices.ProcessingStatus.FAILED
    assert "needs OCR" in strategy.processing_error
    assert strategy.last_run is not None
    assert strategy.last_run.status == RunStatus.FAILED
    assert "needs OCR" in strategy.last_run.error
    assert not Passage.objects.filter(strategy=strategy).exists()


def test_a_failed_strategy_can_be_retried(
    ingest: Callable[..., Strategy],
    monkeypatch: Any,
    member: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a strategy whose processing failed once
    from obieg.strategies import classification

    real_extract = classification.extract_pages
    monkeypatch.setattr(
        classification,
        "extract_pages",
        lambda data, name: (_ for _ in ()).throw(classification.DocumentError("x", "broken")),
    )
    strategy = ingest("plan.txt", "\n\n".join(documents.ENERGY_EN).encode())
    assert strategy.processing_status == choices.ProcessingStatus.FAILED
    monkeypatch.setattr(classification, "extract_pages", real_extract)

    # when it is retried
    with django_capture_on_commit_callbacks(execute=True):
        services.strategy_retry(strategy=strategy, user=member)

    # then it is ready
    strategy.refresh_from_db()
    assert strategy.processing_status == choices.ProcessingStatus.READY
    assert strategy.passage_count > 0


def test_a_long_document_is_searchable_at_once_and_refined_in_a_second_run(
    ingest: Callable[..., Strategy], monkeypatch: Any
) -> None:
    # given documents above the quick-pass size, and an encoder slower than the lexical model
    from obieg.strategies import classification

    monkeypatch.setattr(ingestion, "QUICK_PASS_PASSAGES", 0)
    monkeypatch.setattr(classification, "has_quick_model", lambda: True)

    # when one is ingested
    strategy = ingest("long.pdf", documents.energy_pdf())

    # then it was ready after the quick pass, and a second run re-labelled it
    from obieg.core.models import Run

    runs = list(Run.objects.order_by("pk").values_list("kind", "status"))
    assert runs == [
        ("strategies.ingest", RunStatus.SUCCEEDED),
        ("strategies.reclassify", RunStatus.SUCCEEDED),
    ]
    assert strategy.is_ready
    assert strategy.passage_count > 0
