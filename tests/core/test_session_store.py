"""Sessions read from the shared cache with the database as the record
(core/session_store.py, ADR 0044)."""

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.urls import reverse

from accounts.roles import Role
from core.session_store import SessionStore

pytestmark = pytest.mark.django_db

NOWHERE = {"BACKEND": "core.redis_cache.RedisCache",
           "LOCATION": "redis://127.0.0.1:1/0"}  # nothing listens there


def test_a_logged_in_page_reads_no_session_row(client, make_user, settings,
                                               django_assert_num_queries):
    settings.START_PAGE_PANEL_SECONDS = 30  # the panels kept: no query of the page's own
    client.force_login(make_user("sara", roles=[Role.COORDINATOR]))
    client.get(reverse("core:home"))
    with django_assert_num_queries(0):  # session and user from the caches
        assert client.get(reverse("core:home")).status_code == 200


def test_with_the_cache_away_the_database_answers(client, make_user, settings):
    client.force_login(make_user("sara", roles=[Role.COORDINATOR]))
    settings.CACHES = {**settings.CACHES, "default": NOWHERE}
    response = client.get(reverse("core:home"))
    assert response.status_code == 200 and "Logga ut" in response.content.decode()


def test_with_the_cache_away_a_session_is_not_ended_half_way(make_user, settings):
    store = SessionStore()
    store["x"] = 1
    store.create()
    settings.CACHES = {**settings.CACHES, "default": NOWHERE}
    with pytest.raises(Exception):  # noqa: B017,PT011 (redis-py's connection error)
        SessionStore(store.session_key).delete()
    assert Session.objects.filter(session_key=store.session_key).exists()


def test_an_ended_session_is_gone_from_the_cache_too(make_user):
    store = SessionStore()
    store["x"] = 1
    store.create()
    SessionStore(store.session_key).load()  # fills the cache
    assert caches["default"].get(store.cache_key) is not None
    SessionStore(store.session_key).delete()
    assert caches["default"].get(store.cache_key) is None
    assert SessionStore(store.session_key).load() == {}


def test_the_users_version_comes_with_the_session_and_serves_only_that_request(
        client, make_user):
    """The version token read with the session (one MGET) is used by the
    same request's user load and by nothing after it."""
    from accounts import user_cache

    anna = make_user("anna_mget", roles=[Role.COORDINATOR])
    client.force_login(anna)
    assert client.get("/").status_code == 200  # the process now knows the session's user
    assert client.get("/").status_code == 200
    # a version read with another request's session is forgotten when the
    # next request starts, and never serves another user
    user_cache.prefetched(anna.pk, "stale-version")
    assert user_cache._take_prefetched(anna.pk + 1) is None
    user_cache.prefetched(anna.pk, "stale-version")
    user_cache._forget_prefetched()  # what request_started and request_finished call
    assert user_cache.version_of(anna.pk) != "stale-version"
    # a role taken away between two requests shows on the second
    anna.groups.clear()
    assert client.get("/inkorg/").status_code in (403, 404)
