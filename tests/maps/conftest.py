from decimal import Decimal

from casework.measures import measure_create
from casework.models import Locality
from insights.models import SafetyWalk, WalkPlace
from tests.factories.casework import est_people  # noqa: F401

TRANEMO = (Decimal("57.486000"), Decimal("13.352000"))


def walk_place(name="Gångtunneln", *, position=TRANEMO, locality="Tranemo"):
    where = Locality.objects.get(name=locality)
    walk = SafetyWalk.objects.create(locality=where, date="2026-04-14",
                                     meeting_point="Busstationen")
    latitude, longitude = position or (None, None)
    return WalkPlace.objects.create(walk=walk, locality=where, location=name,
                                    category="lighting", description="Mörkt.",
                                    latitude=latitude, longitude=longitude)


def positioned_measure(people, title="Ny belysning", *, restricted_to_group=None):
    return measure_create(
        actor=people.coordinator, title=title, owner_organisation=people.tsk_org,
        restricted_to_group=restricted_to_group,
        target={"locality": Locality.objects.get(name="Tranemo"), "latitude": TRANEMO[0],
                "longitude": TRANEMO[1]})
