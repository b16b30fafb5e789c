"""Cash-flow import from CSV and XLSX, with problems named by row and column."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from obieg.pipeline.finance import CashFlowImportError, YearFlow, parse_cash_flows

FIXTURES = Path(__file__).parent / "fixtures"


def xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def problems_of(data: bytes, filename: str) -> list[tuple[int, str]]:
    with pytest.raises(CashFlowImportError) as caught:
        parse_cash_flows(data, filename)
    return [(p.row, p.column) for p in caught.value.problems]


def test_it_reads_a_semicolon_csv_with_decimal_commas_and_aliases() -> None:
    # given a Polish-style export
    data = (FIXTURES / "cash_flows_ok.csv").read_bytes()
    # when
    flows = parse_cash_flows(data, "case.csv")
    # then
    assert flows == [
        YearFlow(year=0, capex=1_000_000.5),
        YearFlow(year=1, opex=120_000.0, revenues=300_000.0, savings=25_000.5),
        YearFlow(
            year=2, opex=120_000.0, revenues=310_000.0, savings=25_000.0, residual_value=400_000.0
        ),
    ]


def test_it_reads_an_xlsx_sheet_with_numeric_and_text_cells() -> None:
    data = xlsx([["year", "capex", "revenue"], [0, 500, None], [1, None, "1,234.5"]])
    flows = parse_cash_flows(data, "Case.XLSX")
    assert flows == [YearFlow(year=0, capex=500.0), YearFlow(year=1, revenues=1234.5)]


def test_it_names_row_and_column_of_every_bad_cell() -> None:
    # given three bad cells on two rows
    data = b"year,capex,opex\n0,abc,1\n1,-5,\n,1,1\n"
    # when / then
    assert problems_of(data, "case.csv") == [(2, "capex"), (3, "capex"), (4, "year")]


def test_it_reports_a_duplicate_year_with_both_rows() -> None:
    with pytest.raises(CashFlowImportError) as caught:
        parse_cash_flows(b"year,capex\n0,1\n0,2\n", "case.csv")
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (3, "year")
    assert "row 2" in problem.message


def test_it_rejects_unknown_and_missing_header_columns() -> None:
    assert problems_of(b"when,capex,colour\n0,1,red\n", "case.csv") == [
        (1, "when"),
        (1, "colour"),
        (1, "year"),
    ]


def test_it_names_bad_cells_in_xlsx_too() -> None:
    data = xlsx([["year", "opex"], [0, 1], [1.5, "x"]])
    assert problems_of(data, "case.xlsx") == [(3, "year"), (3, "opex")]


def test_it_rejects_a_corrupt_xlsx_and_unknown_extensions() -> None:
    assert problems_of(b"not a zip", "case.xlsx") == [(0, "")]
    assert problems_of(b"year,capex\n", "case.pdf") == [(0, "")]


def test_it_rejects_a_table_without_data_rows() -> None:
    with pytest.raises(CashFlowImportError, match="no data rows"):
        parse_cash_flows(b"year,capex\n\n", "case.csv")


def test_the_error_message_reads_row_and_column() -> None:
    with pytest.raises(CashFlowImportError, match=r"row 2, column 'capex': not a number"):
        parse_cash_flows(b"year,capex\n0,abc\n", "case.csv")


def test_it_reports_a_formula_whose_result_was_never_saved() -> None:
    # given a sheet written by a script: openpyxl stores the formula but no cached result
    data = xlsx([["year", "capex"], [0, "=100*2"]])
    # when / then
    with pytest.raises(CashFlowImportError, match=r"row 2, column 'capex': formula without"):
        parse_cash_flows(data, "case.xlsx")
