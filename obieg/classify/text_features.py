"""Lexical features: a TF-IDF vectoriser without sklearn, and the multilingual keyword matcher."""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

TOKEN = re.compile(r"co2|[^\W\d_]{2,}(?:[-'][^\W\d_]+)*", re.UNICODE)
STEM_CHARS = 6
KEYWORD_LANGUAGES = ("en", "pl", "cs", "sk", "hu")
# Tokens repeat across passages, so their keyword candidates are remembered, up to a bound.
MEMO_LIMIT = 100_000
STOPWORDS = frozenset(
    word
    for line in (
        "to of in on by as at is be an or it we us the and for with that this from are was were",
        "have has been which their its into also such these those other than more most can will",
        "may our all not but they them there oraz jest się nie dla przez jako które który która",
        "jak lub ich tym też pro jsou nebo jako které který která jejich také sa pre alebo ako",
        "ktoré ktorý ktorá ich tiež az és a hogy nem egy is meg vagy mint csak",
    )
    for word in line.split()
)


def tokenize(text: str) -> list[str]:
    """Return lower-case word tokens (letters, hyphenated words, and "co2")."""
    return TOKEN.findall(text.lower())


def terms(tokens: Sequence[str]) -> list[str]:
    """Return the unigrams, stems (first six letters) and bigrams of content words."""
    content = [t for t in tokens if t not in STOPWORDS]
    found = list(content)
    found += [f"{t[:STEM_CHARS]}~" for t in content if len(t) > STEM_CHARS]
    found += [f"{a} {b}" for a, b in itertools.pairwise(content)]
    return found


@dataclass
class TfidfVectorizer:
    """Sublinear TF-IDF over a fixed vocabulary, L2-normalised rows."""

    vocabulary: dict[str, int]
    idf: np.ndarray

    @classmethod
    def fit(
        cls, texts: Iterable[str], min_df: int = 3, max_features: int = 60000
    ) -> TfidfVectorizer:
        """Learn the vocabulary (most frequent terms by document frequency) and IDF."""
        df: Counter[str] = Counter()
        n_docs = 0
        for text in texts:
            df.update(set(terms(tokenize(text))))
            n_docs += 1
        kept = sorted((t for t, c in df.items() if c >= min_df), key=lambda t: (-df[t], t))
        kept = sorted(kept[:max_features])
        idf = np.array([math.log((1 + n_docs) / (1 + df[t])) + 1 for t in kept], np.float32)
        return cls({t: i for i, t in enumerate(kept)}, idf)

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Return the TF-IDF matrix of the texts."""
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        for row, text in enumerate(texts):
            counts = Counter(terms(tokenize(text)))
            for term, count in counts.items():
                col = self.vocabulary.get(term)
                if col is not None:
                    rows.append(row)
                    cols.append(col)
                    vals.append((1 + math.log(count)) * float(self.idf[col]))
        matrix = sparse.csr_matrix(
            (np.array(vals, np.float32), (rows, cols)),
            shape=(len(texts), len(self.vocabulary)),
            dtype=np.float32,
        )
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1))).ravel()
        norms[norms == 0] = 1.0
        return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)

    def terms_by_index(self) -> list[str]:
        """Return the vocabulary as a list ordered by column."""
        ordered = [""] * len(self.vocabulary)
        for term, index in self.vocabulary.items():
            ordered[index] = term
        return ordered


@dataclass(frozen=True)
class KeywordHit:
    """A keyword concept found in a text, with its surface form."""

    goal: int
    concept: int
    phrase: str


class KeywordMatcher:
    """Find the hand-written SDG keyword concepts of one language in a text."""

    def __init__(self, lexicon: dict[int, list[dict[str, str]]], language: str) -> None:
        self._exact: dict[str, list[tuple[int, int, list[str]]]] = {}
        self._prefix: dict[str, list[tuple[int, int, list[str]]]] = {}
        for goal, concepts in lexicon.items():
            for number, concept in enumerate(concepts):
                words = concept[language].lower().split()
                entry = (goal, number, words)
                first = words[0]
                if first.endswith("*"):
                    self._prefix.setdefault(first[:-1], []).append(entry)
                else:
                    self._exact.setdefault(first, []).append(entry)
        self._prefix_lengths = sorted({len(p) for p in self._prefix})
        self._memo: dict[str, list[tuple[int, int, list[str]]]] = {}

    @staticmethod
    def _word_matches(pattern: str, token: str) -> bool:
        return token.startswith(pattern[:-1]) if pattern.endswith("*") else token == pattern

    def _candidates(self, token: str) -> list[tuple[int, int, list[str]]]:
        cached = self._memo.get(token)
        if cached is not None:
            return cached
        found = list(self._exact.get(token, ()))
        for length in self._prefix_lengths:
            if length > len(token):
                break
            found += self._prefix.get(token[:length], ())
        if len(self._memo) > MEMO_LIMIT:
            self._memo.clear()
        self._memo[token] = found
        return found

    def find(self, text: str) -> list[KeywordHit]:
        """Return one hit per concept found, with the phrase as written in the text."""
        matches = list(TOKEN.finditer(text.lower()))
        tokens = [m.group(0) for m in matches]
        hits: dict[tuple[int, int], KeywordHit] = {}
        for i, token in enumerate(tokens):
            for goal, concept, words in self._candidates(token):
                end = i + len(words)
                if (goal, concept) in hits or end > len(tokens):
                    continue
                if all(self._word_matches(w, t) for w, t in zip(words, tokens[i:end], strict=True)):
                    phrase = text[matches[i].start() : matches[end - 1].end()]
                    hits[(goal, concept)] = KeywordHit(goal, concept, phrase)
        return list(hits.values())


def keyword_features(hits: Sequence[KeywordHit]) -> np.ndarray:
    """Return log(1 + number of distinct concepts) per goal, a 17-vector."""
    counts = np.zeros(17, dtype=np.float32)
    for hit in hits:
        counts[hit.goal - 1] += 1
    return np.log1p(counts)
