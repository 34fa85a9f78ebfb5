"""The active categories and localities: small reference data that every
inbox page and every report from a partner system reads. Kept a minute in
each process's memory (a plain dict: a cache backend would unpickle the
rows on every read), so an edit in the admin shows within a minute; rows are
never deleted (reports protect them), only made inactive."""

import time

from .models import Category, Locality

KEPT_SECONDS = 60
# The field a partner system names each by (the API): a category by its
# code, a locality by its name.
CODE_FIELD = {Category: "slug", Locality: "name"}
_kept: dict = {}  # model -> (expires, rows)


def active(model) -> tuple:
    """The active rows of Category or Locality, in the model's order. The
    instances are shared: read them, never change or save them."""
    kept = _kept.get(model)
    if kept is None or kept[0] < time.monotonic():
        kept = _kept[model] = (time.monotonic() + KEPT_SECONDS,
                               tuple(model.objects.filter(is_active=True)))
    return kept[1]


def forget() -> None:
    """Read afresh on next use (tests that change the reference data)."""
    _kept.clear()


def choices(model) -> tuple[tuple[int, str], ...]:
    """(id, name) of the active rows, for filters."""
    return tuple((row.pk, row.name) for row in active(model))


def by_code(model, code: str):
    """The active row whose code (category) or name (locality) is `code`,
    matched without regard to case; None when there is none."""
    field = CODE_FIELD[model]
    wanted = code.strip().casefold()
    return next((row for row in active(model)
                 if getattr(row, field).casefold() == wanted), None)
