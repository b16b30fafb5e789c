"""Checks of the shipped reference data in obieg/directory/data (not of ../shared)."""

from __future__ import annotations

import csv
import importlib.util
import itertools
import json
import math
import sys
from collections import Counter
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA = REPO_ROOT / "obieg/directory/data"
Point = tuple[float, float]


@cache
def rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def geojson() -> dict[str, Any]:
    result: dict[str, Any] = json.loads((DATA / "nuts2024_l0_l2.geojson").read_text("utf-8"))
    return result


@cache
def build_script() -> ModuleType:
    path = REPO_ROOT / "scripts/build_reference_data.py"
    spec = importlib.util.spec_from_file_location("build_reference_data", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def rings_of(feature: dict[str, Any]) -> list[list[Point]]:
    geometry = feature["geometry"]
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    return [[(x, y) for x, y in ring] for polygon in polygons for ring in polygon]


def crosses(a: Point, b: Point, c: Point, d: Point) -> bool:
    def orient(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return orient(c, d, a) * orient(c, d, b) < 0 and orient(a, b, c) * orient(a, b, d) < 0


def self_crossings(ring: list[Point]) -> int:
    edges = list(itertools.pairwise(ring))
    return sum(
        crosses(*edges[i], *edges[j])
        for i in range(len(edges))
        for j in range(i + 2, len(edges) - (i == 0))
    )


# --- NUTS codes ---------------------------------------------------------------------------


def test_every_nuts_parent_exists() -> None:
    # given
    codes = {row["code"] for row in rows("nuts2024.csv")}
    # when
    orphans = [row["code"] for row in rows("nuts2024.csv") if row["parent"] not in codes | {""}]
    # then
    assert orphans == []


def test_it_gives_parents_only_below_level_0_and_one_level_up() -> None:
    levels = {row["code"]: int(row["level"]) for row in rows("nuts2024.csv")}
    for row in rows("nuts2024.csv"):
        if row["level"] == "0":
            assert row["parent"] == ""
        else:
            assert levels[row["parent"]] == int(row["level"]) - 1
            assert row["code"].startswith(row["parent"])


def test_levels_match_code_length() -> None:
    mismatched = [r["code"] for r in rows("nuts2024.csv") if len(r["code"]) != int(r["level"]) + 2]
    assert mismatched == []


def test_codes_are_unique() -> None:
    counts = Counter(r["code"] for r in rows("nuts2024.csv"))
    assert [code for code, count in counts.items() if count > 1] == []


def test_poland_has_17_nuts2_regions_besides_extra_regio() -> None:
    # given
    poland = [r for r in rows("nuts2024.csv") if r["country"] == "PL" and r["level"] == "2"]
    # when
    regions = [r["code"] for r in poland if not r["code"].endswith("ZZ")]
    # then
    assert len(regions) == 17
    assert "PL91" in regions
    assert "PL92" in regions


def test_pl21_is_malopolskie() -> None:
    region = next(r for r in rows("nuts2024.csv") if r["code"] == "PL21")
    assert region["name"] == "Małopolskie"
    assert region["parent"] == "PL2"
    assert region["country"] == "PL"


def test_it_keeps_eurostat_codes_but_iso_countries_for_greece() -> None:
    attiki = next(r for r in rows("nuts2024.csv") if r["code"] == "EL30")
    assert attiki["country"] == "GR"
    assert attiki["name"] == "Attiki"


def test_names_are_in_latin_script() -> None:
    def greek_or_cyrillic(text: str) -> bool:
        return any(0x370 <= ord(char) < 0x530 for char in text)

    assert [r["code"] for r in rows("nuts2024.csv") if greek_or_cyrillic(r["name"])] == []


def test_statistical_regions_cover_efta_and_candidates() -> None:
    schemes = {(r["country"], r["scheme"]) for r in rows("nuts2024.csv") if r["level"] == "2"}
    assert {("NO", "SR"), ("CH", "SR"), ("RS", "SR"), ("PL", "NUTS")} <= schemes


# --- boundaries ---------------------------------------------------------------------------


def test_geojson_features_have_the_shipped_properties() -> None:
    # given
    levels = {r["code"]: r["level"] for r in rows("nuts2024.csv")}
    # when
    features = geojson()["features"]
    # then
    for feature in features:
        props = feature["properties"]
        assert set(props) == {"code", "level", "name", "country"}
        assert props["level"] in (0, 1, 2)
        assert str(props["level"]) == levels[props["code"]]
        assert props["name"]
        assert len(props["country"]) == 2
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_geojson_rings_are_valid_polygons() -> None:
    for feature in geojson()["features"]:
        for ring in rings_of(feature):
            assert len(ring) >= 4, feature["id"]
            assert ring[0] == ring[-1], feature["id"]
            assert build_script().ring_area(ring) != 0, feature["id"]
            assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in ring)
            assert all(round(x, 3) == x and round(y, 3) == y for x, y in ring)


def test_geojson_rings_do_not_cross_themselves() -> None:
    features = geojson()["features"]
    crossings = {f["id"]: sum(map(self_crossings, rings_of(f))) for f in features}
    assert {code: n for code, n in crossings.items() if n} == {}


def test_the_crossing_check_detects_a_bow_tie() -> None:
    assert self_crossings([(0, 0), (1, 1), (1, 0), (0, 1), (0, 0)]) == 1
    assert self_crossings([(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]) == 0


def test_geojson_has_every_level_for_poland() -> None:
    poland = Counter(
        f["properties"]["level"]
        for f in geojson()["features"]
        if f["properties"]["country"] == "PL"
    )
    assert poland == {0: 1, 1: 7, 2: 17}


def test_geojson_carries_the_boundary_attribution() -> None:
    assert geojson()["attribution"] == "© EuroGeographics for the administrative boundaries"


def test_geojson_stays_small_enough_to_serve_to_every_page() -> None:
    assert (DATA / "nuts2024_l0_l2.geojson").stat().st_size < 3_000_000


# --- countries ----------------------------------------------------------------------------


def test_countries_include_the_cluster_partners() -> None:
    codes = {row["code"] for row in rows("countries.csv")}
    partners = {"PL", "CZ", "SK", "HU", "FI", "SE", "DK", "DE", "ES", "IT", "GR", "SI", "AT"}
    assert partners | {"US", "CA"} <= codes


def test_country_codes_are_iso_with_the_eurostat_code_beside() -> None:
    by_code = {row["code"]: row for row in rows("countries.csv")}
    assert by_code["GR"]["eurostat_code"] == "EL"
    assert by_code["GB"]["eurostat_code"] == "UK"
    assert "EL" not in by_code
    assert "UK" not in by_code


def test_the_eu_has_27_members() -> None:
    members = [row["code"] for row in rows("countries.csv") if row["eu_member"] == "1"]
    assert len(members) == 27
    assert "GB" not in members


def test_every_country_has_a_name_in_every_language() -> None:
    for row in rows("countries.csv"):
        assert all(row[f"name_{lang}"] for lang in ("en", "pl", "cs", "sk", "hu")), row["code"]


def test_every_map_country_is_a_listed_country() -> None:
    listed = {row["code"] for row in rows("countries.csv")} | {"XK"}  # Kosovo: no EU entry
    assert {f["properties"]["country"] for f in geojson()["features"]} <= listed


# --- NACE ---------------------------------------------------------------------------------


def test_nace_has_21_sections_and_88_divisions() -> None:
    levels = Counter(row["level"] for row in rows("nace_rev2.csv"))
    assert levels == {"section": 21, "division": 88, "group": 272, "class": 615}


def test_every_nace_code_sits_one_level_under_its_parent() -> None:
    order = ["section", "division", "group", "class"]
    level_of = {row["code"]: row["level"] for row in rows("nace_rev2.csv")}
    for row in rows("nace_rev2.csv"):
        if row["level"] == "section":
            assert row["parent"] == ""
        else:
            assert order.index(level_of[row["parent"]]) == order.index(row["level"]) - 1


def test_polish_names_cover_exactly_sections_and_divisions() -> None:
    named = {row["level"] for row in rows("nace_rev2.csv") if row["name_pl"]}
    unnamed = {row["level"] for row in rows("nace_rev2.csv") if not row["name_pl"]}
    assert named == {"section", "division"}
    assert unnamed == {"group", "class"}


def test_waste_management_division_has_its_names() -> None:
    division = next(row for row in rows("nace_rev2.csv") if row["code"] == "38")
    assert division["parent"] == "E"
    assert division["name_en"].startswith("Waste collection, treatment and disposal")
    assert division["name_pl"].startswith("Działalność związana ze zbieraniem")


def test_sources_describe_every_shipped_file() -> None:
    sources = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    for path in DATA.iterdir():
        if path.name != "SOURCES.md":
            assert f"## {path.name}" in sources
    assert "© EuroGeographics for the administrative boundaries" in sources


# --- the simplifier used to build the boundaries --------------------------------------------

coordinates = st.floats(min_value=-50, max_value=50, allow_nan=False)
# Unique points, so that a kept point maps back to one index of the input.
polylines = st.lists(st.tuples(coordinates, coordinates), min_size=2, max_size=40, unique=True)


@given(polylines, st.floats(min_value=0, max_value=5))
def test_simplification_keeps_ends_and_drops_only_points_within_tolerance(
    points: list[Point], tolerance: float
) -> None:
    # given
    script = build_script()
    # when
    kept = script.douglas_peucker(points, tolerance)
    # then
    assert kept[0] == points[0]
    assert kept[-1] == points[-1]
    indices = [i for i, point in enumerate(points) if point in kept]
    for i, point in enumerate(points):
        if point in kept:
            continue
        before = max(j for j in indices if j < i)
        after = min(j for j in indices if j > i)
        distance = script.perpendicular_distance(point, points[before], points[after])
        assert distance <= tolerance + 1e-9


def test_simplification_of_a_straight_line_keeps_only_its_ends() -> None:
    line = [(float(i), 2.0 * i) for i in range(10)]
    assert build_script().douglas_peucker(line, 0.001) == [line[0], line[-1]]


def test_simplified_rings_stay_closed() -> None:
    ring = [(math.cos(t / 10), math.sin(t / 10)) for t in range(63)] + [(1.0, 0.0)]
    simplified = build_script().simplify_ring(ring, 0.05)
    assert simplified is not None
    assert simplified[0] == simplified[-1]
    assert 4 <= len(simplified) < len(ring)
