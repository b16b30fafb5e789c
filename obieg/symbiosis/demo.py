"""Sample symbiosis data for `obieg demo`: offers and needs around Małopolska and the V4.

Everything here is invented for the demonstration: the organisations carry "(sample)" in their
names, the streams have `is_sample=True` (shown as "sample" on every page and in the API), and
no real company is named. The good-practice catalogue, by contrast, is real and sourced; it is
loaded by a data migration and topped up here. Loading is idempotent.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from obieg.directory import services as directory_services
from obieg.directory.choices import MembershipStatus, OrganisationKind
from obieg.directory.models import NutsRegion, Organisation
from obieg.symbiosis.models import MatchingRun, Stream
from obieg.symbiosis.services import matching_run_now, stream_create
from obieg.symbiosis.services.practices import good_practices_seed

SAMPLE_NOTE = {
    "en": "Sample organisation invented for the demonstration of industrial symbiosis.",
    "pl": "Przykładowa organizacja wymyślona na potrzeby demonstracji symbiozy przemysłowej.",
}

# name, country, NUTS 3, city, NACE sectors
ORGANISATIONS: list[tuple[str, str, str, str, list[str]]] = [
    ("Kraków CHP plant (sample)", "PL", "PL213", "Kraków", ["35"]),
    ("Nowa Huta steelworks (sample)", "PL", "PL213", "Kraków", ["24"]),
    ("Kraków materials recovery facility (sample)", "PL", "PL213", "Kraków", ["38"]),
    ("Wieliczka brewery (sample)", "PL", "PL214", "Wieliczka", ["11"]),
    ("Łącko fruit processor (sample)", "PL", "PL218", "Łącko", ["10"]),
    ("Podhale sawmill (sample)", "PL", "PL219", "Nowy Targ", ["16"]),
    ("Tarnów chemical works (sample)", "PL", "PL217", "Tarnów", ["20"]),
    ("Małopolska cement works (sample)", "PL", "PL214", "Kraków area", ["23"]),
    ("Skawina concrete blocks (sample)", "PL", "PL214", "Skawina", ["23"]),
    ("Gliwice plasterboard plant (sample)", "PL", "PL229", "Gliwice", ["23"]),
    ("Miechów farming cooperative (sample)", "PL", "PL214", "Miechów", ["01"]),
    ("Tarnów biogas plant (sample)", "PL", "PL217", "Tarnów", ["35"]),
    ("Oświęcim district heating (sample)", "PL", "PL21A", "Oświęcim", ["35"]),
    ("Nowy Sącz pellet producer (sample)", "PL", "PL218", "Nowy Sącz", ["16"]),
    ("Krosno glassworks (sample)", "PL", "PL821", "Krosno", ["23"]),
    ("Katowice road builder (sample)", "PL", "PL22A", "Katowice", ["42"]),
    ("Kraków greenhouses (sample)", "PL", "PL213", "Kraków", ["01"]),
    ("Tarnów waste water plant (sample)", "PL", "PL217", "Tarnów", ["37"]),
    ("Ostrava steel mill (sample)", "CZ", "CZ080", "Ostrava", ["24"]),
    ("Žilina cement plant (sample)", "SK", "SK031", "Žilina", ["23"]),
    ("Miskolc power station (sample)", "HU", "HU311", "Miskolc", ["35"]),
]

# organisation, kind, category, title, code or accepted codes, quantity, unit, frequency,
# lat, lon, extra fields
T = "t"
STREAMS: list[tuple[str, str, str, str, Any, float, str, str, float, float, dict[str, Any]]] = [
    (
        "Kraków CHP plant (sample)",
        "offer",
        "by_product",
        "Coal fly ash, dry, EN 450 quality",
        "100102",
        12000,
        T,
        "year",
        50.070,
        20.010,
        {"treatments": ["R5"]},
    ),
    (
        "Kraków CHP plant (sample)",
        "offer",
        "by_product",
        "Bottom ash and slag",
        "100101",
        5000,
        T,
        "year",
        50.070,
        20.010,
        {},
    ),
    (
        "Kraków CHP plant (sample)",
        "offer",
        "by_product",
        "FGD gypsum from wet desulphurisation",
        "100105",
        700,
        T,
        "month",
        50.070,
        20.010,
        {"quality": "CaSO4·2H2O > 95 %, moisture < 10 %"},
    ),
    (
        "Kraków CHP plant (sample)",
        "offer",
        "heat",
        "Low-temperature heat from condensers",
        "",
        20000,
        "MWh",
        "year",
        50.070,
        20.010,
        {"description": {"en": "Water at 35–45 °C, all year"}},
    ),
    (
        "Nowa Huta steelworks (sample)",
        "offer",
        "by_product",
        "Granulated blast-furnace slag",
        "100202",
        50000,
        T,
        "year",
        50.085,
        20.100,
        {"visibility": "anonymous"},
    ),
    (
        "Nowa Huta steelworks (sample)",
        "offer",
        "waste",
        "Mill scale",
        "100210",
        250,
        T,
        "month",
        50.085,
        20.100,
        {"visibility": "members"},
    ),
    (
        "Kraków materials recovery facility (sample)",
        "offer",
        "waste",
        "Sorted glass cullet",
        "191205",
        80,
        T,
        "week",
        50.035,
        19.990,
        {},
    ),
    (
        "Kraków materials recovery facility (sample)",
        "offer",
        "waste",
        "Refuse-derived fuel (RDF), 18 MJ/kg",
        "191210",
        15000,
        T,
        "year",
        50.035,
        19.990,
        {"treatments": ["R1"]},
    ),
    (
        "Wieliczka brewery (sample)",
        "offer",
        "by_product",
        "Brewers' spent grain, wet",
        "020780",
        60,
        T,
        "week",
        49.987,
        20.065,
        {
            "description": {"pl": "Młóto browarniane, mokre, odbiór codzienny"},
            "original_language": "pl",
        },
    ),
    (
        "Łącko fruit processor (sample)",
        "offer",
        "by_product",
        "Apple pomace after pressing",
        "020304",
        900,
        T,
        "year",
        49.557,
        20.436,
        {
            "description": {"pl": "Wytłoki jabłkowe z tłoczni soku, sezon wrzesień–grudzień"},
            "original_language": "pl",
            "available_from": "2026-09-01",
            "available_until": "2026-12-31",
            "frequency": "once",
        },
    ),
    (
        "Podhale sawmill (sample)",
        "offer",
        "by_product",
        "Spruce sawdust and shavings",
        "030105",
        400,
        T,
        "month",
        49.477,
        20.032,
        {},
    ),
    (
        "Tarnów chemical works (sample)",
        "offer",
        "heat",
        "Surplus steam condensate heat",
        "",
        8000,
        "MWh",
        "year",
        50.020,
        20.930,
        {"visibility": "anonymous"},
    ),
    (
        "Tarnów chemical works (sample)",
        "need",
        "water",
        "Cooling water make-up",
        [],
        200000,
        "m3",
        "year",
        50.020,
        20.930,
        {"max_distance_km": 15},
    ),
    (
        "Małopolska cement works (sample)",
        "need",
        "by_product",
        "Mineral additions for cement (ash, slag)",
        ["1001", "1002"],
        60000,
        T,
        "year",
        50.100,
        19.750,
        {"max_distance_km": 150, "treatments": ["R5"]},
    ),
    (
        "Małopolska cement works (sample)",
        "need",
        "by_product",
        "Alternative fuels for the kiln",
        ["191210", "160103"],
        20000,
        T,
        "year",
        50.100,
        19.750,
        {"max_distance_km": 200, "treatments": ["R1"]},
    ),
    (
        "Skawina concrete blocks (sample)",
        "need",
        "by_product",
        "Fly ash for aerated concrete",
        ["100102"],
        3000,
        T,
        "year",
        49.975,
        19.830,
        {"max_distance_km": 50},
    ),
    (
        "Gliwice plasterboard plant (sample)",
        "need",
        "by_product",
        "Desulphurisation gypsum for plasterboard",
        ["100105"],
        20000,
        T,
        "year",
        50.290,
        18.670,
        {"max_distance_km": 200},
    ),
    (
        "Miechów farming cooperative (sample)",
        "need",
        "by_product",
        "Feed materials for cattle",
        ["0207", "0203"],
        2500,
        T,
        "year",
        50.357,
        20.028,
        {
            "max_distance_km": 60,
            "description": {"pl": "Pasza objętościowa dla bydła mlecznego"},
            "original_language": "pl",
        },
    ),
    (
        "Tarnów biogas plant (sample)",
        "need",
        "by_product",
        "Organic substrates for digestion",
        ["0202", "0203", "0207"],
        8000,
        T,
        "year",
        50.010,
        20.990,
        {"max_distance_km": 120, "visibility": "anonymous"},
    ),
    (
        "Oświęcim district heating (sample)",
        "need",
        "heat",
        "Heat for the town network",
        [],
        15000,
        "MWh",
        "year",
        50.040,
        19.220,
        {"max_distance_km": 20},
    ),
    (
        "Nowy Sącz pellet producer (sample)",
        "need",
        "by_product",
        "Clean sawdust for pellets",
        ["0301"],
        6000,
        T,
        "year",
        49.620,
        20.690,
        {"max_distance_km": 100},
    ),
    (
        "Krosno glassworks (sample)",
        "need",
        "by_product",
        "Colour-sorted cullet",
        ["191205", "150107"],
        5000,
        T,
        "year",
        49.690,
        21.770,
        {"max_distance_km": 250},
    ),
    (
        "Katowice road builder (sample)",
        "need",
        "by_product",
        "Road base and embankment fill",
        ["1001", "1002", "1701"],
        30000,
        T,
        "year",
        50.260,
        19.020,
        {"max_distance_km": 120, "visibility": "members"},
    ),
    (
        "Kraków greenhouses (sample)",
        "need",
        "heat",
        "Low-temperature heat for greenhouses",
        [],
        6000,
        "MWh",
        "year",
        50.080,
        20.030,
        {"max_distance_km": 8},
    ),
    (
        "Tarnów waste water plant (sample)",
        "offer",
        "water",
        "Treated effluent for industrial reuse",
        "",
        500000,
        "m3",
        "year",
        50.000,
        20.960,
        {"quality": "Secondary treatment; suitable for cooling after filtration"},
    ),
    (
        "Ostrava steel mill (sample)",
        "offer",
        "by_product",
        "Blast-furnace slag, air-cooled",
        "100202",
        80000,
        T,
        "year",
        49.820,
        18.320,
        {"visibility": "anonymous"},
    ),
    (
        "Žilina cement plant (sample)",
        "need",
        "by_product",
        "Slag and ash for composite cement",
        ["1002", "1001"],
        40000,
        T,
        "year",
        49.220,
        18.740,
        {"max_distance_km": 250},
    ),
    (
        "Miskolc power station (sample)",
        "offer",
        "by_product",
        "Lignite fly ash",
        "100102",
        30000,
        T,
        "year",
        48.100,
        20.780,
        {"visibility": "anonymous"},
    ),
]


def _organisation(name: str, country: str, region: str, city: str, sectors: list[str]) -> Any:
    existing = Organisation.objects.filter(name=name).first()
    if existing is not None:
        return existing, 0
    if not NutsRegion.objects.filter(code=region).exists():
        region = region[:4]
    organisation = directory_services.organisation_create(
        name=name,
        kind=OrganisationKind.COMPANY,
        country=country,
        region=region,
        city=city,
        sectors=sectors,
        description=SAMPLE_NOTE,
        membership_status=MembershipStatus.NONE,
    )
    return organisation, 1


def _stream(spec: tuple[Any, ...], organisations: dict[str, Any]) -> int:
    owner, kind, category, title, codes, quantity, unit, frequency, lat, lon, extra = spec
    organisation = organisations[owner]
    if Stream.objects.filter(organisation=organisation, title=title).exists():
        return 0
    data: dict[str, Any] = {
        "kind": kind,
        "category": category,
        "title": title,
        "quantity": quantity,
        "unit": unit,
        "frequency": frequency,
        "lat": lat,
        "lon": lon,
        "country": organisation.country_id,
        "region": organisation.region_id,
        "city": organisation.city,
        "description": {"en": title},
        **extra,
    }
    data["ewc_code" if kind == "offer" else "accepted_codes"] = codes
    stream_create(organisation=organisation, is_sample=True, **data)
    return 1


def _matching_run() -> int:
    if MatchingRun.objects.exists():
        return 0
    # Inline: the demo must not depend on a worker being up.
    matching_run_now(objective="tkm")
    return 1


@transaction.atomic
def load() -> dict[str, int]:
    """Create what is missing of the symbiosis demo; return how many rows were created."""
    organisations: dict[str, Any] = {}
    created = {"sample organisations": 0, "sample streams": 0}
    for name, country, region, city, sectors in ORGANISATIONS:
        organisations[name], new = _organisation(name, country, region, city, sectors)
        created["sample organisations"] += new
    for spec in STREAMS:
        created["sample streams"] += _stream(spec, organisations)
    created["good practices"] = good_practices_seed()
    created["matching runs"] = _matching_run()
    return created
