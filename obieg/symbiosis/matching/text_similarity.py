"""Multilingual text similarity: hashed character n-grams by default, embeddings when plugged in."""

from __future__ import annotations

import unicodedata
import zlib
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray

# Turns a batch of texts into an (n, d) array; rows need not be normalised.
Embedder = Callable[[Sequence[str]], NDArray[np.floating]]

# 512 buckets keep a 10,000-listing matrix at 20 MB (float32) while collisions stay
# rare for the short descriptions listings carry.
HASH_DIMENSIONS = 512
NGRAM_SIZES = (3, 4)


def fold_text(text: str) -> str:
    """Lower-case, strip diacritics and punctuation, collapse spaces."""
    # Strip diacritics so 'popiół' and 'popiol' share n-grams across spellings.
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("ł", "l"))
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join("".join(ch if ch.isalnum() else " " for ch in kept).split())


def _ngrams(text: str) -> list[str]:
    padded = f" {fold_text(text)} "
    return [padded[i : i + n] for n in NGRAM_SIZES for i in range(len(padded) - n + 1)]


def char_ngram_vectors(texts: Sequence[str]) -> NDArray[np.float32]:
    """Hash character 3-/4-grams into L2-normalised vectors (zero rows for empty text)."""
    # Listings often repeat a default description, so each distinct text is hashed once.
    distinct: dict[str, int] = {}
    rows = np.array([distinct.setdefault(t, len(distinct)) for t in texts], dtype=np.intp)
    out = np.zeros((len(distinct), HASH_DIMENSIONS), dtype=np.float32)
    for row, text in enumerate(distinct):
        grams = _ngrams(text)
        if grams:
            buckets = [zlib.crc32(g.encode("utf-8")) % HASH_DIMENSIONS for g in grams]
            np.add.at(out[row], buckets, 1.0)
    return normalise_rows(out)[rows]


def normalise_rows(matrix: NDArray[np.floating]) -> NDArray[np.float32]:
    """Scale every row to unit length, leaving zero rows at zero."""
    m = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return np.divide(m, norms, out=np.zeros_like(m), where=norms > 0)


def pair_similarity(
    left: NDArray[np.float32],
    right: NDArray[np.float32],
    left_idx: NDArray[np.intp],
    right_idx: NDArray[np.intp],
    chunk: int = 1024,
) -> NDArray[np.float32]:
    """Cosine similarity for index pairs, in chunks so memory stays bounded."""
    # Small chunks keep the gathered rows in cache: 1024 is ~5x faster than 65536 here.
    out = np.empty(len(left_idx), dtype=np.float32)
    for start in range(0, len(left_idx), chunk):
        stop = start + chunk
        a, b = left[left_idx[start:stop]], right[right_idx[start:stop]]
        out[start:stop] = np.einsum("ij,ij->i", a, b)
    return np.clip(out, 0.0, 1.0)


def text_similarity(a: str, b: str, embed: Embedder | None = None) -> float:
    """Similarity of two texts in [0, 1]."""
    vectors = normalise_rows(embed([a, b])) if embed else char_ngram_vectors([a, b])
    return float(np.clip(vectors[0] @ vectors[1], 0.0, 1.0))
