"""Build FundingInstrument dataclasses from the shipped programme, parameter and call files."""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from obieg.pipeline.funding_rules.model import STAGES, Call, FundingInstrument

DATA = Path(__file__).resolve().parent.parent / "data"

# How the curated list spells instrument types, mapped onto the six the matcher knows.
TYPE_SPELLINGS: dict[str, str] = {
    "grant": "grant",
    "operating grant": "grant",
    "grant(cascade funding to smes)": "grant",
    "grant(tender)": "grant",
    "auction(fixed premium)": "grant",
    "loan": "loan",
    "guarantee": "guarantee",
    "equity": "equity",
    "equity(eic fund)": "equity",
    "financial instrument": "blended",
    "advisory": "advisory",
    "visibility(matchmaking)": "advisory",
}


@dataclass(frozen=True)
class TypeDefaults:
    """Indicative parameters for an instrument type when no programme row overrides them."""

    trl_min: int
    trl_max: int
    ticket_min_eur: float
    ticket_max_eur: float
    max_cofinancing_rate: float
    stages: tuple[str, ...]
    org_kinds: tuple[str, ...] = ()


# Indicative, unverified: typical shapes of each type in EU and V4 practice.
_LATE = ("investment_ready", "implementation")
_EARLY = ("idea", "concept", "feasibility", "structuring")
TYPE_DEFAULTS: dict[str, TypeDefaults] = {
    "grant": TypeDefaults(1, 9, 50_000, 20_000_000, 0.7, STAGES[1:6]),
    "loan": TypeDefaults(6, 9, 100_000, 50_000_000, 0.75, _LATE),
    "guarantee": TypeDefaults(6, 9, 100_000, 25_000_000, 0.8, _LATE),
    "equity": TypeDefaults(4, 9, 500_000, 15_000_000, 0.5, ("structuring", *_LATE), ("company",)),
    "blended": TypeDefaults(6, 9, 100_000, 30_000_000, 0.8, _LATE),
    "advisory": TypeDefaults(1, 9, 0, math.inf, 1.0, _EARLY),
}


def load_seed_instruments(data_dir: Path | None = None) -> list[FundingInstrument]:
    """Return one instrument per programme and instrument type, with its calls attached."""
    folder = data_dir or DATA
    parameters = _read_parameters(folder / "instrument_parameters.csv")
    calls = _read_calls(folder / "calls.csv")
    instruments = []
    for row in _read(folder / "programmes.csv"):
        for kind in _types(row["instrument_types"]):
            params = parameters.get((row["id"], kind), {})
            # Calls in the snapshot are grant topics, so they attach to the grant instrument.
            own_calls = tuple(calls.get(row["id"], ())) if kind == "grant" else ()
            instruments.append(_instrument(row, kind, params, own_calls))
    return instruments


def load_seed_calls(data_dir: Path | None = None) -> dict[str, list[Call]]:
    """Return the shipped calls grouped by programme id ('' when no programme matches)."""
    return _read_calls((data_dir or DATA) / "calls.csv")


def _instrument(
    row: Mapping[str, str], kind: str, params: Mapping[str, str], calls: tuple[Call, ...]
) -> FundingInstrument:
    d = TYPE_DEFAULTS[kind]

    def pick(column: str, default: object) -> str:
        return params.get(column) or str(default)

    # In a parameter row an empty ticket maximum means "no maximum".
    ticket_max = (params.get("ticket_max_eur") or "inf") if params else str(d.ticket_max_eur)
    return FundingInstrument(
        id=f"{row['id']}:{kind}",
        programme=row["name"],
        managing_body=row["administering_body"],
        instrument_type=kind,
        countries=_set(row["country"]),
        nuts_prefixes=tuple(sorted(_set(params.get("nuts", "")))),
        org_kinds=_set(pick("org_kinds", ";".join(d.org_kinds))),
        org_sizes=_set(params.get("org_sizes", "")),
        trl_min=int(pick("trl_min", d.trl_min)),
        trl_max=int(pick("trl_max", d.trl_max)),
        ticket_min_eur=float(pick("ticket_min_eur", d.ticket_min_eur)),
        ticket_max_eur=float(ticket_max),
        max_cofinancing_rate=float(pick("max_cofinancing_rate", d.max_cofinancing_rate)),
        themes=_set(row["themes"]),
        stages=_set(pick("stages", ";".join(d.stages))),
        calls=calls,
        verified=row["verify_status"] == "verified",
        note=params.get("note", "indicative defaults for the instrument type; unverified"),
    )


def _types(spelled: str) -> list[str]:
    kinds = (TYPE_SPELLINGS.get(t.strip().lower()) for t in spelled.split(";"))
    return list(dict.fromkeys(k for k in kinds if k))


def _read_parameters(path: Path) -> dict[tuple[str, str], dict[str, str]]:
    return {(r["programme_id"], r["instrument_type"]): r for r in _read(path)}


def _read_calls(path: Path) -> dict[str, list[Call]]:
    grouped: dict[str, list[Call]] = defaultdict(list)
    for r in _read(path):
        grouped[r["programme_id"]].append(
            Call(
                identifier=r["identifier"],
                title=r["title"],
                deadlines=tuple(date.fromisoformat(d) for d in _set(r["deadlines"])),
                url=r["url"],
                budget_min_eur=float(r["budget_min_eur"]) if r["budget_min_eur"] else None,
                budget_max_eur=float(r["budget_max_eur"]) if r["budget_max_eur"] else None,
            )
        )
    return dict(grouped)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _set(value: str) -> frozenset[str]:
    return frozenset(v.strip() for v in value.split(";") if v.strip())
