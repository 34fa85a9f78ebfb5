"""The active categories and localities: small reference data that every
inbox page and every report from a partner system reads. Kept a minute in
each process's memory (caches["local"]), so an edit in the admin shows
within a minute; rows are never deleted (reports protect them), only made
inactive."""

from django.core.cache import caches

from .models import Category, Locality

KEPT_SECONDS = 60
# The field a partner system names each by (the API): a category by its
# code, a locality by its name.
CODE_FIELD = {Category: "slug", Locality: "name"}


def active(model) -> list:
    """The active rows of Category or Locality, in the model's order. The
    instances are shared: read them, never change or save them."""
    key = f"reference:{model._meta.label_lower}"
    rows = caches["local"].get(key)
    if rows is None:
        rows = list(model.objects.filter(is_active=True))
        caches["local"].set(key, rows, KEPT_SECONDS)
    return rows


def choices(model) -> list[tuple[int, str]]:
    """(id, name) of the active rows, for filters."""
    return [(row.pk, row.name) for row in active(model)]


def by_code(model, code: str):
    """The active row whose code (category) or name (locality) is `code`,
    matched without regard to case; None when there is none."""
    field = CODE_FIELD[model]
    wanted = code.strip().casefold()
    return next((row for row in active(model)
                 if getattr(row, field).casefold() == wanted), None)
