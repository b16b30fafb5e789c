"""Derive the shipped pipeline seed files from ../shared/data (run by hand, never at run time).

    python -m obieg.pipeline.data.derive_seed [--shared ../shared/data]

Writes emission_factors.csv, programmes.csv and calls.csv next to this file.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).parent
REPO = HERE.parents[2]

DEFRA_SUBSET = "symbiosis/defra2024_symbiosis_subset_transport_material_waste.csv"
PROGRAMMES = "pipeline/programmes/programmes_seed_curated.csv"
CALLS = "pipeline/calls/sedia_topics_open_forthcoming_2026-08-10.csv"

# Keyword -> theme codes (SDG goals, Green Deal areas, EU Taxonomy objectives). A heuristic
# crosswalk for seeding fit scores, not an official mapping.
THEME_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        r"circular|waste|recycl|reuse|re-use|secondary raw|by-product|bio-?econom|textile|plastic",
        ("SDG12", "CE", "GD-INDUSTRY"),
    ),
    (
        r"energy|renewable|\bres\b|efficien|hydrogen|heat|battery|batteries|grid|solar|wind",
        ("SDG7", "CCM", "GD-ENERGY"),
    ),
    (r"climate|decarboni|carbon|emission|net-zero|ets\b", ("SDG13", "CCM", "GD-CLIMATE")),
    (r"water|marine|ocean|wastewater", ("SDG6", "WTR")),
    (r"biodiversity|nature|ecosystem|soil", ("SDG15", "BIO", "GD-BIODIVERSITY")),
    (r"pollution|toxic|hazardous|air quality|environment", ("SDG3", "PPC", "GD-ZEROPOLLUTION")),
    (r"green transition|greener", ("SDG13", "GD-CLIMATE")),
    (r"r&d|research|innovation|deep-tech|start-up|scale", ("SDG9", "GD-RESEARCH")),
    (
        r"industr|manufactur|steel|cement|chemical|sme|enterprise|competitiveness|cluster",
        ("SDG9", "GD-INDUSTRY"),
    ),
    (r"just transition|coal", ("SDG8", "GD-FINANCE")),
    (r"building|renovat", ("SDG11", "GD-BUILDINGS")),
    (r"mobility|transport", ("SDG11", "GD-MOBILITY")),
    (r"food|agri|farm", ("SDG2", "GD-FOOD")),
    (r"infrastructure|municipal|local|settlement|cities|urban", ("SDG11",)),
)

# Calls kept in calls.csv: the programmes with CE, environment, energy or industry scope, and
# within Horizon Europe only topics whose text names one of those themes.
CALL_PROGRAMMES = {
    "LIFE",
    "RFCS",
    "Interregional Innovation",
    "Single Market Programme",
    "Renewable Energy FM",
    "Innovation Fund",
    "JTM",
}
HORIZON_CLUSTERS = {"CL4", "CL5", "CL6", "MISS", "JU", "EIC"}
CALL_RELEVANT = re.compile(
    r"circular|waste|recycl|secondary raw|raw material|bio-based|biobased|plastic|textile"
    r"|industr|manufactur|steel|cement|chemical|process|battery|batteries|hydrogen"
    r"|renewable|energy efficien|heat|decarboni|emission|pollut|water|soil",
    re.IGNORECASE,
)


def themes_for(text: str) -> list[str]:
    """Return the sorted theme codes whose keywords occur in text."""
    found: set[str] = set()
    for pattern, codes in THEME_KEYWORDS:
        if re.search(pattern, text, re.IGNORECASE):
            found.update(codes)
    return sorted(found)


def derive_emission_factors(shared: Path) -> list[dict[str, str]]:
    """Join DEFRA material-use and waste-disposal factors per material (kg CO2e per tonne)."""
    by_material: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    ids: dict[tuple[str, str], list[str]] = defaultdict(list)
    with (shared / DEFRA_SUBSET).open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["block"] not in {"material_use_per_tonne", "waste_disposal_per_tonne"}:
                continue
            key = (row["Level 2"], row["Level 3"])
            by_material[key][f"{row['block'][:5]}:{row['Column Text']}"] = row[
                "kgCO2e_per_unit_2024"
            ]
            ids[key].append(row["ID"])
    rows = (_factor_row(key, factors, ids[key]) for key, factors in by_material.items())
    return [factor for factor in rows if factor is not None]


def _factor_row(key: tuple[str, str], f: dict[str, str], ids: list[str]) -> dict[str, str] | None:
    secondary = f.get("mater:Closed-loop source") or f.get("mater:Closed-loop") or ""
    reused = f.get("mater:Re-used", "")
    recycling = f.get("waste:Closed-loop") or f.get("waste:Open-loop") or ""
    row = {
        "material": _slug(key[1] if key[0] != "Construction" else f"construction {key[1]}"),
        "label": key[1],
        "group": key[0],
        "primary_kgco2e_per_t": f.get("mater:Primary material production", ""),
        "secondary_kgco2e_per_t": secondary,
        "reused_kgco2e_per_t": reused,
        "landfill_kgco2e_per_t": f.get("waste:Landfill", ""),
        "recycling_kgco2e_per_t": recycling,
        "defra_ids": " ".join(sorted(ids)),
    }
    keeps = row["primary_kgco2e_per_t"] and (secondary or reused)
    diverts = row["landfill_kgco2e_per_t"] and recycling
    return row if keeps or diverts else None


def derive_programmes(shared: Path) -> list[dict[str, str]]:
    """Copy the curated programme list, adding theme codes; every row stays unverified."""
    with (shared / PROGRAMMES).open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        row["themes"] = ";".join(themes_for(f"{row['name']} {row['ce_cleantech_relevance']}"))
    return rows


def derive_calls(shared: Path, programmes: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    """Keep the open/forthcoming calls relevant to CE, environment, energy and industry."""
    by_sedia: dict[str, str] = {}
    for programme in programmes:  # first row wins: HORIZON before EIC, which shares its id
        if programme["sedia_programme_id"]:
            by_sedia.setdefault(programme["sedia_programme_id"], programme["id"])
    out = []
    with (shared / CALLS).open(encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            if row["callStatus"] == "closed" or not _relevant(row):
                continue
            programme_id = (
                "EIC" if row["cluster"] == "EIC" else by_sedia.get(row["programmeId"], "")
            )
            out.append(
                {
                    "identifier": row["topicId"],
                    "title": _clean(row["title"]),
                    "programme": row["programme"],
                    "programme_id": programme_id,
                    "call_identifier": row["callIdentifier"],
                    "action_type": row["typesOfAction"] or row["actionType"],
                    "status": row["callStatus"],
                    "deadlines": row["deadline"],
                    "budget_min_eur": row["budgetMin"],
                    "budget_max_eur": row["budgetMax"],
                    "themes": ";".join(themes_for(f"{row['title']} {row['keywords']}")),
                    "url": row["portalUrl"],
                }
            )
    return sorted(out, key=lambda r: (r["deadlines"], r["identifier"]))


def _relevant(row: dict[str, str]) -> bool:
    if row["programme"] in CALL_PROGRAMMES:
        return True
    if row["programme"] != "Horizon Europe" or row["cluster"] not in HORIZON_CLUSTERS:
        return False
    return bool(CALL_RELEVANT.search(f"{row['title']} {row['keywords']}"))


def _clean(text: str) -> str:
    # The SEDIA snapshot carries UTF-8 read as cp1252 in places ("â€“" for an en dash).
    try:
        return text.encode("cp1252").decode("utf-8") if "â€" in text else text
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text.replace("â€“", "-").replace("â€™", "'")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    """Write rows with the keys of the first row as header."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    """Regenerate the derived seed files."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data")
    args = parser.parse_args(argv)
    programmes = derive_programmes(args.shared)
    calls = derive_calls(args.shared, programmes)
    factors = derive_emission_factors(args.shared)
    write_csv(HERE / "programmes.csv", programmes)
    write_csv(HERE / "calls.csv", calls)
    write_csv(HERE / "emission_factors.csv", factors)
    print(f"programmes {len(programmes)}, calls {len(calls)}, emission factors {len(factors)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
