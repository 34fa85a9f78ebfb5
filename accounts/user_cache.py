"""The per-request user without a database read: the user with organisation
and roles, kept in each process's memory (`caches["local"]`) under a key
that carries the user's version token, kept in the shared cache
(`caches["default"]`, Redis in production).

Any change to the user, its roles, its organisation or is_active gives the
user a new random token (`bump`, from the signals in accounts/signals.py), so
every process misses on its next request and reads the database again: a role
taken away or an account closed takes effect on the next request, as before.

Why this shape:
- the version is read before the database, so a reader that loads the user
  while a change commits stores what it read under the old token, which the
  change has already replaced (the `on_commit` bump closes the window of a
  reader between the first bump and the commit);
- tokens are random, not counters: if Redis loses its keys, a fresh token
  never matches an entry a process kept from before;
- the user (with its password hash, for Django's session check) stays in
  process memory; only the token goes to Redis;
- Redis away: the version read fails, the request reads the database (the
  site keeps working, as the "broker down" fault test requires) and this
  process forgets its entries. A bump that fails is logged; the entries of
  other processes then live at most LOCAL_TIMEOUT seconds."""

import logging
import threading
import uuid

from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import transaction

logger = logging.getLogger(__name__)

LOCAL_TIMEOUT = 300
_PREFIX = "tryggsam:user"


def version_key(user_id) -> str:
    return f"{_PREFIX}:version:{user_id}"


# A version token read with this request's session (core/session_store.py
# reads both in one round trip). Used once, by the user load of the same
# request; forgotten when a request starts or ends, so no other request
# can take it.
_prefetched = threading.local()


def prefetched(user_id, version: str | None) -> None:
    _prefetched.value = (str(user_id), version)


def _forget_prefetched(**kwargs) -> None:
    _prefetched.value = None


request_started.connect(_forget_prefetched, dispatch_uid="user-cache-prefetched-start")
request_finished.connect(_forget_prefetched, dispatch_uid="user-cache-prefetched-end")


def _take_prefetched(user_id) -> str | None:
    value = getattr(_prefetched, "value", None)
    _prefetched.value = None
    if value is not None and value[0] == str(user_id):
        return value[1]
    return None


def _entry_key(user_id, version: str) -> str:
    return f"{_PREFIX}:{user_id}:{version}"


def version_of(user_id) -> str | None:
    """The user's current token (made on first use), or None if the shared
    cache cannot be read: then nothing may be served from memory."""
    version = _take_prefetched(user_id)
    if version is not None:
        return version
    shared = caches["default"]
    try:
        version = shared.get(version_key(user_id))
        if version is None:
            fresh = uuid.uuid4().hex
            # add: two processes making the first token agree on one
            version = fresh if shared.add(version_key(user_id), fresh, None) else \
                shared.get(version_key(user_id))
        return version
    except Exception:  # the shared cache is down: read the database
        logger.warning("user cache: shared cache unavailable, reading the database")
        caches["local"].clear()
        return None


def cached_user(user_id, version: str | None):
    if version is None:
        return None
    return caches["local"].get(_entry_key(user_id, version))


def remember_user(user, version: str | None) -> None:
    if version is not None:
        caches["local"].set(_entry_key(user.pk, version), user, LOCAL_TIMEOUT)


def bump(user_ids) -> None:
    """Give each user a new token now and again when the transaction commits
    (a reader between the two would otherwise keep the uncommitted past)."""
    user_ids = [pk for pk in set(user_ids) if pk is not None]
    if not user_ids:
        return
    _bump_now(user_ids)
    transaction.on_commit(lambda: _bump_now(user_ids))


def _bump_now(user_ids) -> None:
    try:
        caches["default"].set_many(
            {version_key(pk): uuid.uuid4().hex for pk in user_ids}, None)
    except Exception:
        logger.error("user cache: could not bump the version of %d users", len(user_ids))
        caches["local"].clear()
