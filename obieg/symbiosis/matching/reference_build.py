"""Rebuild the shipped reference tables in obieg/symbiosis/data from ../shared/data/symbiosis.

Run from the repository root: `python -m obieg.symbiosis.matching.reference_build`.
The product never calls this module; it only documents, reproducibly, how the shipped
CSV files were derived (see obieg/symbiosis/data/SOURCES.md).
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# (material class, DEFRA "Material use" label, secondary-production column,
#  DEFRA "Waste disposal" label, recovery column). Secondary production is the
#  closed-loop source (or re-use) factor that replaces the primary one when a
#  matched stream substitutes virgin material.
MATERIAL_CLASSES: list[tuple[str, str | None, str | None, str | None, str | None]] = [
    ("aggregates", "Aggregates", "Closed-loop source", "Aggregates", "Open-loop"),
    ("concrete", "Concrete", "Closed-loop source", "Concrete", "Closed-loop"),
    ("bricks", "Bricks", None, "Bricks", "Open-loop"),
    ("asphalt", "Asphalt", "Closed-loop source", "Asphalt", "Closed-loop"),
    ("plasterboard", "Plasterboard", "Closed-loop source", "Plasterboard", "Closed-loop"),
    ("insulation", "Insulation", "Closed-loop source", "Insulation", "Closed-loop"),
    ("soils", None, None, "Soils", "Closed-loop"),
    ("wood", "Wood", "Re-used", "Wood", "Closed-loop"),
    ("tyres", "Tyres", "Re-used", None, "Closed-loop"),
    ("mineral_oil", "Mineral oil", "Closed-loop source", None, "Closed-loop"),
    (
        "metal_scrap",
        "Metal: scrap metal",
        "Closed-loop source",
        "Metal: scrap metal",
        "Closed-loop",
    ),
    (
        "aluminium",
        "Metal: aluminium cans and foil (excl. forming)",
        "Closed-loop source",
        "Metal: aluminium cans and foil (excl. forming)",
        "Closed-loop",
    ),
    ("steel_cans", "Metal: steel cans", "Closed-loop source", "Metal: steel cans", "Closed-loop"),
    (
        "plastics",
        "Plastics: average plastics",
        "Closed-loop",
        "Plastics: average plastics",
        "Closed-loop",
    ),
    (
        "plastic_film",
        "Plastics: average plastic film",
        "Closed-loop",
        "Plastics: average plastic film",
        "Closed-loop",
    ),
    (
        "paper_board",
        "Paper and board: mixed",
        "Closed-loop source",
        "Paper and board: mixed",
        "Closed-loop",
    ),
    ("glass", "Glass", "Closed-loop source", "Glass", "Closed-loop"),
    ("textiles", "Clothing", "Re-used", "Clothing", "Closed-loop"),
    ("weee", None, None, "WEEE - mixed", "Open-loop"),
    ("batteries", None, None, "Batteries", "Open-loop"),
    ("food_organic", None, None, "Organic: food and drink waste", "Anaerobic digestion"),
    ("garden_organic", None, None, "Organic: garden waste", "Composting"),
    ("mixed_organic", None, None, "Organic: mixed food and garden waste", "Anaerobic digestion"),
    ("commercial_industrial", None, None, "Commercial and industrial waste", "Combustion"),
    ("household_residual", None, None, "Household residual waste", "Combustion"),
]

TRANSPORT_MODES = [
    ("hgv_average", "HGV (all diesel)", "All HGVs", "Average laden"),
    ("hgv_articulated", "HGV (all diesel)", "All artics", "Average laden"),
    ("hgv_refrigerated", "HGV refrigerated (all diesel)", "All HGVs", "Average laden"),
    ("rail_freight", "Rail", "Freight train", ""),
]


def _read(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def _write(name: str, header: list[str], rows: Iterable[Sequence[object]]) -> None:
    with (DATA_DIR / name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def build_waste_codes(src: Path) -> None:
    """Merge the EN (DEFRA) and PL (Dz.U. 2020 poz. 10) lists into one table plus headings."""
    english = {r["code"]: r for r in _read(src / "ewc_list_of_waste_en.csv")}
    polish = _read(src / "ewc_katalog_odpadow_pl.csv")
    pl_text = {r["code"]: r["description_pl"] for r in polish}
    pl_entries = {r["code"]: r for r in polish if r["level"] == "entry"}
    rows = []
    for code in sorted(set(english) | set(pl_entries)):
        en = english.get(code)
        hazardous = en["is_hazardous"] if en else pl_entries[code]["is_hazardous"]
        mirror = en is not None and en["hazard_entry_type"].startswith("Mirror")
        rows.append(
            [
                code,
                code[:2],
                code[:4],
                "1" if hazardous == "true" else "0",
                "1" if mirror else "0",
                "1" if en else "0",
                en["description_en"] if en else "",
                pl_text.get(code, ""),
            ]
        )
    _write(
        "ewc_codes.csv",
        ["code", "chapter", "subchapter", "hazardous", "mirror", "in_eu_list", "en", "pl"],
        rows,
    )
    headings: dict[str, tuple[str, str]] = {}
    for r in english.values():
        headings[r["chapter_code"]] = (r["chapter"], "")
        headings[r["subchapter_code"]] = (r["subchapter"], "")
    for r in polish:
        if r["level"] in ("chapter", "subchapter"):
            en_text = headings.get(r["code"], ("", ""))[0]
            headings[r["code"]] = (en_text, r["description_pl"])
    _write(
        "ewc_headings.csv",
        ["code", "level", "en", "pl"],
        (
            [c, "chapter" if len(c) == 2 else "subchapter", en, pl]
            for c, (en, pl) in sorted(headings.items())
        ),
    )


def build_treatment_codes(src: Path) -> None:
    """Copy the R1-R13 / D1-D15 operations with EN and PL text."""
    rows = _read(src / "waste_treatment_codes_R_D_en_pl.csv")
    _write(
        "treatment_codes.csv",
        ["code", "type", "en", "pl"],
        ([r["code"], r["type"], r["description_en"], r["description_pl"]] for r in rows),
    )


def build_nace_divisions(src: Path) -> None:
    """Keep only the 88 NACE Rev. 2 divisions with their section and English title."""
    rows = [r for r in _read(src / "nace_rev2_en.csv") if r["Level"] == "2"]
    _write(
        "nace_divisions.csv",
        ["code", "section", "en"],
        ([r["Code"], r["Parent"], r["Description"]] for r in rows),
    )


def build_emission_factors(src: Path) -> None:
    """Pick the DEFRA/DESNZ 2024 factors per material class and transport mode."""
    rows = _read(src / "defra2024_symbiosis_subset_transport_material_waste.csv")

    def pick(block: str, level3: str | None, column: str | None) -> tuple[str, str]:
        if level3 is None or column is None:
            return "", ""
        for r in rows:
            if r["block"] == block and r["Level 3"] == level3 and r["Column Text"] == column:
                return r["kgCO2e_per_unit_2024"], r["ID"]
        raise LookupError(f"{block}: {level3} / {column}")

    out = []
    for name, use, secondary, disposal, recovery in MATERIAL_CLASSES:
        primary_v, primary_id = pick("material_use_per_tonne", use, "Primary material production")
        secondary_v, secondary_id = pick("material_use_per_tonne", use, secondary)
        landfill_v, landfill_id = pick("waste_disposal_per_tonne", disposal, "Landfill")
        recovery_v, recovery_id = pick("waste_disposal_per_tonne", disposal, recovery)
        ids = ";".join(i for i in (primary_id, secondary_id, landfill_id, recovery_id) if i)
        out.append([name, primary_v, secondary_v, landfill_v, recovery_v, recovery or "", ids])
    _write(
        "emission_factors_materials.csv",
        [
            "material_class",
            "primary_kgco2e_t",
            "secondary_kgco2e_t",
            "landfill_kgco2e_t",
            "recovery_kgco2e_t",
            "recovery_route",
            "defra_ids",
        ],
        out,
    )
    transport = []
    for key, level2, level3, column in TRANSPORT_MODES:
        ttw = next(
            r
            for r in rows
            if r["block"] == "transport_tkm"
            and r["Level 2"] == level2
            and r["Level 3"] == level3
            and r["Column Text"] == column
        )
        wtt = next(
            r
            for r in rows
            if r["block"] == "transport_tkm_wtt"
            and r["Level 2"] == f"WTT- {level2.replace('Rail', 'rail')}"
            and r["Level 3"] == level3
            and r["Column Text"] == column
        )
        transport.append(
            [
                key,
                ttw["kgCO2e_per_unit_2024"],
                wtt["kgCO2e_per_unit_2024"],
                f"{ttw['ID']};{wtt['ID']}",
            ]
        )
    _write(
        "emission_factors_transport.csv",
        ["mode", "kgco2e_tkm", "wtt_kgco2e_tkm", "defra_ids"],
        transport,
    )


def main(argv: list[str] | None = None) -> int:
    """Rebuild every derived table from the shared data folder."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared/data"))
    args = parser.parse_args(argv)
    src = args.shared / "symbiosis"
    build_waste_codes(src)
    build_treatment_codes(src)
    build_nace_divisions(src)
    build_emission_factors(src)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
