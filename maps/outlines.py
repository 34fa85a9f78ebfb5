"""Locality outlines, shipped as data: a GeoJSON FeatureCollection whose
features carry the locality's name in `properties.name` (the same name as
casework.Locality, which stays the admin-edited list of localities).

The file in the repository (maps/data/localities.geojson) holds approximate,
schematic outlines drawn around the centre of each of Tranemo's localities:
good enough to see where reports and places lie without any map tiles, not
the real boundaries. A municipality points MAP_LOCALITY_OUTLINES at its own
file (e.g. exported from its GIS or Lantmäteriet's data)."""

import json
from functools import cache

from django.conf import settings
from django.core.signals import setting_changed

ALLOWED_TYPES = {"Polygon", "MultiPolygon"}


@cache
def outlines() -> dict[str, dict]:
    """Locality name -> GeoJSON geometry (Polygon or MultiPolygon). Read once
    per process; a feature without a name or of another type is ignored."""
    with open(settings.MAP_LOCALITY_OUTLINES, encoding="utf-8") as file:
        collection = json.load(file)
    found = {}
    for feature in collection.get("features", []):
        name = (feature.get("properties") or {}).get("name")
        geometry = feature.get("geometry") or {}
        if name and geometry.get("type") in ALLOWED_TYPES:
            found[name] = geometry
    return found


def _forget(*, setting, **kwargs) -> None:
    if setting == "MAP_LOCALITY_OUTLINES":
        outlines.cache_clear()


setting_changed.connect(_forget, dispatch_uid="maps-outlines")
