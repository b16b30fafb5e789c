"""Load the labelled SDG texts of ``../shared/data/sdg_labelled``: shippable and evaluation-only.

Only the sets in ``SHIPPABLE`` may train artefacts that ship; the others are read by the bench
scripts for evaluation (see ``sdg_labelled/SOURCES.md``).
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

csv.field_size_limit(1 << 30)

LABEL_PATTERN = re.compile(r"SDG\s*0*(\d+)", re.IGNORECASE)


@dataclass(frozen=True)
class LabelledText:
    """A labelled text; ``exhaustive`` means absent goals are known negatives (multi-label gold)."""

    text: str
    goals: frozenset[int]
    source: str
    exhaustive: bool = False


def text_key(text: str) -> str:
    """Return the deduplication key: lower-case alphanumerics only."""
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def split_bucket(text: str) -> float:
    """Map a text to a stable number in [0, 1) so that splits never depend on file order."""
    digest = hashlib.sha1(text_key(text).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def _repair_mojibake(text: str) -> str:
    # The ORO files were UTF-8 decoded as Mac Roman once (U+201A U+00C4 for a quote mark).
    if "\u201a\u00c4" in text or "\u221a" in text:
        try:
            return text.encode("mac_roman").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return text
    return text


def _join(*parts: str | None) -> str:
    pieces = [re.sub(r"\s+", " ", p).strip() for p in parts if p and p.strip()]
    return ". ".join(p.rstrip(".") for p in pieces if p) + ("." if pieces else "")


def _goals(raw: str) -> frozenset[int]:
    found = {int(n) for n in LABEL_PATTERN.findall(raw)}
    if not found and raw.strip().replace(".0", "").isdigit():
        found = {int(float(raw))}
    return frozenset(g for g in found if 1 <= g <= 17)


def _rows(path: Path, delimiter: str = ",") -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        yield from csv.DictReader(fh, delimiter=delimiter)


def _tub_qu(root: Path) -> Iterator[LabelledText]:
    for row in _rows(root / "tub-qu-sdg" / "original_data.csv"):
        yield LabelledText(row["Text"], _goals(row["SDG"]), "tub-qu")


def _trail22(root: Path) -> Iterator[LabelledText]:
    base = root / "trail22-sdg-challenge"
    for name in ("Train_data.csv", "Test_data.csv"):
        for row in _rows(base / name):
            yield LabelledText(_join(row.get("header"), row["text"]), _goals(row["SDG"]), "trail22")
    for row in _rows(base / "Final_Additional_Data.csv", delimiter="\t"):
        yield LabelledText(row["text"], _goals(row["SDG"]), "trail22-additional")


def _uzh_zora(root: Path) -> Iterator[LabelledText]:
    for row in _rows(root / "uzh-zora-sdg" / "zora_original.tsv", delimiter="\t"):
        if row.get("Abstract", "").strip():
            yield LabelledText(row["Abstract"], _goals(row["SDG"]), "uzh-zora")


def _aurora_oro(root: Path) -> Iterator[LabelledText]:
    base = root / "core-oro-aurora-survey"
    for row in _rows(base / "aurora_survey_final.txt", delimiter="\t"):
        text = _repair_mojibake(_join(row["title"], row.get("abstract")))
        yield LabelledText(text, _goals(row["labels"]), "aurora-survey")
    for row in _rows(base / "oro_gold_dataset.txt", delimiter="\t"):
        text = _repair_mojibake(_join(row["title"], row.get("abstract")))
        yield LabelledText(text, _goals(row["labels"]), "oro-gold", exhaustive=True)


def _osdg(root: Path) -> Iterator[LabelledText]:
    for row in _rows(root / "hslu-fankto-zora-osdg" / "zo_up.csv"):
        if not row["id"].startswith("oai"):
            yield LabelledText(row["abstract"], _goals(row["sdg"]), "osdg-cd")


def _tub_jakob(root: Path) -> Iterator[LabelledText]:
    base = root / "tub-jakob-sdg-reports"
    for name in ("text_test.csv", "text_val.csv"):
        for row in _rows(base / name):
            goals = frozenset(g for g in range(1, 18) if row[str(g)].strip() in ("1", "1.0"))
            yield LabelledText(row["text"], goals, f"tub-jakob-{name[5:-4]}", exhaustive=True)


def _swisstext(root: Path) -> Iterator[LabelledText]:
    with (root / "swisstext2024-sdg" / "testdata_results.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            goals = frozenset(int(g) for g in row.get("SDGS") or [row["SDG"]] if 1 <= int(g) <= 17)
            text = _join(row["TITLE"], row["ABSTRACT"])
            yield LabelledText(text, goals, "swisstext-test", exhaustive=True)


def _vu_tmd(root: Path) -> Iterator[LabelledText]:
    for row in _rows(root / "vu-tmd-aurora-scopus" / "SDG-test-all.csv"):
        yield LabelledText(_join(row["title"], row["abstract"]), _goals(row["SDG_label"]), "vu-tmd")


def _scopus(root: Path) -> Iterator[LabelledText]:
    for path in sorted((root / "scopus-sdg-sets").glob("*.csv")):
        for row in _rows(path):
            text = _join(row.get("Title"), row.get("Abstract"))
            yield LabelledText(text, frozenset({int(path.stem)}), "scopus")


Loader = Callable[[Path], Iterator[LabelledText]]
SHIPPABLE: dict[str, Loader] = {
    "tub-qu": _tub_qu,
    "trail22": _trail22,
    "uzh-zora": _uzh_zora,
    "aurora-oro": _aurora_oro,
    "osdg-cd": _osdg,
}
EVALUATION_ONLY: dict[str, Loader] = {
    "tub-jakob": _tub_jakob,
    "swisstext-test": _swisstext,
    "vu-tmd": _vu_tmd,
    "scopus": _scopus,
}


def deduplicate(items: Iterable[LabelledText], min_chars: int = 25) -> list[LabelledText]:
    """Merge texts with the same key; their labels are united and kept once."""
    merged: dict[str, LabelledText] = {}
    for item in items:
        key = text_key(item.text)
        if len(key) < min_chars or (not item.goals and not item.exhaustive):
            continue
        seen = merged.get(key)
        if seen is None:
            merged[key] = item
        else:
            merged[key] = LabelledText(
                seen.text, seen.goals | item.goals, seen.source, seen.exhaustive or item.exhaustive
            )
    return list(merged.values())


def load_shippable(data_root: Path) -> list[LabelledText]:
    """Return every shippable labelled text, deduplicated."""
    root = data_root / "sdg_labelled"
    return deduplicate(item for loader in SHIPPABLE.values() for item in loader(root))


def load_evaluation_only(data_root: Path, name: str) -> list[LabelledText]:
    """Return one evaluation-only set, deduplicated within itself."""
    return deduplicate(EVALUATION_ONLY[name](data_root / "sdg_labelled"))


@dataclass(frozen=True)
class Split:
    """The train / validation / test parts of the shippable labelled texts."""

    train: list[LabelledText]
    validation: list[LabelledText]
    test: list[LabelledText]


def split_shippable(items: list[LabelledText]) -> Split:
    """Split 70 / 15 / 15 by a hash of the deduplicated text, so a text sits in one part only."""
    parts: tuple[list[LabelledText], list[LabelledText], list[LabelledText]] = ([], [], [])
    for item in items:
        bucket = split_bucket(item.text)
        parts[0 if bucket < 0.70 else 1 if bucket < 0.85 else 2].append(item)
    return Split(*parts)
