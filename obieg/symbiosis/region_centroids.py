"""Approximate centres of NUTS regions, for streams located only by their region.

The shipped boundaries (directory/data) stop at NUTS 2, so a NUTS 3 code falls back to its
NUTS 2 parent. The centre is the middle of the bounding box of the largest polygon: good to
a few tens of kilometres, which is what "located by region" promises.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

GEOJSON = Path(__file__).resolve().parent.parent / "directory" / "data" / "nuts2024_l0_l2.geojson"


def _largest_ring(geometry: dict[str, Any]) -> list[list[float]]:
    coords = geometry["coordinates"]
    polygons = [coords] if geometry["type"] == "Polygon" else coords
    rings: list[list[list[float]]] = [polygon[0] for polygon in polygons]
    return max(rings, key=len)


@cache
def _centroids() -> dict[str, tuple[float, float]]:
    if not GEOJSON.exists():
        return {}
    data = json.loads(GEOJSON.read_text(encoding="utf-8"))
    out: dict[str, tuple[float, float]] = {}
    for feature in data["features"]:
        ring = _largest_ring(feature["geometry"])
        lons = [point[0] for point in ring]
        lats = [point[1] for point in ring]
        out[feature["properties"]["code"]] = (
            (min(lats) + max(lats)) / 2,
            (min(lons) + max(lons)) / 2,
        )
    return out


def region_centre(code: str) -> tuple[float, float] | None:
    """Return (lat, lon) near the middle of a NUTS region, or None when unknown."""
    table = _centroids()
    code = code.strip().upper()
    for length in range(len(code), 1, -1):
        if code[:length] in table:
            return table[code[:length]]
    return None
