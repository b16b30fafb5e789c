"""Factories and builders for symbiosis tests."""

from __future__ import annotations

from typing import Any

from obieg.directory.models import Organisation
from obieg.symbiosis.models import Stream
from obieg.symbiosis.services import stream_create

# Nowa Huta (Kraków) and Skawina, about 19 km apart.
NOWA_HUTA = (50.07, 20.05)
SKAWINA = (49.98, 19.83)


def offer(organisation: Organisation, **overrides: Any) -> Stream:
    """Publish a fly-ash offer in Nowa Huta unless told otherwise."""
    data: dict[str, Any] = {
        "kind": "offer",
        "category": "by_product",
        "title": "Fly ash from the CHP plant",
        "description": {"en": "Dry fly ash from hard coal combustion"},
        "ewc_code": "100102",
        "quantity": 1000.0,
        "unit": "t",
        "frequency": "year",
        "country": "PL",
        "region": "PL213",
        "lat": NOWA_HUTA[0],
        "lon": NOWA_HUTA[1],
    }
    data.update(overrides)
    return stream_create(organisation=organisation, **data)


def need(organisation: Organisation, **overrides: Any) -> Stream:
    """Publish a need for chapter 10 ash in Skawina within 100 km unless told otherwise."""
    data: dict[str, Any] = {
        "kind": "need",
        "category": "by_product",
        "title": "Ash for concrete blocks",
        "description": {"en": "Fly ash for concrete block production"},
        "accepted_codes": ["1001"],
        "quantity": 600.0,
        "unit": "t",
        "frequency": "year",
        "country": "PL",
        "region": "PL213",
        "lat": SKAWINA[0],
        "lon": SKAWINA[1],
        "max_distance_km": 100.0,
    }
    data.update(overrides)
    return stream_create(organisation=organisation, **data)
