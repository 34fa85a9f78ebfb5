"""Object builders for the access matrix (tests/security/matrix_<app>.py).

`once(world, key, build)` makes an object the first time a row asks for it and
hands the same one to every persona of that row (GET rows change nothing, so
sharing keeps the matrix fast). POST rows that change state build fresh
objects per persona instead."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def once(world, key: str, build: Callable[[], Any]) -> Any:
    cache = world.__dict__.setdefault("_matrix_objects", {})
    if key not in cache:
        cache[key] = build()
    return cache[key]


def locality():
    from casework.models import Locality

    return Locality.objects.order_by("name").first()
