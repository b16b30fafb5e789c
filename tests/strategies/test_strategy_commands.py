from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from obieg.directory.models import Country, NutsRegion
from obieg.strategies import selectors, services
from obieg.strategies.models import Passage, Strategy
from tests.strategies import documents


@pytest.fixture
def reference_places() -> None:
    # Transactional tests of other apps flush the reference data the migrations loaded.
    country, _ = Country.objects.get_or_create(code="PL", defaults={"names": {"en": "Poland"}})
    NutsRegion.objects.get_or_create(
        code="PL213", defaults={"level": 3, "name": "Miasto Kraków", "country": country}
    )


@pytest.mark.django_db(transaction=True)
def test_obieg_ingest_adds_and_classifies_a_file(
    tmp_path: Path, capsys: Any, reference_places: None
) -> None:
    # given a PDF on disk
    path = tmp_path / "krakow.pdf"
    path.write_bytes(documents.energy_pdf())

    # when it is ingested from the command line with metadata
    call_command(
        "ingest",
        str(path),
        "--country",
        "PL",
        "--territory",
        "Kraków",
        "--kind",
        "smart-city",
        "--title",
        "Kraków Smart City Strategy",
        "--region",
        "PL213",
        "--period",
        "2021-2030",
    )

    # then it is ready, searchable and described as asked
    strategy = Strategy.objects.get()
    assert strategy.is_ready
    assert (strategy.kind, strategy.country_id, strategy.territory_name) == (
        "smart_city",
        "PL",
        "Kraków",
    )
    assert (strategy.period_start, strategy.period_end) == (2021, 2030)
    assert "ready   krakow-smart-city-strategy" in capsys.readouterr().out
    hits = selectors.search_strategies(user=None, filters=selectors.StrategyFilters(q="pumps"))
    assert hits.total == 1


@pytest.mark.django_db(transaction=True)
def test_obieg_ingest_refuses_a_bad_file_with_its_reason(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(documents.scanned_pdf())
    with pytest.raises(CommandError, match="needs OCR"):
        call_command("ingest", str(path))
    assert not Strategy.objects.exists()


@pytest.mark.django_db
def test_a_new_model_version_reclassifies_and_keeps_corrections(
    energy_strategy: Strategy, adviser: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # given a reviewed passage and a strategy labelled by an older model
    passage = Passage.objects.filter(strategy=energy_strategy).first()
    assert passage is not None
    services.passage_correct(passage=passage, user=adviser, goals=[16], targets=["16.7"])
    Strategy.objects.filter(pk=energy_strategy.pk).update(model_version="sdg-old")

    # when outdated strategies are re-classified
    with django_capture_on_commit_callbacks(execute=True):
        queued = services.strategies_reclassify_outdated(user=adviser)

    # then it carries the current model version, and the reviewer's labels still win
    assert queued == 1
    energy_strategy.refresh_from_db()
    assert energy_strategy.model_version != "sdg-old"
    assert energy_strategy.is_ready
    passage.refresh_from_db()
    assert passage.goals == [16]
    assert passage.is_corrected
    assert energy_strategy.goal_profile.get(goal=16).level != "absent"
    assert not services.strategies_reclassify_outdated(user=adviser)


@pytest.mark.django_db
def test_obieg_reclassify_all_relabels_in_place(energy_strategy: Strategy, capsys: Any) -> None:
    before = list(energy_strategy.passages.values_list("pk", flat=True))
    call_command("reclassify", "--all")
    assert list(energy_strategy.passages.values_list("pk", flat=True)) == before
    assert "re-classified" in capsys.readouterr().out
