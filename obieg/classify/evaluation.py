"""Per-SDG binary metrics: for each goal k, the decision "does this text address SDG k"."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class GoalMetrics:
    """Binary metrics of one goal over every text of a test set."""

    goal: int
    support: int
    accuracy: float
    balanced_accuracy: float
    precision: float
    recall: float
    f1: float


def label_matrix(label_sets: Iterable[Iterable[int]]) -> np.ndarray:
    """Return an (n, 17) boolean matrix from lists of goal numbers."""
    rows = [list(labels) for labels in label_sets]
    matrix = np.zeros((len(rows), 17), dtype=bool)
    for i, labels in enumerate(rows):
        for g in labels:
            matrix[i, g - 1] = True
    return matrix


def _ratio(a: float, b: float) -> float:
    return float(a / b) if b else 0.0


def goal_metrics(truth: np.ndarray, predicted: np.ndarray) -> list[GoalMetrics]:
    """Compute accuracy, balanced accuracy, precision, recall and F1 for each goal."""
    results = []
    for k in range(17):
        t, p = truth[:, k], predicted[:, k]
        tp = float(np.sum(t & p))
        tn = float(np.sum(~t & ~p))
        fp = float(np.sum(~t & p))
        fn = float(np.sum(t & ~p))
        precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        results.append(
            GoalMetrics(
                goal=k + 1,
                support=int(t.sum()),
                accuracy=_ratio(tp + tn, len(t)),
                balanced_accuracy=(recall + _ratio(tn, tn + fp)) / 2,
                precision=precision,
                recall=recall,
                f1=_ratio(2 * precision * recall, precision + recall),
            )
        )
    return results


def macro(metrics: list[GoalMetrics], field: str) -> float:
    """Average a metric over the goals that have positives in the set."""
    values = [getattr(m, field) for m in metrics if m.support > 0]
    return float(np.mean(values)) if values else 0.0


def format_table(title: str, metrics: list[GoalMetrics], n_texts: int) -> str:
    """Render the per-goal metrics as a fixed-width table with macro averages."""
    lines = [
        f"{title}  (n={n_texts} texts)",
        "SDG  support  accuracy  bal.acc  precision  recall     F1",
    ]
    for m in metrics:
        lines.append(
            f"{m.goal:>3}  {m.support:>7}  {m.accuracy:>8.3f}  {m.balanced_accuracy:>7.3f}"
            f"  {m.precision:>9.3f}  {m.recall:>6.3f}  {m.f1:>5.3f}"
        )
    lines.append(
        f"avg  {'':>7}  {macro(metrics, 'accuracy'):>8.3f}"
        f"  {macro(metrics, 'balanced_accuracy'):>7.3f}"
        f"  {macro(metrics, 'precision'):>9.3f}  {macro(metrics, 'recall'):>6.3f}"
        f"  {macro(metrics, 'f1'):>5.3f}"
    )
    return "\n".join(lines)


def top1_accuracy(truth: np.ndarray, probabilities: np.ndarray) -> float:
    """Return the share of texts whose highest-scoring goal is one of their labels."""
    has_label = truth.any(axis=1)
    best = probabilities.argmax(axis=1)
    hits = truth[np.arange(len(truth)), best]
    return _ratio(float(hits[has_label].sum()), float(has_label.sum()))
