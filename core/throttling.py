"""The API's rate limits ("120/minute" per user and scope), counted with one
atomic increment per request.

DRF's SimpleRateThrottle keeps a list of every request's time in the cache
and reads it, appends and writes it back: two round trips per request, a
list as long as the rate, and two concurrent requests can both read the
same list so that one of them is not counted. Here each window of the rate's
length has a counter: a request adds one to the current window's counter and
reads the previous window's, in one round trip on Redis
(core.redis_cache.RedisCache.incr_and_get). The sliding estimate is the
previous window's count weighted by how much of it still lies within the
last period, plus the current count (the sliding-window counter of
Cloudflare's and nginx's limiters): at most the rate in any period, to within
the rounding of that weight. A refused request is taken back out of the
count, as DRF records only allowed requests.

With the cache away the request is let through and the gap logged: the API
takes reports without Redis (tokens and users are then read from the
database), and a limit that cannot count should not turn them away."""

import logging
import math

from redis.exceptions import RedisError
from rest_framework.throttling import ScopedRateThrottle

logger = logging.getLogger(__name__)


def incr_and_get(cache, key: str, other_key: str, timeout: int) -> tuple[int, int]:
    """One more under `key`, and the count under `other_key`."""
    if hasattr(cache, "incr_and_get"):
        return cache.incr_and_get(key, other_key, timeout)
    cache.add(key, 0, timeout)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout)
        count = 1
    return count, cache.get(other_key, 0)


class WindowCountThrottle(ScopedRateThrottle):
    """ScopedRateThrottle's scopes, rates and keys; windowed counters instead
    of the time list."""

    def allow_request(self, request, view):
        self.scope = getattr(view, self.scope_attr, None)
        if not self.scope:
            return True
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        key = self.get_cache_key(request, view) if self.rate else None
        if key is None:
            return True
        window, self.into = divmod(self.timer(), self.duration)
        current = f"{key}:{int(window)}"
        try:
            self.count, self.before = incr_and_get(
                self.cache, current, f"{key}:{int(window) - 1}", 2 * self.duration)
        except (RedisError, OSError) as error:
            logger.warning("throttle %s not counted, the cache is away (%s)", self.scope,
                           type(error).__name__)
            return True
        if self._estimate(self.before, self.count, self.into) <= self.num_requests:
            return True
        self.count -= 1
        try:
            self.cache.decr(current)
        except (ValueError, RedisError, OSError):  # expired or away: nothing to take back
            pass
        return False

    def _estimate(self, before: int, count: int, into: float) -> float:
        return before * (1 - into / self.duration) + count

    def wait(self):
        """Seconds until one more request fits: later in this window as the
        previous window's weight falls, else in the next one."""
        room = self.num_requests - 1 - self.count
        if room >= 0 and self.before:
            # before × (1 − t/duration) ≤ room
            at = self.duration * (1 - room / self.before)
            if at < self.duration:
                return max(1, math.ceil(at - self.into))
        # in the next window this window's count is the weighted one
        after = self.duration * max(0.0, 1 - (self.num_requests - 1) / max(self.count, 1))
        return max(1, math.ceil(self.duration - self.into + after))
