"""Sessions kept in PostgreSQL and read from the shared cache (Redis in
production): SESSION_ENGINE = "core.session_store".

Every request behind the login used to read its session row through the ORM
(about half of what a logged-in page cost before its own work). Django's
cached_db engine reads the cache first and the database only on a miss; the
database stays the record, so a session survives a cache flush, and
`clearsessions` and the deactivation sweep (accounts/signals.py) see every
session there.

What this adds to Django's cached_db:
- the cache may be away (Redis down): a failed read or write falls back to
  the database alone, so the site keeps serving (tests/faults/test_broker_down);
- ending a session (logout, a new key at login, `end_session` on
  deactivation) deletes the cache entry, the row and the cache entry again,
  and fails loudly if the cache cannot be reached: a deactivated user's old
  cookie must never come back to life from the cache once the account is
  active again, nor a logged-out one when Redis returns with its keys. So
  while Redis is away pages keep serving, but signing in, signing out and
  deactivating answer with an error (fail closed; ADR 0044).

A session this process has loaded before is read together with its user's
version token (accounts/user_cache.py) in one round trip (MGET): the two
reads every page behind the login makes before its own work become one.

Safety properties unchanged: sessions end on deactivation, logout deletes
both copies (cached_db's flush), the idle timeout lives in the session data
(core/sessions.py) and is refreshed at most once a minute, which is then one
UPDATE and one cache write."""

import logging

from django.contrib.sessions.backends.cached_db import KEY_PREFIX
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore

from accounts import user_cache

logger = logging.getLogger(__name__)


class SessionStore(CachedDBStore):
    cache_key_prefix = KEY_PREFIX

    def load(self):
        try:
            data = self._read_cache()
        except Exception:  # the cache is away: the database alone answers
            logger.warning("sessions: cache unavailable, reading the database")
            data = None
            reachable = False
        else:
            reachable = True
        if data is not None:
            _remember_user_of(self.session_key, data)
            return data
        session = self._get_session_from_db()
        if not session:
            return {}
        data = self.decode(session.session_data)
        _remember_user_of(self.session_key, data)
        if reachable:
            try:
                self._cache.set(self.cache_key, data,
                                self.get_expiry_age(expiry=session.expire_date))
            except Exception:
                logger.warning("sessions: could not fill the cache")
        return data

    def _read_cache(self):
        """The session; and when this process has seen the session before,
        its user's version token in the same round trip (MGET), handed to
        accounts/user_cache.py for the user load that follows."""
        user_id = _user_of_session.get(self.session_key)
        if user_id is None:
            return self._cache.get(self.cache_key)
        version_key = user_cache.version_key(user_id)
        found = self._cache.get_many([self.cache_key, version_key])
        user_cache.prefetched(user_id, found.get(version_key))
        return found.get(self.cache_key)

    def exists(self, session_key):
        try:
            if session_key and (self.cache_key_prefix + session_key) in self._cache:
                return True
        except Exception:
            logger.warning("sessions: cache unavailable, asking the database")
        return super(CachedDBStore, self).exists(session_key)


    def delete(self, session_key=None):
        """The cache entry, the row, the cache entry again: a request that
        read the row between the first two steps may have put it back in the
        cache. An error from the cache propagates before anything is deleted
        (the first step) or after (the third): the caller fails, and a
        session is never half-ended silently."""
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        self._cache.delete(self.cache_key_prefix + session_key)
        super(CachedDBStore, self).delete(session_key)
        self._cache.delete(self.cache_key_prefix + session_key)


# session key -> user id, from each session this process loaded. Only a
# hint for the round trip above: the user is always the one the session
# itself names (a version read for another id is never used for it).
_user_of_session: dict[str, int] = {}
_MAX_REMEMBERED = 10_000


def _remember_user_of(session_key, data) -> None:
    user_id = data.get("_auth_user_id")
    if session_key and user_id is not None:
        if len(_user_of_session) >= _MAX_REMEMBERED:
            _user_of_session.clear()
        _user_of_session[session_key] = user_id


def end_session(session_key: str) -> None:
    """Delete a session for good: its row and its cache entry."""
    SessionStore(session_key).delete(session_key)
