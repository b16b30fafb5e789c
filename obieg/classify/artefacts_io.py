"""Read and write the classifier artefacts: numpy ``.npz`` files (no pickle) and a JSON manifest."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ARTEFACT_DIR = Path(__file__).parent / "artefacts"
MANIFEST = "manifest.json"
LEXICAL = "lexical.npz"


class ArtefactsMissing(RuntimeError):
    """Raised when the trained artefacts are absent or unreadable."""


@dataclass
class Artefacts:
    """Everything the classifier loads: head weights, prototypes and the manifest."""

    manifest: dict[str, Any]
    lexical: dict[str, np.ndarray]
    encoder: dict[str, np.ndarray] | None


def encoder_file(encoder_name: str) -> str:
    """Return the artefact file name for an encoder's head."""
    slug = "".join(ch if ch.isalnum() else "-" for ch in encoder_name).strip("-")
    return f"encoder-{slug}.npz"


def _load_npz(path: Path) -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=False) as data:
        return {key: data[key] for key in data.files}


def load_artefacts(directory: Path | None, encoder_name: str | None) -> Artefacts:
    """Load the manifest, the lexical head and, if named and present, the encoder head."""
    directory = directory or ARTEFACT_DIR
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
        lexical = _load_npz(directory / LEXICAL)
    except (OSError, ValueError) as exc:
        raise ArtefactsMissing(
            f"classifier artefacts missing in {directory}: run "
            "`python -m obieg.classify.train` first"
        ) from exc
    encoder = None
    if encoder_name is not None:
        path = directory / encoder_file(encoder_name)
        if not path.exists():
            raise ArtefactsMissing(
                f"no trained head for encoder {encoder_name!r} in {directory}: "
                f"run `python -m obieg.classify.train --encoder {encoder_name}`"
            )
        encoder = _load_npz(path)
    return Artefacts(manifest, lexical, encoder)


def save_npz(path: Path, arrays: dict[str, np.ndarray]) -> str:
    """Save arrays compressed and return the SHA-256 of the file."""
    np.savez_compressed(path, **arrays)  # type: ignore[arg-type]  # numpy stubs mistype **kwds
    return hashlib.sha256(path.read_bytes()).hexdigest()
