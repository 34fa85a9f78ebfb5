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
