"""Bench data for the effect follow-up (issue 15): 1,000 finished measures
with a target, finished over the two years load_volume spreads its reports
over, so the yearly effects page has the year's share of them (about half).
A third have a place (coordinates near their locality, with a surrounding
zone); load_volume's reports have no coordinates, so those probe the report
index and find little, as in a municipality where few reports carry a position.
Bulk rows (bench data, like load_volume's COPY), made once."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from bench import log

COUNT = 1_000
PREFIX = "Bench-effekt "


def prepare_effect_measures(count: int = COUNT) -> None:
    from django.utils import timezone

    from accounts.models import Organisation
    from casework.choices import MeasureStatus
    from casework.models import Category, Locality, Measure

    if Measure.objects.filter(title__startswith=PREFIX).exists():
        return
    log(f"creating {count} finished measures with targets")
    rng = random.Random(15)
    organisation, _ = Organisation.objects.get_or_create(name="Bench")
    localities = list(Locality.objects.all())
    categories = list(Category.objects.all())
    today = timezone.localdate()
    measures = []
    for i in range(count):
        locality = rng.choice(localities)
        finished = today - timedelta(days=rng.randint(1, 729))
        place = i % 3 == 0
        lat = Decimal(f"{57.48 + rng.uniform(-0.1, 0.1):.6f}") if place else None
        lon = Decimal(f"{13.35 + rng.uniform(-0.1, 0.1):.6f}") if place else None
        measures.append(Measure(
            title=f"{PREFIX}{i}", owner_organisation=organisation,
            status=MeasureStatus.DONE, locality=locality, latitude=lat, longitude=lon,
            radius_m=250 if place else None, buffer_m=300 if place else None,
            effective_on=finished - timedelta(days=rng.randint(0, 60)),
            completed_at=timezone.make_aware(datetime.combine(finished, time(12)))))
    created = Measure.objects.bulk_create(measures, batch_size=500)
    links = [Measure.categories.through(measure_id=m.pk, category_id=c.pk)
             for m in created for c in rng.sample(categories, rng.randint(1, 2))]
    Measure.categories.through.objects.bulk_create(links, batch_size=2000)
