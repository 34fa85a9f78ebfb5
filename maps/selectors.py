"""What the map shows a user, as GeoJSON, and the same items as rows for the
list alternative. Who sees what follows the existing rules:

- the map itself, the locality outlines and the report counts per locality:
  whoever may see the analytics (insights.view_insights), whose page shows
  the same counts; never a report's text or position, only the number;
- walk places: the same readers (the walk pages' rule);
- measures: only with casework.view_measure_list, cut by measures_visible_to
  (a sensitive group's measure stays with that group and the coordinator).

Queries do not grow with the data: localities, two for the counts (the one
statistics selector), walk places, measures."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from casework.choices import PeriodKind
from casework.models import Locality, Measure
from casework.selectors import measures_visible_to
from core.access import allowed
from insights.models import WalkPlace
from insights.periods import Period
from insights.statistics import bucket_counts

from .outlines import outlines

COUNT_DAYS = 365


def may_see_map(user) -> bool:
    return allowed(user, "insights.view_insights")


def may_see_measures(user) -> bool:
    return allowed(user, "casework.view_measure_list")


def count_period(today: date | None = None) -> Period:
    """The reports counted per locality: the last twelve months, today included."""
    today = today or timezone.localdate()
    return Period(PeriodKind.CUSTOM, today - timedelta(days=COUNT_DAYS - 1), today)


@dataclass(frozen=True)
class MapItem:
    kind: str  # "locality", "walk_place", "measure"
    name: str
    detail: str
    locality: str
    latitude: float | None
    longitude: float | None
    url: str = ""
    reports: int | None = None
    geometry: dict | None = None


def map_items(user, *, today: date | None = None) -> list[MapItem]:
    """Everything the user may see on the map, localities first. The caller
    has checked may_see_map."""
    period = count_period(today)
    counts = bucket_counts([period], keys=("locality",))[0]
    shapes = outlines()
    items = []
    for locality in Locality.objects.filter(is_active=True).order_by("name"):
        items.append(MapItem(
            kind="locality", name=locality.name, detail="", locality=locality.name,
            latitude=_float(locality.latitude), longitude=_float(locality.longitude),
            reports=counts.get((locality.pk,), 0), geometry=shapes.get(locality.name)))
    places = (WalkPlace.objects.select_related("walk", "locality")
              .order_by("locality__name", "location", "id"))
    for place in places:
        items.append(MapItem(
            kind="walk_place", name=place.location, detail=place.get_category_display(),
            locality=place.locality.name, latitude=_float(place.latitude),
            longitude=_float(place.longitude),
            url=reverse("insights:walk-detail", args=[place.walk_id])))
    if may_see_measures(user):
        measures = measures_visible_to(user, Measure.objects.filter(
            latitude__isnull=False).select_related("locality").order_by("title", "id"))
        for measure in measures:
            items.append(MapItem(
                kind="measure", name=measure.title, detail=measure.get_status_display(),
                locality=measure.locality.name if measure.locality else "",
                latitude=_float(measure.latitude), longitude=_float(measure.longitude),
                url=reverse("casework:measure-detail", args=[measure.pk])))
    return items


def _float(value) -> float | None:
    return None if value is None else float(value)


def as_geojson(items: list[MapItem]) -> dict:
    """A GeoJSON FeatureCollection ([longitude, latitude], WGS 84). A locality
    is its outline, or its centre point when it has none; a place without a
    position is left out (the list shows it)."""
    features = []
    for item in items:
        geometry = item.geometry
        if geometry is None and item.latitude is not None:
            geometry = {"type": "Point", "coordinates": [item.longitude, item.latitude]}
        if geometry is None:
            continue
        properties = {"kind": item.kind, "name": item.name, "detail": item.detail,
                      "locality": item.locality, "url": item.url}
        if item.reports is not None:
            properties["reports"] = item.reports
        features.append({"type": "Feature", "geometry": geometry, "properties": properties})
    return {"type": "FeatureCollection", "features": features}
