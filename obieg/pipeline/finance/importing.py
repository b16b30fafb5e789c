"""Parse yearly cash flows from an uploaded CSV or XLSX file, naming every bad cell."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from obieg.pipeline.finance.flows import DRIVERS, YearFlow

# Header spellings accepted for each column (compared lower-cased, spaces -> underscores).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "year": ("year", "year_index", "t", "period"),
    "capex": ("capex", "investment", "investment_cost", "capital_expenditure"),
    "opex": ("opex", "operating_cost", "operating_costs", "operating_expenditure"),
    "revenues": ("revenues", "revenue", "income", "sales"),
    "savings": ("savings", "cost_savings", "saving"),
    "residual_value": ("residual_value", "residual", "salvage_value", "terminal_value"),
}
MAX_ROWS = 200
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$")


@dataclass(frozen=True)
class ImportProblem:
    """One problem in an uploaded table; row 1 is the header row, as spreadsheets count."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column '{self.column}'" if self.column else "")
        return f"{where}: {self.message}"


class CashFlowImportError(ValueError):
    """Raised with every problem found in an uploaded cash-flow table."""

    def __init__(self, problems: Sequence[ImportProblem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


def parse_cash_flows(data: bytes, filename: str) -> list[YearFlow]:
    """Parse a CSV or XLSX table with a year column and driver columns into YearFlows."""
    rows = _read_table(data, filename)
    if not rows:
        raise CashFlowImportError([ImportProblem(1, "", "the file has no header row")])
    columns, problems = _map_header(rows[0])
    flows: list[YearFlow] = []
    seen: dict[int, int] = {}
    for number, raw in enumerate(rows[1:], start=2):
        if all(_blank(cell) for cell in raw):
            continue
        flow = _parse_row(number, raw, columns, problems)
        if flow is None:
            continue
        if flow.year in seen:
            problems.append(
                ImportProblem(number, "year", f"year {flow.year} already on row {seen[flow.year]}")
            )
        seen.setdefault(flow.year, number)
        flows.append(flow)
    if not flows and not problems:
        problems.append(ImportProblem(2, "", "the table has no data rows"))
    if problems:
        raise CashFlowImportError(problems)
    return sorted(flows, key=lambda f: f.year)


def _read_table(data: bytes, filename: str) -> list[list[Any]]:
    name = filename.lower()
    if name.endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data)
    if name.endswith((".csv", ".txt")):
        return _read_csv(data)
    raise CashFlowImportError([ImportProblem(0, "", f"unsupported file type: {filename!r}")])


def _read_csv(data: bytes) -> list[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1250")  # Central-European Excel exports
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # a one-column file defeats the sniffer
    rows = list(csv.reader(io.StringIO(text), dialect))
    _check_size(rows)
    return [list(r) for r in rows]


class _UnsavedFormula:
    """A formula cell whose result was never saved (files written by scripts, not Excel)."""

    def __repr__(self) -> str:
        return "a formula"


def _read_xlsx(data: bytes) -> list[list[Any]]:
    values = _xlsx_rows(data, data_only=True)
    # Cached results are all openpyxl can read; without them a formula would silently read as
    # a blank (zero) amount, so such cells are marked and reported.
    formulas = _xlsx_rows(data, data_only=False)
    for value_row, formula_row in zip(values, formulas, strict=False):
        for k, (value, formula) in enumerate(zip(value_row, formula_row, strict=False)):
            if value is None and isinstance(formula, str) and formula.startswith("="):
                value_row[k] = _UnsavedFormula()
    _check_size(values)
    return values


def _xlsx_rows(data: bytes, *, data_only: bool) -> list[list[Any]]:
    import openpyxl  # imported lazily: only uploads of spreadsheets need it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except Exception as exc:  # openpyxl raises many unrelated types for a corrupt file
        problem = ImportProblem(0, "", f"not a readable XLSX file ({exc})")
        raise CashFlowImportError([problem]) from exc
    sheet = book.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(max_row=MAX_ROWS + 2, values_only=True)]
    book.close()
    return rows


def _check_size(rows: list[Any]) -> None:
    if len(rows) > MAX_ROWS + 1:
        message = f"more than {MAX_ROWS} data rows; a case covers at most {MAX_ROWS} years"
        raise CashFlowImportError([ImportProblem(MAX_ROWS + 2, "", message)])


def _map_header(header: Iterable[Any]) -> tuple[dict[str, int], list[ImportProblem]]:
    lookup = {alias: name for name, aliases in COLUMN_ALIASES.items() for alias in aliases}
    columns: dict[str, int] = {}
    problems: list[ImportProblem] = []
    for index, cell in enumerate(header):
        key = re.sub(r"[\s\-]+", "_", str(cell or "").strip().lower())
        if not key:
            continue
        name = lookup.get(key)
        if name is None:
            problems.append(ImportProblem(1, str(cell), "unknown column"))
        elif name in columns:
            problems.append(ImportProblem(1, str(cell), f"second column for '{name}'"))
        else:
            columns[name] = index
    if "year" not in columns:
        problems.append(ImportProblem(1, "year", "required column is missing"))
    if not set(columns) & set(DRIVERS):
        problems.append(ImportProblem(1, "", f"no amount column; expected any of {DRIVERS}"))
    return columns, problems


def _parse_row(
    number: int, raw: list[Any], columns: dict[str, int], problems: list[ImportProblem]
) -> YearFlow | None:
    values: dict[str, float] = {}
    before = len(problems)
    for name, index in columns.items():
        cell = raw[index] if index < len(raw) else None
        value, message = _number(cell)
        if name == "year" and _blank(cell):
            message = "year is missing"
        if message is None and name != "year" and value < 0:
            message = "must not be negative; enter costs and revenues as positive amounts"
        if message is None and name == "year" and (value != int(value) or value < 0):
            message = "year must be a whole number >= 0"
        if message:
            problems.append(ImportProblem(number, name, f"{message} (got {cell!r})"))
        values[name] = value
    if len(problems) > before or "year" not in values:
        return None
    year = int(values.pop("year"))
    return YearFlow(year=year, **values)


def _number(cell: Any) -> tuple[float, str | None]:
    if _blank(cell):
        return 0.0, None
    if isinstance(cell, _UnsavedFormula):
        return 0.0, "formula without a saved result; open and save the file in a spreadsheet"
    if isinstance(cell, bool):
        return 0.0, "not a number"
    if isinstance(cell, int | float):
        return float(cell), None if cell == cell and abs(cell) != float("inf") else "not finite"
    text = re.sub(r"[\s\u00a0']", "", str(cell))
    if "," in text and "." in text:
        # The later separator is the decimal one: 1,234.5 and 1.234,5 both read 1234.5.
        thousands = "," if text.rfind(",") < text.rfind(".") else "."
        text = text.replace(thousands, "")
    text = text.replace(",", ".")
    if not _NUMBER.match(text):
        return 0.0, "not a number"
    return float(text), None


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())
