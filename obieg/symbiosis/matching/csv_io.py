"""Read offers and needs from CSV and write matches, with errors that name row and column."""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from obieg.symbiosis.matching.allocation import Allocation
from obieg.symbiosis.matching.reference import UnknownCodeError, is_known_prefix, normalise_code
from obieg.symbiosis.matching.streams import Need, Offer, StreamError

OFFER_COLUMNS = ("id", "ewc_code", "description", "quantity_t", "lat", "lon")
NEED_COLUMNS = (
    "id",
    "accepted_codes",
    "description",
    "quantity_t",
    "lat",
    "lon",
    "max_distance_km",
)
MATCH_COLUMNS = ("offer_id", "need_id", "quantity_t", "distance_km", "tkm")

T = TypeVar("T")


class CsvFormatError(ValueError):
    """A bad cell: which file, which line (the header is line 1), which column, and why."""

    def __init__(self, path: Path, line: int, column: str, message: str) -> None:
        super().__init__(f"{path.name}: line {line}, column '{column}': {message}")
        self.path, self.line, self.column = path, line, column


def _rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        for column in required:
            if column not in header:
                raise CsvFormatError(path, 1, column, "missing column in header")
        for row in reader:
            if None in row:
                raise CsvFormatError(path, reader.line_num, "-", "more cells than header columns")
            yield reader.line_num, row


def _cell(path: Path, line: int, row: dict[str, str], column: str, parse: Callable[[str], T]) -> T:
    raw = (row.get(column) or "").strip()
    try:
        return parse(raw)
    except (ValueError, UnknownCodeError) as exc:
        reason = exc.args[0] if exc.args else str(exc)
        raise CsvFormatError(path, line, column, f"{reason} (got {raw!r})") from None


def _number(low: float, high: float) -> Callable[[str], float]:
    def parse(raw: str) -> float:
        try:
            value = float(raw)
        except ValueError:
            raise ValueError("must be a number") from None
        if not math.isfinite(value) or not low <= value <= high:
            raise ValueError(f"must be a number between {low:g} and {high:g}")
        return value

    return parse


def _text_id(raw: str) -> str:
    if not raw:
        raise ValueError("must not be empty")
    return raw


def _waste_code(raw: str) -> str:
    digits = normalise_code(raw)
    if len(digits) != 6 or not is_known_prefix(digits):
        raise ValueError("must be a 6-digit code of the List of Waste")
    return digits


def _accepted_codes(raw: str) -> tuple[str, ...]:
    parts = [p.strip() for p in raw.split(";") if p.strip()]
    if not parts:
        raise ValueError("must list at least one code or prefix")
    for part in parts:
        digits = normalise_code(part)
        if len(digits) not in (2, 4, 6) or not is_known_prefix(digits):
            raise ValueError(f"{part!r} is not a known 2-, 4- or 6-digit waste code")
    return tuple(normalise_code(p) for p in parts)


def _flag(raw: str) -> bool:
    if raw.lower() in ("", "0", "false", "no"):
        return False
    if raw.lower() in ("1", "true", "yes"):
        return True
    raise ValueError("must be true or false")


QUANTITY = _number(0, 1e12)
LATITUDE = _number(-90, 90)
LONGITUDE = _number(-180, 180)
OPTIONAL_QUANTITY = _number(0, 1e12)


def _check_unique(path: Path, line: int, seen: set[str], stream_id: str) -> None:
    if stream_id in seen:
        raise CsvFormatError(path, line, "id", f"duplicate id {stream_id!r}")
    seen.add(stream_id)


def read_offers_csv(path: Path) -> list[Offer]:
    """Read OFFERS.csv (id,ewc_code,description,quantity_t,lat,lon[,min_lot_t])."""
    offers, seen = [], set[str]()
    for line, row in _rows(path, OFFER_COLUMNS):
        stream_id = _cell(path, line, row, "id", _text_id)
        _check_unique(path, line, seen, stream_id)
        lot = _cell(path, line, row, "min_lot_t", lambda r: OPTIONAL_QUANTITY(r) if r else 0.0)
        try:
            offers.append(
                Offer(
                    id=stream_id,
                    ewc_code=_cell(path, line, row, "ewc_code", _waste_code),
                    description=row.get("description") or "",
                    quantity=_cell(path, line, row, "quantity_t", QUANTITY),
                    lat=_cell(path, line, row, "lat", LATITUDE),
                    lon=_cell(path, line, row, "lon", LONGITUDE),
                    min_lot=lot,
                )
            )
        except StreamError as exc:
            raise CsvFormatError(path, line, "-", str(exc)) from None
    return offers


def read_needs_csv(path: Path) -> list[Need]:
    """Read NEEDS.csv (id,accepted_codes,description,quantity_t,lat,lon,max_distance_km[,...])."""
    needs, seen = [], set[str]()
    for line, row in _rows(path, NEED_COLUMNS):
        stream_id = _cell(path, line, row, "id", _text_id)
        _check_unique(path, line, seen, stream_id)
        lot = _cell(path, line, row, "min_lot_t", lambda r: OPTIONAL_QUANTITY(r) if r else 0.0)
        try:
            needs.append(
                Need(
                    id=stream_id,
                    accepted_codes=_cell(path, line, row, "accepted_codes", _accepted_codes),
                    description=row.get("description") or "",
                    quantity=_cell(path, line, row, "quantity_t", QUANTITY),
                    lat=_cell(path, line, row, "lat", LATITUDE),
                    lon=_cell(path, line, row, "lon", LONGITUDE),
                    max_distance_km=_cell(path, line, row, "max_distance_km", _number(0, 40100)),
                    accepts_hazardous=_cell(path, line, row, "accepts_hazardous", _flag),
                    min_lot=lot,
                )
            )
        except StreamError as exc:
            raise CsvFormatError(path, line, "-", str(exc)) from None
    return needs


def write_matches_csv(path: Path, allocation: Allocation) -> None:
    """Write MATCHES.csv: offer_id,need_id,quantity_t,distance_km,tkm."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(MATCH_COLUMNS)
        for f in allocation.flows:
            writer.writerow(
                [f.offer_id, f.need_id, f"{f.quantity:.3f}", f"{f.distance_km:.3f}", f"{f.tkm:.3f}"]
            )
