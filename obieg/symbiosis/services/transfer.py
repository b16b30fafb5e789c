"""Bulk import and export of streams as CSV or XLSX, validated row by row."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from obieg.core.errors import ApplicationError
from obieg.directory.models import Organisation
from obieg.symbiosis import choices
from obieg.symbiosis.models import Stream, StreamImport
from obieg.symbiosis.services.streams import stream_create, stream_validate

REQUIRED_COLUMNS = ("kind", "category", "title", "quantity", "unit", "country")
IMPORT_COLUMNS = (
    *REQUIRED_COLUMNS,
    "description",
    "language",
    "ewc_code",
    "nace_code",
    "cpa_code",
    "frequency",
    "quality",
    "available_from",
    "available_until",
    "address",
    "city",
    "region",
    "lat",
    "lon",
    "accepted_codes",
    "treatments",
    "accepts_hazardous",
    "max_distance_km",
    "visibility",
)
EXPORT_COLUMNS = (
    "id",
    "organisation",
    "kind",
    "category",
    "title",
    "description",
    "language",
    "ewc_code",
    "hazardous",
    "nace_code",
    "cpa_code",
    "quantity",
    "unit",
    "frequency",
    "annual_quantity",
    "basis",
    "quality",
    "available_from",
    "available_until",
    "address",
    "city",
    "country",
    "region",
    "lat",
    "lon",
    "accepted_codes",
    "treatments",
    "accepts_hazardous",
    "max_distance_km",
    "visibility",
    "is_sample",
)
MAX_ROWS = 5000
FLOAT_COLUMNS = ("quantity", "lat", "lon", "max_distance_km")
DATE_COLUMNS = ("available_from", "available_until")


class CellError(ValueError):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


def _float(column: str, raw: str) -> float | None:
    if raw == "":
        return None
    try:
        return float(raw.replace(",", ".").replace(" ", ""))
    except ValueError:
        raise CellError(column, _("“%(value)s” is not a number.") % {"value": raw}) from None


def _date(column: str, raw: str) -> dt.date | None:
    if raw == "":
        return None
    try:
        return dt.date.fromisoformat(raw[:10])
    except ValueError:
        raise CellError(
            column, _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": raw}
        ) from None


def _flag(raw: str) -> bool:
    return raw.lower() in ("1", "true", "yes", "tak", "ano", "igen", "x")


def _split(raw: str) -> list[str]:
    return [p for p in raw.replace(",", ";").replace(" ", ";").split(";") if p]


def row_to_data(cells: dict[str, str]) -> tuple[dict[str, Any], list[CellError]]:
    """Turn one row's text cells into stream_create keywords, with cell-level errors."""
    errors: list[CellError] = []
    data: dict[str, Any] = {key: cells.get(key, "") for key in IMPORT_COLUMNS}
    for column in FLOAT_COLUMNS:
        try:
            data[column] = _float(column, data[column])
        except CellError as exc:
            errors.append(exc)
            data[column] = None
    for column in DATE_COLUMNS:
        try:
            data[column] = _date(column, data[column])
        except CellError as exc:
            errors.append(exc)
            data[column] = None
    language = data.pop("language") or "en"
    text = data.pop("description")
    data["original_language"] = language
    data["description"] = {language: text} if text else {}
    data["accepted_codes"] = _split(data["accepted_codes"])
    data["treatments"] = _split(data["treatments"])
    data["accepts_hazardous"] = _flag(data["accepts_hazardous"])
    for key in ("frequency", "visibility"):
        if not data[key]:
            data.pop(key)
    if data["quantity"] is None and not any(e.column == "quantity" for e in errors):
        errors.append(CellError("quantity", _("Give a quantity.")))
    return data, errors


def _csv_rows(content: bytes) -> Iterator[list[Any]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ApplicationError(
            _("The CSV file is not UTF-8 text."), field="file", status=422
        ) from None
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else "excel"
    yield from csv.reader(io.StringIO(text), dialect)


def _xlsx_rows(content: bytes) -> Iterator[list[Any]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise ApplicationError(
            _("The XLSX file cannot be read."), field="file", status=422
        ) from exc
    sheet = workbook.worksheets[0]
    for row in sheet.iter_rows(values_only=True):
        yield list(row)


def read_table(filename: str, content: bytes) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and (spreadsheet row number, cells) of a CSV or XLSX file."""
    rows = _xlsx_rows(content) if filename.lower().endswith(".xlsx") else _csv_rows(content)
    header = [_text(h).lower() for h in next(rows, [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise ApplicationError(
            _("The header lacks the column(s) %(columns)s.") % {"columns": ", ".join(missing)},
            field="file",
            status=422,
        )
    table = []
    for number, row in enumerate(rows, start=2):
        cells = {name: _text(value) for name, value in zip(header, row, strict=False) if name}
        if any(cells.values()):
            table.append((number, cells))
        if len(table) > MAX_ROWS:
            raise ApplicationError(
                _("At most %(n)d rows per file.") % {"n": MAX_ROWS}, field="file", status=422
            )
    return header, table


def _check_rows(
    table: list[tuple[int, dict[str, str]]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    valid, errors = [], []
    for number, cells in table:
        data, cell_errors = row_to_data(cells)
        _clean, field_errors = stream_validate(data)
        problems = [(e.column, str(e)) for e in cell_errors]
        seen = {column for column, _message in problems}
        problems += [(e.field, e.message) for e in field_errors if e.field not in seen]
        for column, message in problems:
            errors.append({"row": number, "column": column, "message": message})
        if not problems:
            valid.append({"row": number, "cells": cells})
    return valid, errors


@transaction.atomic
def stream_import_create(
    *, organisation: Organisation, user: Any, filename: str, content: bytes
) -> StreamImport:
    """Validate a file; import it at once when every row is valid, else keep the report."""
    _header, table = read_table(filename, content)
    if not table:
        raise ApplicationError(_("The file has no data rows."), field="file", status=422)
    valid, errors = _check_rows(table)
    stream_import = StreamImport.objects.create(
        organisation=organisation,
        filename=filename[:255],
        total_rows=len(table),
        valid_rows=valid,
        errors=errors,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    if not errors:
        _import_rows(stream_import, user)
    return stream_import


def _import_rows(stream_import: StreamImport, user: Any) -> None:
    for row in stream_import.valid_rows:
        data, _errors = row_to_data(row["cells"])
        stream_create(organisation=stream_import.organisation, created_by=user, **data)
    stream_import.imported_count = len(stream_import.valid_rows)
    stream_import.status = choices.ImportStatus.IMPORTED
    stream_import.save(update_fields=["imported_count", "status", "updated_at"])


@transaction.atomic
def stream_import_accept(*, stream_import: StreamImport, user: Any) -> StreamImport:
    """Import the valid rows of a file that had errors (the user accepts a partial import)."""
    if stream_import.status != choices.ImportStatus.VALIDATED:
        raise ApplicationError(_("This import was already decided."), field="status", status=422)
    if not stream_import.valid_rows:
        raise ApplicationError(_("No row of this file is valid."), field="status", status=422)
    _import_rows(stream_import, user)
    return stream_import


@transaction.atomic
def stream_import_discard(*, stream_import: StreamImport) -> StreamImport:
    """Drop a validated file without importing anything."""
    if stream_import.status != choices.ImportStatus.VALIDATED:
        raise ApplicationError(_("This import was already decided."), field="status", status=422)
    stream_import.status = choices.ImportStatus.DISCARDED
    stream_import.save(update_fields=["status", "updated_at"])
    return stream_import


def export_row(stream: Stream) -> list[Any]:
    """One stream as export cells; expects `present()`ed streams (identity masked)."""
    shown = {key: getattr(stream, f"shown_{key}") for key in ("address", "city", "lat", "lon")}
    organisation = getattr(stream, "shown_organisation", None)
    return [
        stream.pk,
        organisation.name if organisation else _("(anonymous)"),
        stream.kind,
        stream.category,
        stream.title,
        stream.description.get(stream.original_language, ""),
        stream.original_language,
        stream.ewc_code,
        stream.hazardous,
        stream.nace_code,
        stream.cpa_code,
        stream.quantity,
        stream.unit,
        stream.frequency,
        round(stream.annual_quantity, 3),
        stream.basis,
        stream.quality,
        stream.available_from or "",
        stream.available_until or "",
        shown["address"],
        shown["city"],
        stream.country_id,
        stream.region_id or "",
        shown["lat"],
        shown["lon"],
        ";".join(stream.accepted_codes),
        ";".join(stream.treatments),
        stream.accepts_hazardous,
        "" if stream.max_distance_km is None else stream.max_distance_km,
        stream.visibility,
        stream.is_sample,
    ]


def export_csv(streams: Iterable[Stream]) -> bytes:
    """Streams as a UTF-8 CSV (with BOM so that spreadsheets read the accents)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for stream in streams:
        writer.writerow(export_row(stream))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(streams: Iterable[Stream]) -> bytes:
    """Streams as an XLSX workbook with one sheet."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("streams")
    sheet.append(list(EXPORT_COLUMNS))
    for stream in streams:
        sheet.append([_xlsx_cell(v) for v in export_row(stream)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(value: Any) -> Any:
    return str(value) if isinstance(value, dt.date) else value
