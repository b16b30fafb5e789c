from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from obieg.classify import Classifier
from obieg.classify.cli import main, run_jsonl

HEATING_EN = (
    "The city will modernise the district heating network and replace coal boilers "
    "with heat pumps, cutting emissions and energy bills for households."
)


def _run(classifier: Classifier, lines: list[str]) -> list[dict[str, Any]]:
    out = io.StringIO()
    run_jsonl(classifier, lines, out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_it_answers_every_line_in_order_with_the_contract_fields(
    lexical_classifier: Classifier,
) -> None:
    lines = [json.dumps({"id": i, "text": HEATING_EN}) for i in ("a", "b", 3)]

    records = _run(lexical_classifier, lines)

    assert [r["id"] for r in records] == ["a", "b", 3]
    for record in records:
        assert {"language", "labels", "goals", "green_deal", "taxonomy", "model"} <= set(record)
        assert record["language"] == "en"
        decided = [g["goal"] for g in record["goals"] if g["decided"]]
        assert sorted(decided) == record["labels"]
        assert 7 in record["labels"]


def test_it_reports_bad_lines_by_number_and_goes_on(lexical_classifier: Classifier) -> None:
    lines = [
        "{not json",
        json.dumps({"id": 2}),
        json.dumps([1]),
        json.dumps({"id": 4, "text": "x"}),
    ]

    records = _run(lexical_classifier, lines)

    assert [r.get("line") for r in records[:3]] == [1, 2, 3]
    assert all("error" in r for r in records[:3])
    assert records[1]["id"] == 2
    assert "error" not in records[3]
    assert records[3]["id"] == 4


def test_it_gives_the_same_output_for_the_same_input(lexical_classifier: Classifier) -> None:
    lines = [json.dumps({"id": 1, "text": HEATING_EN})]

    assert _run(lexical_classifier, lines) == _run(lexical_classifier, lines)


def test_main_reads_stdin_in_jsonl_mode(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        "sys.stdin", io.StringIO(json.dumps({"id": "x", "text": HEATING_EN}) + "\n")
    )

    status = main(["--jsonl", "--lexical"])

    record = json.loads(capsys.readouterr().out)
    assert status == 0
    assert record["id"] == "x"
    assert record["model"] == "lexical"


def test_main_writes_a_readable_report_for_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "strategy.txt"
    path.write_text(HEATING_EN + "\f" + "Schools and teachers. " * 20, encoding="utf-8")

    status = main([str(path), "--lexical"])

    report = capsys.readouterr().out
    assert status == 0
    assert "SDG" in report
    assert "page 1" in report
    assert "model: lexical" in report


def test_main_reports_an_unreadable_file_in_json_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fake.pdf"
    path.write_bytes(b"not a pdf at all")

    status = main([str(path), "--lexical", "--format", "json"])

    assert status == 1
    assert json.loads(capsys.readouterr().out)[0]["code"] == "not_pdf"


def test_main_refuses_files_and_jsonl_together() -> None:
    assert main(["--jsonl", "x.txt"]) == 2
