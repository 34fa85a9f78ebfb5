"""The map (/karta/, the maps app).

MAP_TILE_URL: a tile server's URL template, e.g. the municipality's or
Lantmäteriet's ``https://tiles.example.se/{z}/{x}/{y}.png``. Empty (the
default): no background tiles; the map shows the locality outlines, places
and measures on a plain ground. Only https URLs are accepted.
MAP_TILE_ATTRIBUTION: the credit the tile provider requires, shown in the
map's corner (plain text; the provider's terms usually require it).
MAP_LOCALITY_OUTLINES: a GeoJSON file of locality outlines (maps/outlines.py);
default the approximate outlines shipped in the repository."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from config.env import BASE_DIR, env

# INSIGHTS_MAP_TILE_URL (the older name, read by the /lagesbild/ dashboard)
# is taken when MAP_TILE_URL is not set, so one tile source serves both.
MAP_TILE_URL = env.str("MAP_TILE_URL", default=env.str("INSIGHTS_MAP_TILE_URL", default=""))
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="")
MAP_LOCALITY_OUTLINES = env.str(
    "MAP_LOCALITY_OUTLINES", default=str(BASE_DIR / "maps" / "data" / "localities.geojson"))


def tile_origin(url: str) -> str:
    """scheme://host[:port] of a tile URL template (fails loudly on a bad one)."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc or "{" in parts.netloc.replace(
            "{s}", ""):
        raise ImproperlyConfigured(
            "MAP_TILE_URL must be an https URL template such as "
            "https://tiles.example.se/{z}/{x}/{y}.png")
    return f"https://{parts.netloc.replace('{s}.', '*.')}"


def with_tile_source(policy: dict, url: str) -> dict:
    """The CSP with the tile host allowed in img-src; unchanged without tiles."""
    import copy

    policy = copy.deepcopy(policy)
    if url:
        policy["DIRECTIVES"]["img-src"].append(tile_origin(url))
    return policy
