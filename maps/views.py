"""The map page, its GeoJSON data and the list alternative (the same items as
a table, for keyboard, screen reader and no-JavaScript users)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.access import require

from .selectors import as_geojson, count_period, map_items, may_see_measures


def _check(request) -> None:
    require(request.user, "insights.view_insights")


@login_required
def map_page(request):
    _check(request)
    return render(request, "maps/map.html", {
        "tile_url": settings.MAP_TILE_URL, "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        "period": count_period(), "labels": _labels()})


def _labels() -> dict:
    """The words map.js shows (popups, status), in the user's language."""
    return {"reports": _("Reports, last 12 months: %s"), "walk_place": _("Safety-walk place"),
            "measure": _("Measure"), "locality": _("Locality"), "open": _("Open"),
            "failed": _("The map data could not be loaded. Try again, or use the list."),
            "empty": _("Nothing to show on the map yet.")}


@login_required
def map_data(request):
    _check(request)
    response = JsonResponse(as_geojson(map_items(request.user)),
                            json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/geo+json"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def map_list(request):
    _check(request)
    items = map_items(request.user)
    return render(request, "maps/list.html", {
        "localities": [i for i in items if i.kind == "locality"],
        "places": [i for i in items if i.kind == "walk_place"],
        "measures": [i for i in items if i.kind == "measure"],
        "may_see_measures": may_see_measures(request.user), "period": count_period()})
