"""Choose the cascade band on the validation split: which passages the encoder must score.

Usage: python -m obieg.classify.tune_cascade [--data ../shared/data] [--artefacts DIR]
[--cache /tmp/obieg-classify-cache] [--tolerance 0.005]

Every passage is scored by the lexical heads; only passages whose best lexical goal score
(0.5 = its threshold) lies in a band [low, high] go to the encoder, the rest keep the lexical
scores. The band chosen is the one that sends the fewest validation passages to the encoder while
keeping the average balanced accuracy within ``tolerance`` of encoding every passage. It is
written into the manifest, and the model version changes with it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import labelled_sets
from .artefacts_io import ARTEFACT_DIR, MANIFEST, Artefacts, load_artefacts
from .encoders import CachedEncoder, load_encoder
from .evaluation import goal_metrics, label_matrix, macro
from .model import Classifier, in_band, text_chunks

TOLERANCE = 0.005
LOWS = tuple(round(0.05 + 0.025 * i, 3) for i in range(19))  # 0.05 ... 0.5
HIGHS = tuple(round(0.5 + 0.025 * i, 3) for i in range(21))  # 0.5 ... 1.0


@dataclass(frozen=True)
class PassageScores:
    """Per-passage scores of both paths and the text each passage belongs to."""

    owners: np.ndarray
    lexical: np.ndarray
    encoder: np.ndarray


@dataclass(frozen=True)
class BandResult:
    """The validation outcome of one band."""

    low: float
    high: float
    encoded_share: float
    balanced_accuracy: float


def passage_scores(classifier: Classifier, texts: list[str]) -> PassageScores:
    """Score every passage of the texts with the lexical heads and with the full encoder stack."""
    chunks, owners = text_chunks(texts)
    batch = classifier._features(chunks)
    encoder, _ = classifier._probabilities(batch)
    batch.encoded = np.zeros(len(chunks), dtype=bool)
    lexical, _ = classifier._probabilities(batch)
    return PassageScores(np.array(owners), lexical, encoder)


def cascade_decisions(scores: PassageScores, low: float, high: float, n: int) -> np.ndarray:
    """Return (n, 17) decisions of the cascade: encoder scores where in band, best per text."""
    chosen = in_band(scores.lexical, low, high)
    rows = np.where(chosen[:, None], scores.encoder, scores.lexical)
    best = np.full((n, 17), -1.0, dtype=np.float32)
    np.maximum.at(best, scores.owners, rows)
    return best >= 0.5


def evaluate_bands(scores: PassageScores, truth: np.ndarray) -> list[BandResult]:
    """Return the validation balanced accuracy and encoded share of every band of the grid."""
    results = []
    for low in LOWS:
        for high in HIGHS:
            chosen = in_band(scores.lexical, low, high)
            decided = cascade_decisions(scores, low, high, len(truth))
            accuracy = macro(goal_metrics(truth, decided), "balanced_accuracy")
            results.append(BandResult(low, high, float(chosen.mean()), accuracy))
    return results


def choose_band(results: list[BandResult], reference: float, tolerance: float) -> BandResult:
    """Return the band with the smallest encoded share within tolerance of the reference."""
    good = [r for r in results if r.balanced_accuracy >= reference - tolerance]
    return min(good, key=lambda r: (r.encoded_share, -r.balanced_accuracy, r.low, -r.high))


def write_band(directory: Path, band: BandResult, reference: float, lexical: float) -> str:
    """Store the band in the manifest and derive the model version from the base version."""
    path = directory / MANIFEST
    manifest = json.loads(path.read_text("utf-8"))
    base = manifest.get("cascade", {}).get("base_model_version", manifest["model_version"])
    manifest["cascade"] = {
        "band": [band.low, band.high],
        "base_model_version": base,
        "tuned_on": "validation split",
        "validation_encoded_share": round(band.encoded_share, 4),
        "validation_balanced_accuracy": {
            "cascade": round(band.balanced_accuracy, 4),
            "encoder_everywhere": round(reference, 4),
            "lexical": round(lexical, 4),
        },
    }
    digest = hashlib.sha256(f"{base} cascade {band.low} {band.high}".encode())
    manifest["model_version"] = f"sdg-{digest.hexdigest()[:12]}"
    path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", "utf-8")
    return str(manifest["model_version"])


def tune(
    data: Path, directory: Path, cache: Path, tolerance: float, encoder_name: str | None = None
) -> BandResult:
    """Choose the band on the validation split and write it into the manifest."""
    encoder = load_encoder(encoder_name)
    cached = CachedEncoder(encoder, cache / encoder.name.replace("/", "_"))
    art = load_artefacts(directory, encoder.name)
    manifest = {k: v for k, v in art.manifest.items() if k != "cascade"}
    classifier = Classifier(Artefacts(manifest, art.lexical, art.encoder), cached)
    items = labelled_sets.split_shippable(labelled_sets.load_shippable(data)).validation
    truth = label_matrix(i.goals for i in items)
    scores = passage_scores(classifier, [i.text for i in items])
    results = evaluate_bands(scores, truth)
    reference = cascade_decisions(scores, -1.0, 2.0, len(truth))
    lexical = cascade_decisions(scores, 2.0, 2.0, len(truth))
    ref_acc = macro(goal_metrics(truth, reference), "balanced_accuracy")
    lex_acc = macro(goal_metrics(truth, lexical), "balanced_accuracy")
    band = choose_band(results, ref_acc, tolerance)
    version = write_band(directory, band, ref_acc, lex_acc)
    print(
        f"validation: encoder everywhere {ref_acc:.4f}, lexical {lex_acc:.4f}; band "
        f"[{band.low}, {band.high}] encodes {band.encoded_share:.1%} of passages, "
        f"balanced accuracy {band.balanced_accuracy:.4f}; model_version {version}"
    )
    return band


def main(argv: list[str] | None = None) -> int:
    """Parse the options and tune the band."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--artefacts", type=Path, default=ARTEFACT_DIR)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/obieg-classify-cache"))
    parser.add_argument("--tolerance", type=float, default=TOLERANCE)
    args = parser.parse_args(argv)
    tune(args.data, args.artefacts, args.cache, args.tolerance)
    return 0


if __name__ == "__main__":
    sys.exit(main())
