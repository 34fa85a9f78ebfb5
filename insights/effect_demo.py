"""Demo data for the effect follow-up (order 55): two finished measures with a
target, one whose place clearly improved (klotter in the Tranemo pedestrian
tunnel halves, a little of it moving next door) and one with no change
(litter at the Limmared bathing place), with the reports around them. Bulk
inserts (the roll-up triggers fire per row), so loading stays fast.
Idempotent: nothing is added when the first measure exists."""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import Organisation
from casework.choices import MeasureStatus, ReportStatus
from casework.models import Category, Locality, Measure, Report
from casework.services import measure_create

from .effects import windows_for

TUNNEL = (Decimal("57.485300"), Decimal("13.350600"))  # invented, central Tranemo
BATHING = (Decimal("57.525000"), Decimal("13.420000"))  # invented, Limmared
WEEKS = 12
EFFECTIVE_DAYS_AGO = 140  # the after-window (12 weeks) is over

# (title, locality, category slug, place, buffer, reports before/after at the
# place, in the zone, in the rest of the municipality)
MEASURES = [
    ("Belysning och snabbsanering i gångtunneln", "Tranemo", "klotter", TUNNEL, 300,
     (44, 18), (8, 12), (70, 68)),
    ("Extra tömning av papperskorgar vid badplatsen", "Limmared", "nedskrapning", BATHING,
     None, (22, 23), (0, 0), (60, 61)),
]


def _near(rng, centre, metres):
    """A point within `metres` of `centre` (or in the ring beyond it)."""
    lat, lon = float(centre[0]), float(centre[1])
    return (Decimal(f"{lat + rng.uniform(-metres, metres) / 111_320:.6f}"),
            Decimal(f"{lon + rng.uniform(-metres, metres) / 60_000:.6f}"))


def seed(stdout=None) -> None:
    if Measure.objects.filter(title=MEASURES[0][0]).exists():
        return
    localities = {loc.name: loc for loc in Locality.objects.all()}
    categories = {c.slug: c for c in Category.objects.all()}
    organisation = Organisation.objects.filter(kind=Organisation.Kind.HOUSING).first()
    if organisation is None or not {"Tranemo", "Limmared"} <= set(localities):
        return
    others = [loc for name, loc in localities.items() if name not in ("Tranemo", "Limmared")]
    rng = random.Random(15)
    effective = timezone.localdate() - timedelta(days=EFFECTIVE_DAYS_AGO)
    windows = windows_for(effective, WEEKS)
    rows, number = [], 0

    def add(count, start, locality, category, coords=None, metres=0, ring=0):
        nonlocal number
        for _ in range(count):
            number += 1
            lat = lon = None
            if coords:
                lat, lon = _near(rng, coords, metres)
                if ring:  # the zone: shift outside the place's radius
                    lat += Decimal(f"{ring / 111_320:.6f}")
            rows.append(Report(
                reference=f"D-EFF-{number:05d}", category=category, locality=locality,
                place="Demo", latitude=lat, longitude=lon,
                occurred_on=start + timedelta(days=rng.randrange(7 * WEEKS)),
                description="Demorapport för effektuppföljningen.",
                # Set aside: counted like any report, but not waiting in triage.
                status=ReportStatus.SET_ASIDE, set_aside_reason="Demodata."))

    for title, locality, slug, place, buffer_m, at_place, in_zone, elsewhere in MEASURES:
        category = categories[slug]
        for index, start in enumerate((windows.before_start, windows.after_start)):
            add(at_place[index], start, localities[locality], category, place, 120)
            add(in_zone[index], start, localities[locality], category, place, 80, ring=400)
            for n in range(elsewhere[index]):
                add(1, start, others[n % len(others)], category)
        measure = measure_create(
            actor=None, title=title, owner_organisation=organisation,
            status=MeasureStatus.DONE, description="Demoåtgärd med effektuppföljning.",
            target={"locality": localities[locality], "categories": [category],
                    "latitude": place[0], "longitude": place[1], "radius_m": 250,
                    "buffer_m": buffer_m, "effective_on": effective})
        done = timezone.make_aware(datetime.combine(effective + timedelta(days=1), time(12)))
        Measure.objects.filter(pk=measure.pk).update(completed_at=done)
    Report.objects.bulk_create(rows)
    if stdout:
        stdout.write(f"insights: {len(MEASURES)} measures with effect follow-up, "
                     f"{len(rows)} reports around them")
