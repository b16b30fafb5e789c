"""Print the classifier's quality on texts it never saw.

Usage: python bench/classify_quality.py [--data ../shared/data] [--lexical] [--cache DIR]

Figures (see docs/classifier.md for the definitions):
1. the held-out test split of the shippable labelled sets (15 %, split by a hash of the text
   after deduplication; never used for training or threshold tuning): per SDG k, accuracy of
   the binary decision "does this text address SDG k" over ALL test texts, balanced accuracy,
   precision, recall and F1, and the average over the 17 SDGs;
2. the same on evaluation-only sets (never shipped, never trained on), minus any text that is
   also in the shippable sets;
3. languages: held-out SDG target and indicator texts (the 20 % of targets left out of training)
   per language, and the hand-written municipal passages in tests/classify/fixtures.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from obieg.classify import labelled_sets  # noqa: E402  # after the path set-up above
from obieg.classify.artefacts_io import load_artefacts  # noqa: E402
from obieg.classify.encoders import CachedEncoder, load_encoder  # noqa: E402
from obieg.classify.evaluation import (  # noqa: E402
    format_table,
    goal_metrics,
    label_matrix,
    macro,
    top1_accuracy,
)
from obieg.classify.model import Classifier  # noqa: E402
from obieg.classify.train import prototype_corpus  # noqa: E402

PROBES = REPO / "tests" / "classify" / "fixtures" / "municipal_probes.jsonl"


def load_classifier(lexical: bool, cache: Path | None, artefacts: Path | None) -> Classifier:
    """Load the shipped artefacts, with the encoder behind an embedding cache if asked."""
    if lexical:
        return Classifier.load(artefacts, lexical_only=True)
    encoder = load_encoder()
    if cache is not None:
        encoder = CachedEncoder(encoder, cache / encoder.name.replace("/", "_"))
    return Classifier(load_artefacts(artefacts, encoder.name), encoder)


def subsample(
    items: list[labelled_sets.LabelledText], limit: int
) -> list[labelled_sets.LabelledText]:
    """Keep about ``limit`` texts, chosen by hash so that every run keeps the same ones."""
    if len(items) <= limit:
        return items
    return [i for i in items if labelled_sets.split_bucket(i.text) < limit / len(items)]


def score(classifier: Classifier, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Return (probabilities, decisions) as (n, 17) arrays."""
    results = classifier.classify(texts)
    probabilities = np.array([[g.score for g in r.goals] for r in results])
    decided = np.array([[g.decided for g in r.goals] for r in results])
    return probabilities, decided


def report_set(name: str, classifier: Classifier, items: list[labelled_sets.LabelledText]) -> dict:
    """Print the per-SDG table of one labelled set and return its averages."""
    started = time.time()
    truth = label_matrix(i.goals for i in items)
    probabilities, decided = score(classifier, [i.text for i in items])
    metrics = goal_metrics(truth, decided)
    print(format_table(f"== {name}", metrics, len(items)))
    top1 = top1_accuracy(truth, probabilities)
    print(f"top-1 accuracy {top1:.3f}; {time.time() - started:.0f} s\n", flush=True)
    return {
        "avg_accuracy": macro(metrics, "accuracy"),
        "avg_balanced_accuracy": macro(metrics, "balanced_accuracy"),
        "avg_precision": macro(metrics, "precision"),
        "avg_recall": macro(metrics, "recall"),
        "avg_f1": macro(metrics, "f1"),
        "top1": top1,
        "n": len(items),
    }


def report_languages(classifier: Classifier) -> None:
    """Print per-language accuracy on held-out target/indicator texts and municipal passages."""
    probes = prototype_corpus(probes=True)
    probabilities, decided = score(classifier, probes.texts)
    print("== held-out SDG target and indicator texts (targets never seen in training)")
    print("lang     n   top-1   goal decided")
    for language in sorted(set(probes.languages)):
        rows = np.array([lang == language for lang in probes.languages])
        truth = probes.labels[rows].astype(bool)
        top1 = top1_accuracy(truth, probabilities[rows])
        recall = float(np.mean(decided[rows][truth]))
        print(f"{language:<5} {rows.sum():>4}  {top1:>6.3f}  {recall:>12.3f}")
    municipal = [json.loads(line) for line in PROBES.read_text("utf-8").splitlines() if line]
    results = classifier.classify([p["text"] for p in municipal])
    print("\n== hand-written municipal passages (tests/classify/fixtures/municipal_probes.jsonl)")
    print("lang   n   top-1 in gold   all gold goals decided   language detected")
    for language in sorted({p["language"] for p in municipal}):
        pairs = [
            (p, r) for p, r in zip(municipal, results, strict=True) if p["language"] == language
        ]
        best = float(
            np.mean([max(r.goals, key=lambda g: g.score).goal in p["goals"] for p, r in pairs])
        )
        complete = np.mean([set(p["goals"]) <= set(r.labels) for p, r in pairs])
        detected = np.mean([r.language == language for _, r in pairs])
        print(f"{language:<4} {len(pairs):>3}  {best:>13.3f}  {complete:>23.3f}  {detected:>18.3f}")
    for p, r in zip(municipal, results, strict=True):
        if "heat" in p["id"]:
            print(f"  {p['id']}: labels {r.labels} (gold {p['goals']})")
    print()


def main(argv: list[str] | None = None) -> int:
    """Run every evaluation and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--lexical", action="store_true", help="evaluate the lexical model")
    parser.add_argument("--cache", type=Path, default=None, help="embedding cache folder")
    parser.add_argument("--artefacts", type=Path, default=None, help="artefact folder")
    parser.add_argument(
        "--sets",
        default=",".join(labelled_sets.EVALUATION_ONLY),
        help="evaluation-only sets to run, comma-separated ('' for none)",
    )
    parser.add_argument(
        "--max-per-set", type=int, default=0, help="hash-subsample larger sets to about N texts"
    )
    args = parser.parse_args(argv)
    classifier = load_classifier(args.lexical, args.cache, args.artefacts)
    print(f"model: {classifier.model_name} ({classifier.model_version})\n")
    shippable = labelled_sets.load_shippable(args.data)
    summary = {
        "test split": report_set(
            "held-out test split of the shippable sets",
            classifier,
            labelled_sets.split_shippable(shippable).test,
        )
    }
    seen = {labelled_sets.text_key(i.text) for i in shippable}
    for name in filter(None, args.sets.split(",")):
        items = [
            i
            for i in labelled_sets.load_evaluation_only(args.data, name)
            if labelled_sets.text_key(i.text) not in seen
        ]
        if args.max_per_set:
            items = subsample(items, args.max_per_set)
        summary[name] = report_set(f"evaluation-only set {name}", classifier, items)
    report_languages(classifier)
    print("summary (averages over the 17 SDGs)")
    for name, figures in summary.items():
        print(
            f"  {name:<16} n={figures['n']:>5}  accuracy {figures['avg_accuracy']:.3f}  "
            f"balanced accuracy {figures['avg_balanced_accuracy']:.3f}  "
            f"P {figures['avg_precision']:.3f}  R {figures['avg_recall']:.3f}  "
            f"F1 {figures['avg_f1']:.3f}  top-1 {figures['top1']:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
