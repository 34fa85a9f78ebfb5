"""What a measure aims at, for the effect follow-up (insights.effects): its
locality, optionally a place (coordinates, radius, surrounding zone), the
report categories it targets and the day it took effect. Written only through
`measure_target_set`, which measure_create / measure_update call inside their
transaction."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Avg
from django.utils.translation import gettext as _

from core import geo

from ..models import Measure, Report

TARGET_FIELDS = ("locality", "categories", "latitude", "longitude", "radius_m", "buffer_m",
                 "effective_on", "place_from_reports")


def measure_target_set(*, measure: Measure, locality=None, categories=None,
                       latitude: Decimal | None = None, longitude: Decimal | None = None,
                       radius_m: int | None = None, buffer_m: int | None = None,
                       effective_on: date | None = None,
                       place_from_reports: bool = False) -> Measure:
    """Set the measure's target. The caller holds the transaction (and the
    row lock, on update). `categories` None leaves them as they are. With
    `place_from_reports` and no coordinates given, the place is the mean
    position of the reports of the measure's cases (ValidationError when
    none of them has coordinates)."""
    if place_from_reports and latitude is None and longitude is None:
        centre = Report.objects.filter(case__measures=measure, latitude__isnull=False,
                                       longitude__isnull=False).aggregate(
            lat=Avg("latitude"), lon=Avg("longitude"))
        if centre["lat"] is None:
            raise ValidationError({"place_from_reports": _(
                "None of the reports of the measure's cases has coordinates.")})
        latitude = round(centre["lat"], 6)
        longitude = round(centre["lon"], 6)
    if (latitude is None) != (longitude is None):
        raise ValidationError({"latitude": _("Give both latitude and longitude, or neither.")})
    if errors := geo.check_position(latitude, longitude):
        raise ValidationError(errors)
    measure.locality = locality
    measure.latitude, measure.longitude = latitude, longitude
    measure.radius_m, measure.buffer_m = radius_m, buffer_m
    measure.effective_on = effective_on
    measure.save(update_fields=["locality", "latitude", "longitude", "radius_m", "buffer_m",
                                "effective_on", "updated_at"])
    if categories is not None:
        measure.categories.set(categories)
    return measure
