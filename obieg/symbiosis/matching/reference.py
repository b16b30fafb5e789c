"""Typed access to the reference tables shipped in obieg/symbiosis/data."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class UnknownCodeError(KeyError):
    """Raised when a code is not in the shipped reference list."""


@dataclass(frozen=True, slots=True)
class WasteCode:
    """One six-digit entry of the European List of Waste (plus Polish national codes)."""

    code: str
    chapter: str
    subchapter: str
    hazardous: bool
    mirror: bool
    in_eu_list: bool
    en: str
    pl: str

    @property
    def spaced(self) -> str:
        """The code as printed in the legal list, e.g. '17 06 05*'."""
        star = "*" if self.hazardous else ""
        return f"{self.code[:2]} {self.code[2:4]} {self.code[4:]}{star}"


@dataclass(frozen=True, slots=True)
class WasteHeading:
    """A chapter (2 digits) or sub-chapter (4 digits) heading of the List of Waste."""

    code: str
    level: str
    en: str
    pl: str


@dataclass(frozen=True, slots=True)
class TreatmentCode:
    """A recovery (R1-R13) or disposal (D1-D15) operation."""

    code: str
    kind: str
    en: str
    pl: str


@dataclass(frozen=True, slots=True)
class NaceDivision:
    """A NACE Rev. 2 division (two digits) with its section letter."""

    code: str
    section: str
    en: str


@dataclass(frozen=True, slots=True)
class MaterialFactors:
    """DEFRA/DESNZ 2024 factors of one material class, kg CO2e per tonne (None = not given)."""

    material_class: str
    primary: float | None
    secondary: float | None
    landfill: float | None
    recovery: float | None
    recovery_route: str


@dataclass(frozen=True, slots=True)
class TransportFactor:
    """Freight emission factor in kg CO2e per tonne-km (tank-to-wheel and well-to-tank)."""

    mode: str
    kgco2e_tkm: float
    wtt_kgco2e_tkm: float


@dataclass(frozen=True, slots=True)
class ReceiverRule:
    """One row of the built-in knowledge table: waste prefix -> plausible receiving division."""

    prefix: str
    nace: str
    weight: float
    reason: str
    keywords: tuple[str, ...]


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _optional_float(text: str) -> float | None:
    return float(text) if text else None


@cache
def waste_codes() -> dict[str, WasteCode]:
    """All six-digit waste codes keyed by their bare digits."""
    return {
        r["code"]: WasteCode(
            code=r["code"],
            chapter=r["chapter"],
            subchapter=r["subchapter"],
            hazardous=r["hazardous"] == "1",
            mirror=r["mirror"] == "1",
            in_eu_list=r["in_eu_list"] == "1",
            en=r["en"],
            pl=r["pl"],
        )
        for r in _rows("ewc_codes.csv")
    }


@cache
def waste_headings() -> dict[str, WasteHeading]:
    """Chapter and sub-chapter headings keyed by their 2- or 4-digit code."""
    return {
        r["code"]: WasteHeading(r["code"], r["level"], r["en"], r["pl"])
        for r in _rows("ewc_headings.csv")
    }


def normalise_code(text: str) -> str:
    """Strip spaces, dots and the hazard asterisk: '17 06 05*' -> '170605'."""
    return "".join(ch for ch in text if ch.isdigit())


def waste_code(code: str) -> WasteCode:
    """Look up a six-digit waste code written in any common form."""
    digits = normalise_code(code)
    try:
        return waste_codes()[digits]
    except KeyError:
        raise UnknownCodeError(f"unknown waste code {code!r}") from None


def is_hazardous(code: str) -> bool:
    """Tell whether a waste code is an absolute or mirror hazardous entry (asterisk)."""
    return waste_code(code).hazardous


def is_known_prefix(prefix: str) -> bool:
    """Tell whether a 2-, 4- or 6-digit code exists in the List of Waste."""
    digits = normalise_code(prefix)
    if len(digits) == 6:
        return digits in waste_codes()
    return digits in waste_headings()


@cache
def treatment_codes() -> dict[str, TreatmentCode]:
    """R1-R13 and D1-D15 keyed by code."""
    return {
        r["code"]: TreatmentCode(r["code"], r["type"], r["en"], r["pl"])
        for r in _rows("treatment_codes.csv")
    }


def treatment_code(code: str) -> TreatmentCode:
    """Look up a recovery or disposal operation, e.g. 'R5' or 'd 10'."""
    key = code.replace(" ", "").upper()
    try:
        return treatment_codes()[key]
    except KeyError:
        raise UnknownCodeError(f"unknown treatment code {code!r}") from None


@cache
def nace_divisions() -> dict[str, NaceDivision]:
    """The 88 NACE Rev. 2 divisions keyed by their two digits."""
    return {
        r["code"]: NaceDivision(r["code"], r["section"], r["en"])
        for r in _rows("nace_divisions.csv")
    }


def nace_division(code: str) -> NaceDivision:
    """Look up a NACE division by its first two digits ('23', '23.51' -> '23')."""
    key = normalise_code(code)[:2]
    try:
        return nace_divisions()[key]
    except KeyError:
        raise UnknownCodeError(f"unknown NACE division {code!r}") from None


@cache
def material_factors() -> dict[str, MaterialFactors]:
    """DEFRA/DESNZ 2024 factors per material class."""
    return {
        r["material_class"]: MaterialFactors(
            material_class=r["material_class"],
            primary=_optional_float(r["primary_kgco2e_t"]),
            secondary=_optional_float(r["secondary_kgco2e_t"]),
            landfill=_optional_float(r["landfill_kgco2e_t"]),
            recovery=_optional_float(r["recovery_kgco2e_t"]),
            recovery_route=r["recovery_route"],
        )
        for r in _rows("emission_factors_materials.csv")
    }


@cache
def transport_factors() -> dict[str, TransportFactor]:
    """DEFRA/DESNZ 2024 freight factors per mode."""
    return {
        r["mode"]: TransportFactor(r["mode"], float(r["kgco2e_tkm"]), float(r["wtt_kgco2e_tkm"]))
        for r in _rows("emission_factors_transport.csv")
    }


@cache
def _material_class_prefixes() -> dict[str, str]:
    return {r["prefix"]: r["material_class"] for r in _rows("ewc_material_classes.csv")}


def material_class(code: str) -> str | None:
    """Map a waste code to a DEFRA material class by its longest listed prefix."""
    digits = normalise_code(code)
    table = _material_class_prefixes()
    for length in (6, 4, 2):
        found = table.get(digits[:length])
        if found is not None:
            return found
    return None


@cache
def receiver_rules() -> tuple[ReceiverRule, ...]:
    """The built-in waste-prefix -> receiving NACE division knowledge table."""
    return tuple(
        ReceiverRule(
            prefix=r["prefix"],
            nace=r["nace"],
            weight=float(r["weight"]),
            reason=r["reason"],
            keywords=tuple(k.strip().lower() for k in r["keywords"].split(";") if k.strip()),
        )
        for r in _rows("receiver_knowledge.csv")
    )
