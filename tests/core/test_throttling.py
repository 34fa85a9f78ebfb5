"""core/throttling.py: windowed counters for the API's rate limits, on the
shared Redis cache (one round trip) and on any other Django cache."""

import threading

import pytest
from django.core.cache.backends.locmem import LocMemCache
from rest_framework.test import APIRequestFactory

from core.redis_cache import RedisCache
from core.throttling import WindowCountThrottle

RATE, PERIOD = 10, 60
T0 = 1_800_000_000.0 - 1_800_000_000.0 % PERIOD  # the start of a window


class View:
    throttle_scope = "test_scope"


class User:
    is_authenticated = True

    def __init__(self, pk):
        self.pk = pk


@pytest.fixture(params=["redis", "locmem"])
def cache(request, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": {"test_scope": f"{RATE}/minute"}}
    if request.param == "redis":
        backend = RedisCache(settings.REDIS_URL, {"KEY_PREFIX": "throttle-test"})
    else:
        backend = LocMemCache("throttle-test", {})
    backend.clear()
    yield backend
    backend.clear()


class Clock:
    def __init__(self, now):
        self.now = now


def throttle(cache, clock):
    made = WindowCountThrottle()
    made.cache, made.timer = cache, lambda: clock.now
    made.THROTTLE_RATES = {"test_scope": f"{RATE}/minute"}
    return made


def ask(cache, clock, user=1):
    request = APIRequestFactory().post("/api/")
    request.user = User(user)
    made = throttle(cache, clock)
    return made.allow_request(request, View()), made


def test_the_rate_is_allowed_and_one_more_is_refused_and_not_counted(cache):
    clock = Clock(T0 + 5)
    assert all(ask(cache, clock)[0] for _ in range(RATE))
    assert [ask(cache, clock)[0] for _ in range(3)] == [False] * 3
    # another user counts apart
    assert ask(cache, clock, user=2)[0]
    # refused requests were taken back out: the previous window holds RATE,
    # so once it weighs half, half the rate fits again
    clock.now = T0 + PERIOD + PERIOD / 2
    assert [ask(cache, clock)[0] for _ in range(RATE // 2 + 1)] == [True] * (RATE // 2) + [False]


def test_the_window_slides(cache):
    clock = Clock(T0 + PERIOD - 1)
    assert all(ask(cache, clock)[0] for _ in range(RATE))
    clock.now = T0 + PERIOD + 1  # a new fixed window, but the last minute is full
    assert not ask(cache, clock)[0]
    clock.now = T0 + 2 * PERIOD + 1  # the full window is more than a period ago
    assert all(ask(cache, clock)[0] for _ in range(RATE))


@pytest.mark.parametrize("into", [0, 7.5, 30, 59])
def test_wait_says_when_the_next_request_fits(cache, into):
    clock = Clock(T0 + into)
    for _ in range(RATE):
        ask(cache, clock)
    allowed, refused = ask(cache, clock)
    assert not allowed
    wait = refused.wait()
    assert wait > 0
    start = clock.now
    clock.now = start + wait - 2
    assert not ask(cache, clock)[0]
    clock.now = start + wait
    assert ask(cache, clock)[0]


def test_concurrent_requests_are_all_counted(settings):
    """Four times the rate at once from eight threads: exactly the rate gets in
    (an atomic INCR, not a read and a write of a list)."""
    backend = RedisCache(settings.REDIS_URL, {"KEY_PREFIX": "throttle-test"})
    backend.clear()
    clock, results, lock = Clock(T0 + 1), [], threading.Lock()

    def worker():
        for _ in range(RATE * 4 // 8):
            allowed, _made = ask(backend, clock)
            with lock:
                results.append(allowed)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    backend.clear()
    assert results.count(True) == RATE and len(results) == RATE * 4


def test_with_the_cache_away_the_request_goes_through(settings, caplog):
    away = RedisCache("redis://127.0.0.1:1/0", {})  # nothing listens there
    allowed, _made = ask(away, Clock(T0))
    assert allowed
    assert "not counted" in caplog.text
