"""Human references such as R-2026-00042: a counter row per prefix and year,
taken with SELECT … FOR UPDATE so concurrent creators get distinct numbers."""

from django.db import transaction

from .models import ReferenceCounter


def next_reference(prefix: str, year: int, width: int = 5) -> str:
    with transaction.atomic():
        ReferenceCounter.objects.get_or_create(prefix=prefix, year=year)
        counter = ReferenceCounter.objects.select_for_update().get(prefix=prefix, year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
    return f"{prefix}-{year}-{counter.last:0{width}d}"
