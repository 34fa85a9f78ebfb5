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


def reference_data() -> None:
    """Localities, categories and role groups (a transactional test elsewhere
    may have flushed what the migrations made)."""
    from django.contrib.auth.models import Group

    from accounts.roles import Role
    from tests.factories.casework import ensure_reference_data

    ensure_reference_data()
    for role in Role.ALL:
        Group.objects.get_or_create(name=role)


def locality():
    from casework.models import Locality

    reference_data()
    return Locality.objects.order_by("name").first()
