"""The cluster's own directory, as its public pages describe it, for `obieg demo`.

Loading is idempotent: organisations are found by name, alliances and projects by name or
acronym, events by title and date; running it twice changes nothing. No personal data: people
appear by role only.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from obieg.directory import services
from obieg.directory.choices import (
    AllianceKind,
    EventKind,
    EventStatus,
    MembershipStatus,
    OrganisationKind,
    PartnerRole,
    ProjectStatus,
)
from obieg.directory.models import Alliance, ClusterProject, Event, Organisation, Person

K = OrganisationKind
MODEL_CLUSTER = {
    "en": "A cleantech cluster that the South Poland Cleantech Cluster cites as a model."
}

# name, short name, kind, country, NUTS region, city, themes, membership, description
ORGANISATIONS: list[dict[str, Any]] = [
    {
        "name": "South Poland Cleantech Cluster",
        "short_name": "SPCleantech",
        "kind": K.CLUSTER,
        "country": "PL",
        "region": "PL213",
        "city": "Kraków",
        "membership_status": MembershipStatus.MEMBER,
        "themes": [
            "circular-economy",
            "renewable-energy",
            "energy-efficiency",
            "smart-city",
            "industrial-symbiosis",
        ],
        "sectors": ["72", "71", "35"],
        "description": {
            "en": "Cleantech cluster based in Kraków that brings together companies, universities, research institutes and public bodies of southern Poland around clean technologies and the circular economy. Co-founder of the ICEI Alliance.",
            "pl": "Klaster technologii czystych z siedzibą w Krakowie, skupiający firmy, uczelnie, instytuty badawcze i instytucje publiczne z południowej Polski wokół czystych technologii i gospodarki o obiegu zamkniętym. Współzałożyciel sojuszu ICEI.",
        },
    },
    {
        "name": "Małopolska Regional Development Agency",
        "short_name": "MARR",
        "kind": K.AGENCY,
        "country": "PL",
        "region": "PL213",
        "city": "Kraków",
        "membership_status": MembershipStatus.PARTNER,
        "themes": ["innovation-support", "green-finance"],
        "sectors": ["84", "64"],
        "description": {
            "en": "Regional development agency of Małopolska (Małopolska Agencja Rozwoju Regionalnego S.A.).",
            "pl": "Małopolska Agencja Rozwoju Regionalnego S.A.",
        },
    },
    {
        "name": "Lesser Poland Voivodeship, Department of Regional Policy",
        "short_name": "Małopolska",
        "kind": K.REGION,
        "country": "PL",
        "region": "PL21",
        "city": "Kraków",
        "membership_status": MembershipStatus.PARTNER,
        "themes": ["circular-economy", "industrial-symbiosis"],
        "sectors": ["84"],
        "description": {
            "en": "The regional government of Lesser Poland (Małopolska); partner of the Interreg Europe project SYMBI.",
            "pl": "Urząd Marszałkowski Województwa Małopolskiego, Departament Polityki Regionalnej; partner projektu Interreg Europe SYMBI.",
        },
    },
    {
        "name": "LifeScience Cluster",
        "short_name": "",
        "kind": K.CLUSTER,
        "country": "PL",
        "region": "PL213",
        "city": "Kraków",
        "membership_status": MembershipStatus.PARTNER,
        "themes": ["bioeconomy"],
        "sectors": ["72", "21"],
        "description": {"en": "Life-science cluster of the Kraków region."},
    },
    {
        "name": "Kraków Metropolis",
        "short_name": "",
        "kind": K.PUBLIC_BODY,
        "country": "PL",
        "region": "PL213",
        "city": "Kraków",
        "membership_status": MembershipStatus.PARTNER,
        "themes": ["smart-city", "sustainable-mobility"],
        "sectors": ["84"],
        "description": {"en": "Association of the municipalities of the Kraków metropolitan area."},
    },
    {
        "name": "AGH University of Kraków",
        "short_name": "AGH",
        "kind": K.UNIVERSITY,
        "country": "PL",
        "region": "PL213",
        "city": "Kraków",
        "membership_status": MembershipStatus.MEMBER,
        "themes": ["energy-efficiency", "hydrogen", "renewable-energy"],
        "sectors": ["85", "72"],
        "description": {
            "en": "Technical university in Kraków, strong in energy, materials and mining engineering.",
            "pl": "Akademia Górniczo-Hutnicza im. Stanisława Staszica w Krakowie.",
        },
    },
    {
        "name": "Digipolis",
        "short_name": "",
        "kind": K.AGENCY,
        "country": "FI",
        "region": "FI1D",
        "city": "Kemi",
        "membership_status": MembershipStatus.NONE,
        "themes": ["circular-economy", "industrial-symbiosis"],
        "sectors": ["72"],
        "description": {
            "en": "Technology and development centre in Kemi, Finland; co-founder of the ICEI Alliance."
        },
    },
    {
        "name": "Circular Economy Centre (Digipolis)",
        "short_name": "",
        "kind": K.RESEARCH_INSTITUTE,
        "country": "FI",
        "region": "FI1D",
        "city": "Kemi",
        "membership_status": MembershipStatus.NONE,
        "themes": ["circular-economy"],
        "sectors": ["72"],
        "description": {
            "en": "Circular-economy centre run by Digipolis in Kemi; host of the ICEI Alliance soft launch."
        },
    },
    {
        "name": "SITRA, the Finnish Innovation Fund",
        "short_name": "SITRA",
        "kind": K.PUBLIC_BODY,
        "country": "FI",
        "region": "FI1B",
        "city": "Helsinki",
        "membership_status": MembershipStatus.NONE,
        "themes": ["circular-economy", "green-finance"],
        "sectors": ["84"],
        "description": {"en": "Finnish public innovation fund; partner of the ICEI Alliance."},
    },
    {
        "name": "N-ABLE",
        "short_name": "",
        "kind": K.COMPANY,
        "size_class": "small",
        "country": "BE",
        "region": "BE10",
        "city": "Brussels",
        "membership_status": MembershipStatus.NONE,
        "themes": ["circular-economy", "green-finance"],
        "sectors": ["70"],
        "description": {"en": "Partner of the ICEI Alliance."},
    },
    {
        "name": "Oy Merinova / Energy Vaasa",
        "short_name": "Merinova",
        "kind": K.CLUSTER,
        "country": "FI",
        "region": "FI19",
        "city": "Vaasa",
        "membership_status": MembershipStatus.NONE,
        "themes": ["renewable-energy", "energy-efficiency"],
        "sectors": ["35", "72"],
        "description": {
            "en": "Energy cluster of Vaasa, Finland; signatory of the Baltic Sea cleantech-cluster letter of intent."
        },
    },
    {
        "name": "NetPort Energikluster",
        "short_name": "NetPort",
        "kind": K.CLUSTER,
        "country": "SE",
        "region": "SE22",
        "city": "Karlshamn",
        "membership_status": MembershipStatus.NONE,
        "themes": ["renewable-energy"],
        "sectors": ["35"],
        "description": {
            "en": "Energy cluster in Karlshamn, Sweden; signatory of the Baltic Sea cleantech-cluster letter of intent."
        },
    },
    {
        "name": "Czech Smart City Cluster",
        "short_name": "",
        "kind": K.CLUSTER,
        "country": "CZ",
        "region": "CZ01",
        "city": "Praha",
        "membership_status": MembershipStatus.NONE,
        "themes": ["smart-city"],
        "sectors": ["72"],
        "description": {
            "en": "Partner of the Visegrad project Smart V4 Strategies.",
            "cs": "Partner visegrádského projektu Smart V4 Strategies.",
        },
    },
    {
        "name": "Slovak Smart City Cluster",
        "short_name": "",
        "kind": K.CLUSTER,
        "country": "SK",
        "region": "SK01",
        "city": "Bratislava",
        "membership_status": MembershipStatus.NONE,
        "themes": ["smart-city"],
        "sectors": ["72"],
        "description": {
            "en": "Partner of the Visegrad project Smart V4 Strategies.",
            "sk": "Partner vyšehradského projektu Smart V4 Strategies.",
        },
    },
    {
        "name": "Digitalis Jolet",
        "short_name": "",
        "kind": K.AGENCY,
        "country": "HU",
        "region": "HU11",
        "city": "Budapest",
        "membership_status": MembershipStatus.NONE,
        "themes": ["smart-city", "digitalisation"],
        "sectors": ["84"],
        "description": {
            "en": "Hungarian partner of the Visegrad project Smart V4 Strategies (Digitális Jólét)."
        },
    },
    {
        "name": "International Visegrad Fund",
        "short_name": "Visegrad Fund",
        "kind": K.INVESTOR,
        "country": "SK",
        "region": "SK01",
        "city": "Bratislava",
        "membership_status": MembershipStatus.NONE,
        "themes": ["green-finance"],
        "sectors": ["84"],
        "description": {"en": "Funder of the project Smart V4 Strategies."},
    },
    {
        "name": "krk UrbanHub",
        "short_name": "",
        "kind": K.AGENCY,
        "country": "PL",
        "region": "PL213",
        "city": "Kraków",
        "membership_status": MembershipStatus.PARTNER,
        "themes": ["smart-city", "innovation-support"],
        "sectors": ["72"],
        "description": {
            "en": "Urban innovation hub in Kraków; member of the urbanhub europe consortium."
        },
    },
    {
        "name": "BLOXHUB",
        "short_name": "",
        "kind": K.AGENCY,
        "country": "DK",
        "region": "DK01",
        "city": "Copenhagen",
        "themes": ["smart-city"],
        "sectors": ["72"],
        "description": {"en": "Urban innovation hub in Copenhagen."},
    },
    {
        "name": "KIRAHub",
        "short_name": "",
        "kind": K.AGENCY,
        "country": "FI",
        "region": "FI1B",
        "city": "Helsinki",
        "themes": ["smart-city", "green-buildings"],
        "sectors": ["72"],
        "description": {"en": "Built-environment innovation hub in Helsinki."},
    },
    {
        "name": "Munich Urban Colab",
        "short_name": "",
        "kind": K.AGENCY,
        "country": "DE",
        "region": "DE21",
        "city": "Munich",
        "themes": ["smart-city"],
        "sectors": ["72"],
        "description": {"en": "Urban innovation hub in Munich."},
    },
    {
        "name": "FACTORY Hammerbrooklyn",
        "short_name": "",
        "kind": K.AGENCY,
        "country": "DE",
        "region": "DE60",
        "city": "Hamburg",
        "themes": ["smart-city"],
        "sectors": ["72"],
        "description": {"en": "Innovation hub in Hamburg."},
    },
    {
        "name": "FAKTORY Berlin",
        "short_name": "",
        "kind": K.AGENCY,
        "country": "DE",
        "region": "DE30",
        "city": "Berlin",
        "themes": ["smart-city"],
        "sectors": ["72"],
        "description": {"en": "Innovation hub in Berlin."},
    },
    {
        "name": "Urban Resilience Hub Barcelona",
        "short_name": "",
        "kind": K.AGENCY,
        "country": "ES",
        "region": "ES51",
        "city": "Barcelona",
        "themes": ["climate-adaptation", "smart-city"],
        "sectors": ["72"],
        "description": {"en": "Urban-resilience hub in Barcelona."},
    },
    {
        "name": "FUNDECYT Scientific and Technological Park of Extremadura",
        "short_name": "FUNDECYT",
        "kind": K.RESEARCH_INSTITUTE,
        "country": "ES",
        "region": "ES43",
        "city": "Badajoz",
        "themes": ["industrial-symbiosis", "innovation-support"],
        "sectors": ["72"],
        "description": {"en": "Lead partner of the Interreg Europe project SYMBI."},
    },
    {
        "name": "Regional Ministry of Environment and Territorial Development of Andalusia",
        "short_name": "",
        "kind": K.REGION,
        "country": "ES",
        "region": "ES61",
        "city": "Seville",
        "themes": ["circular-economy"],
        "sectors": ["84"],
        "description": {"en": "Partner of the Interreg Europe project SYMBI."},
    },
    {
        "name": "Chamber of Commerce of Isernia",
        "short_name": "",
        "kind": K.PUBLIC_BODY,
        "country": "IT",
        "region": "ITF2",
        "city": "Isernia",
        "themes": ["industrial-symbiosis"],
        "sectors": ["94"],
        "description": {
            "en": "Chamber of commerce in Molise, Italy; partner of the Interreg Europe project SYMBI."
        },
    },
    {
        "name": "Government Office for Development and European Cohesion Policy",
        "short_name": "",
        "kind": K.PUBLIC_BODY,
        "country": "SI",
        "region": "SI04",
        "city": "Ljubljana",
        "themes": ["circular-economy"],
        "sectors": ["84"],
        "description": {
            "en": "Slovenian government office (Government Bureau for Development and European Cohesion Policy); partner of SYMBI."
        },
    },
    {
        "name": "Kozani Commune Development Office",
        "short_name": "",
        "kind": K.MUNICIPALITY,
        "country": "GR",
        "region": "EL53",
        "city": "Kozani",
        "themes": ["industrial-symbiosis", "district-heating"],
        "sectors": ["84"],
        "description": {
            "en": "Development office of the municipality of Kozani, Greece; partner of SYMBI."
        },
    },
    {
        "name": "Pannon Novum",
        "short_name": "",
        "kind": K.AGENCY,
        "country": "HU",
        "region": "HU22",
        "city": "Győr",
        "themes": ["innovation-support"],
        "sectors": ["72"],
        "description": {
            "en": "Regional innovation agency in West Transdanubia, Hungary; partner of SYMBI."
        },
    },
    {
        "name": "Häme Council",
        "short_name": "",
        "kind": K.REGION,
        "country": "FI",
        "region": "FI1C",
        "city": "Hämeenlinna",
        "themes": ["circular-economy"],
        "sectors": ["84"],
        "description": {"en": "Regional council of Häme, Finland; partner of SYMBI."},
    },
    {
        "name": "Häme University of Applied Sciences",
        "short_name": "HAMK",
        "kind": K.UNIVERSITY,
        "country": "FI",
        "region": "FI1C",
        "city": "Hämeenlinna",
        "themes": ["circular-economy", "bioeconomy"],
        "sectors": ["85"],
        "description": {"en": "University of applied sciences in Häme, Finland; partner of SYMBI."},
    },
    {
        "name": "ECO World Styria",
        "short_name": "",
        "kind": K.CLUSTER,
        "country": "AT",
        "region": "AT22",
        "city": "Graz",
        "themes": ["circular-economy", "renewable-energy"],
        "sectors": ["72"],
        "description": MODEL_CLUSTER,
    },
    {
        "name": "CleanTECH San Diego",
        "short_name": "",
        "kind": K.CLUSTER,
        "country": "US",
        "city": "San Diego",
        "themes": ["renewable-energy"],
        "sectors": ["72"],
        "description": MODEL_CLUSTER,
    },
    {
        "name": "Finnish Cleantech Cluster",
        "short_name": "",
        "kind": K.CLUSTER,
        "country": "FI",
        "region": "FI1B",
        "city": "Helsinki",
        "themes": ["circular-economy"],
        "sectors": ["72"],
        "description": MODEL_CLUSTER,
    },
    {
        "name": "Swisscleantech",
        "short_name": "",
        "kind": K.CLUSTER,
        "country": "CH",
        "city": "Bern",
        "themes": ["renewable-energy", "green-finance"],
        "sectors": ["94"],
        "description": MODEL_CLUSTER,
    },
    {
        "name": "Colorado Cleantech Industry Association",
        "short_name": "",
        "kind": K.CLUSTER,
        "country": "US",
        "city": "Denver",
        "themes": ["renewable-energy"],
        "sectors": ["94"],
        "description": MODEL_CLUSTER,
    },
    {
        "name": "The CleanTech Center Syracuse",
        "short_name": "",
        "kind": K.CLUSTER,
        "country": "US",
        "city": "Syracuse",
        "themes": ["energy-efficiency"],
        "sectors": ["72"],
        "description": MODEL_CLUSTER,
    },
    {
        "name": "Peterborough EnviroCluster",
        "short_name": "",
        "kind": K.CLUSTER,
        "country": "GB",
        "city": "Peterborough",
        "themes": ["circular-economy"],
        "sectors": ["72"],
        "description": MODEL_CLUSTER,
    },
    {
        "name": "Global Cleantech Cluster Association",
        "short_name": "GCCA",
        "kind": K.CLUSTER,
        "country": None,
        "themes": ["renewable-energy"],
        "sectors": ["94"],
        "description": MODEL_CLUSTER,
    },
    {
        "name": "International Cleantech Network",
        "short_name": "ICN",
        "kind": K.CLUSTER,
        "country": None,
        "themes": ["renewable-energy", "circular-economy"],
        "sectors": ["94"],
        "description": MODEL_CLUSTER,
    },
    {
        "name": "EcoClup",
        "short_name": "",
        "kind": K.CLUSTER,
        "country": None,
        "themes": ["circular-economy"],
        "sectors": ["94"],
        "description": MODEL_CLUSTER,
    },
]

ALLIANCES: list[dict[str, Any]] = [
    {
        "name": "European Alliance for Cross-Industrial Circular Economy Investments",
        "short_name": "ICEI Alliance",
        "kind": AllianceKind.ALLIANCE,
        "founded_on": dt.date(2020, 2, 11),
        "description": {
            "en": "A pipeline of business-led circular-economy investment projects: its members help businesses structure investment cases and reach funding and financing, and feed back to policy makers and the financial sector on the funding and financing models and instruments that must change.",
            "pl": "Europejski Sojusz na rzecz Międzysektorowych Inwestycji w Gospodarkę o Obiegu Zamkniętym: ścieżka inwestycji w gospodarkę cyrkularną prowadzonych przez przedsiębiorstwa.",
        },
        "members": [
            ("South Poland Cleantech Cluster", PartnerRole.FOUNDER),
            ("Digipolis", PartnerRole.FOUNDER),
            ("Circular Economy Centre (Digipolis)", PartnerRole.HOST),
            ("SITRA, the Finnish Innovation Fund", PartnerRole.PARTNER),
            ("N-ABLE", PartnerRole.PARTNER),
        ],
    },
    {
        "name": "BSR Cluster Network Platform",
        "short_name": "",
        "kind": AllianceKind.NETWORK,
        "description": {"en": "Network platform of clusters around the Baltic Sea Region."},
        "members": [("South Poland Cleantech Cluster", PartnerRole.MEMBER)],
    },
    {
        "name": "Baltic Sea cleantech-cluster consortium",
        "short_name": "BSR cleantech consortium",
        "kind": AllianceKind.CONSORTIUM,
        "founded_on": dt.date(2021, 5, 27),
        "parent": "BSR Cluster Network Platform",
        "description": {
            "en": "Consortium of cleantech clusters formed by the letter of intent of 27 May 2021 within the BSR Cluster Network Platform."
        },
        "members": [
            ("South Poland Cleantech Cluster", PartnerRole.FOUNDER),
            ("Oy Merinova / Energy Vaasa", PartnerRole.FOUNDER),
            ("NetPort Energikluster", PartnerRole.FOUNDER),
        ],
    },
    {
        "name": "urbanhub europe",
        "short_name": "",
        "kind": AllianceKind.CONSORTIUM,
        "description": {"en": "Consortium of European urban innovation hubs."},
        "members": [
            ("krk UrbanHub", PartnerRole.PARTNER),
            ("BLOXHUB", PartnerRole.PARTNER),
            ("KIRAHub", PartnerRole.PARTNER),
            ("Munich Urban Colab", PartnerRole.PARTNER),
            ("FACTORY Hammerbrooklyn", PartnerRole.PARTNER),
            ("FAKTORY Berlin", PartnerRole.PARTNER),
            ("Urban Resilience Hub Barcelona", PartnerRole.PARTNER),
        ],
    },
    {
        "name": "Bio-economy and Circular Economy Platform",
        "short_name": "GOZ platform",
        "kind": AllianceKind.PLATFORM,
        "description": {
            "en": "Regional platform on the bio-economy and the circular economy (GOZ, gospodarka o obiegu zamkniętym).",
            "pl": "Platforma biogospodarki i gospodarki o obiegu zamkniętym (GOZ).",
        },
        "members": [
            ("South Poland Cleantech Cluster", PartnerRole.MEMBER),
            ("Lesser Poland Voivodeship, Department of Regional Policy", PartnerRole.HOST),
            ("Małopolska Regional Development Agency", PartnerRole.MEMBER),
            ("AGH University of Kraków", PartnerRole.MEMBER),
        ],
    },
    {
        "name": "Circular City",
        "short_name": "",
        "kind": AllianceKind.PLATFORM,
        "parent": "Bio-economy and Circular Economy Platform",
        "description": {
            "en": "Initiative of the GOZ platform on circular cities.",
            "pl": "Inicjatywa platformy GOZ: Miasto cyrkularne.",
        },
        "members": [
            ("South Poland Cleantech Cluster", PartnerRole.MEMBER),
            ("Kraków Metropolis", PartnerRole.MEMBER),
        ],
    },
    {
        "name": "Industrial Symbiosis",
        "short_name": "",
        "kind": AllianceKind.PLATFORM,
        "parent": "Bio-economy and Circular Economy Platform",
        "description": {
            "en": "Initiative of the GOZ platform on industrial symbiosis.",
            "pl": "Inicjatywa platformy GOZ: Symbioza przemysłowa.",
        },
        "members": [
            ("South Poland Cleantech Cluster", PartnerRole.MEMBER),
            ("Lesser Poland Voivodeship, Department of Regional Policy", PartnerRole.MEMBER),
        ],
    },
]

PROJECTS: list[dict[str, Any]] = [
    {
        "title": "Smart V4 Strategies",
        "acronym": "Smart V4",
        "programme": "International Visegrad Fund",
        "status": ProjectStatus.COMPLETED,
        "description": {
            "en": "Classifying the SMART strategies of Poland, Czechia, Slovakia and Hungary in one database portal and unifying them against Green Deal and SDG rules."
        },
        "partners": [
            ("South Poland Cleantech Cluster", PartnerRole.LEAD_PARTNER),
            ("Czech Smart City Cluster", PartnerRole.PARTNER),
            ("Slovak Smart City Cluster", PartnerRole.PARTNER),
            ("Digitalis Jolet", PartnerRole.PARTNER),
            ("International Visegrad Fund", PartnerRole.FUNDER),
        ],
        "funding": [("International Visegrad Fund", None, "EUR", "amount not published")],
    },
    {
        "title": "Industrial Symbiosis for Regional Sustainable Growth and a Resource Efficient Circular Economy",
        "acronym": "SYMBI",
        "programme": "Interreg Europe",
        "status": ProjectStatus.COMPLETED,
        "start_date": dt.date(2016, 1, 1),
        "end_date": dt.date(2021, 12, 31),
        "total_budget": Decimal("1600000"),
        "description": {
            "en": "Cutting the waste that industry generates and making better use of secondary raw materials: one company's by-product becomes another's input. Outputs include a mapping of investment potential in industrial symbiosis and a catalogue of good practices.",
            "pl": "Ograniczanie odpadów przemysłowych i lepsze wykorzystanie surowców wtórnych: produkt uboczny jednej firmy staje się surowcem innej.",
        },
        "partners": [
            ("FUNDECYT Scientific and Technological Park of Extremadura", PartnerRole.LEAD_PARTNER),
            (
                "Regional Ministry of Environment and Territorial Development of Andalusia",
                PartnerRole.PARTNER,
            ),
            ("Lesser Poland Voivodeship, Department of Regional Policy", PartnerRole.PARTNER),
            ("Chamber of Commerce of Isernia", PartnerRole.PARTNER),
            ("Government Office for Development and European Cohesion Policy", PartnerRole.PARTNER),
            ("Kozani Commune Development Office", PartnerRole.PARTNER),
            ("Pannon Novum", PartnerRole.PARTNER),
            ("Häme Council", PartnerRole.PARTNER),
            ("Häme University of Applied Sciences", PartnerRole.PARTNER),
        ],
        "funding": [
            (
                "ERDF (Interreg Europe), Małopolska share",
                Decimal("125000"),
                "EUR",
                "part of the EUR 147 thousand Małopolska budget",
            ),
            (
                "Lesser Poland Voivodeship budget",
                Decimal("22000"),
                "EUR",
                "part of the EUR 147 thousand Małopolska budget",
            ),
        ],
    },
]

EVENTS: list[dict[str, Any]] = [
    {
        "title": "ICEI Alliance soft launch",
        "kind": EventKind.LAUNCH,
        "starts_on": dt.date(2020, 2, 11),
        "status": EventStatus.HELD,
        "city": "Kemi",
        "country": "FI",
        "organiser": "Digipolis",
        "place": "Circular Economy Centre (Digipolis)",
        "alliance": "European Alliance for Cross-Industrial Circular Economy Investments",
        "participants": [
            "South Poland Cleantech Cluster",
            "Digipolis",
            "Circular Economy Centre (Digipolis)",
            "SITRA, the Finnish Innovation Fund",
            "N-ABLE",
        ],
        "topics": ["circular-economy", "green-finance"],
    },
    {
        "title": "ICEI Alliance kick-off meeting",
        "kind": EventKind.KICK_OFF,
        "starts_on": dt.date(2020, 5, 28),
        "status": EventStatus.PLANNED,
        "city": "Brussels",
        "country": "BE",
        "alliance": "European Alliance for Cross-Industrial Circular Economy Investments",
        "participants": [
            "South Poland Cleantech Cluster",
            "Digipolis",
            "SITRA, the Finnish Innovation Fund",
            "N-ABLE",
        ],
        "topics": ["circular-economy", "green-finance"],
    },
    {
        "title": "Letter of intent of the Baltic Sea cleantech clusters",
        "kind": EventKind.SIGNING,
        "starts_on": dt.date(2021, 5, 27),
        "status": EventStatus.HELD,
        "alliance": "Baltic Sea cleantech-cluster consortium",
        "participants": [
            "South Poland Cleantech Cluster",
            "Oy Merinova / Energy Vaasa",
            "NetPort Energikluster",
        ],
        "topics": ["renewable-energy", "circular-economy"],
    },
    {
        "title": "Meeting of the Bio-economy and Circular Economy (GOZ) platform",
        "kind": EventKind.MEETING,
        "starts_on": dt.date(2019, 2, 11),
        "status": EventStatus.HELD,
        "city": "Kraków",
        "country": "PL",
        "alliance": "Bio-economy and Circular Economy Platform",
        "participants": [
            "South Poland Cleantech Cluster",
            "Lesser Poland Voivodeship, Department of Regional Policy",
        ],
        "topics": ["bioeconomy", "circular-economy"],
    },
    {
        "title": "Meeting of the Bio-economy and Circular Economy (GOZ) platform",
        "kind": EventKind.MEETING,
        "starts_on": dt.date(2019, 12, 17),
        "status": EventStatus.HELD,
        "city": "Kraków",
        "country": "PL",
        "alliance": "Bio-economy and Circular Economy Platform",
        "participants": [
            "South Poland Cleantech Cluster",
            "Lesser Poland Voivodeship, Department of Regional Policy",
        ],
        "topics": ["bioeconomy", "circular-economy", "industrial-symbiosis"],
    },
]

PEOPLE_BY_ROLE = [
    ("Cluster coordinator", "South Poland Cleantech Cluster"),
    ("International cooperation officer", "South Poland Cleantech Cluster"),
    ("SYMBI project officer", "Lesser Poland Voivodeship, Department of Regional Policy"),
]


def _organisation(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


@transaction.atomic
def load() -> dict[str, int]:
    """Create what is missing of the demo directory; return how many rows were created."""
    created = {"organisations": 0, "alliances": 0, "projects": 0, "events": 0, "people": 0}
    for spec in ORGANISATIONS:
        if not Organisation.objects.filter(name=spec["name"]).exists():
            services.organisation_create(**spec)
            created["organisations"] += 1
    for spec in ALLIANCES:
        created["alliances"] += _load_alliance(dict(spec))
    for spec in PROJECTS:
        created["projects"] += _load_project(dict(spec))
    for spec in EVENTS:
        created["events"] += _load_event(dict(spec))
    for role, organisation in PEOPLE_BY_ROLE:
        if not Person.objects.filter(full_name=role, organisation__name=organisation).exists():
            services.person_create(
                full_name=role, role_title=role, organisation=_organisation(organisation)
            )
            created["people"] += 1
    return created


def _load_alliance(spec: dict[str, Any]) -> int:
    if Alliance.objects.filter(name=spec["name"]).exists():
        return 0
    members = spec.pop("members")
    parent = spec.pop("parent", None)
    alliance = services.alliance_create(
        **spec, parent=Alliance.objects.get(name=parent) if parent else None
    )
    for name, role in members:
        services.alliance_member_set(alliance=alliance, organisation=_organisation(name), role=role)
    return 1


def _load_project(spec: dict[str, Any]) -> int:
    if ClusterProject.objects.filter(title=spec["title"]).exists():
        return 0
    partners, funding = spec.pop("partners"), spec.pop("funding")
    project = services.project_create(**spec)
    for name, role in partners:
        services.project_partner_set(project=project, organisation=_organisation(name), role=role)
    for source, amount, currency, note in funding:
        services.project_funding_add(
            project=project, source=source, amount=amount, currency=currency, note=note
        )
    return 1


def _load_event(spec: dict[str, Any]) -> int:
    if Event.objects.filter(title=spec["title"], starts_on=spec["starts_on"]).exists():
        return 0
    organiser = spec.pop("organiser", None)
    alliance = spec.pop("alliance", None)
    participants = [_organisation(name) for name in spec.pop("participants", [])]
    services.event_create(
        **spec,
        organiser=_organisation(organiser) if organiser else None,
        alliance=Alliance.objects.get(name=alliance) if alliance else None,
        participants=participants,
    )
    return 1
