"""Positions: the one rule for what counts as a place in Sweden.

Reports, measures and walk places take an optional latitude/longitude (WGS 84,
decimal degrees, what a phone's GPS and every web map give). A point outside a
box around Sweden is a typo (swapped fields, a minus sign, a position in
another country) and is refused with a Swedish message, by the forms and the
API alike. The box is Sweden's extent (55.3–69.1 N, 10.9–24.2 E) with a margin
for the coast and the islands."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

LATITUDE_RANGE = (Decimal("55.0"), Decimal("69.5"))
LONGITUDE_RANGE = (Decimal("10.5"), Decimal("24.5"))


def _inside(value, bounds) -> bool:
    return value is None or bounds[0] <= Decimal(str(value)) <= bounds[1]


def validate_latitude(value) -> None:
    """A latitude inside Sweden's box (None passes: the position is optional)."""
    if not _inside(value, LATITUDE_RANGE):
        raise ValidationError(
            _("The latitude must lie in Sweden (between %(low)s and %(high)s)."),
            code="outside_sweden",
            params={"low": "55,0", "high": "69,5"})


def validate_longitude(value) -> None:
    """A longitude inside Sweden's box (None passes)."""
    if not _inside(value, LONGITUDE_RANGE):
        raise ValidationError(
            _("The longitude must lie in Sweden (between %(low)s and %(high)s)."),
            code="outside_sweden",
            params={"low": "10,5", "high": "24,5"})


def check_position(latitude, longitude) -> dict:
    """Field -> messages for a position: both or neither given, inside Sweden.
    Empty when the position is fine. One place for forms, API and services."""
    errors: dict[str, list] = {}
    if (latitude is None) != (longitude is None):
        errors.setdefault("longitude", []).append(
            _("Give both latitude and longitude, or neither."))
    for field, value, check in (("latitude", latitude, validate_latitude),
                                ("longitude", longitude, validate_longitude)):
        try:
            check(value)
        except ValidationError as error:
            errors.setdefault(field, []).extend(error.messages)
    return errors
