"""Django's Redis cache backend, with one redis-py client per connection pool
instead of a new client object on every call.

Django's RedisCacheClient.get_client builds `redis.Redis(connection_pool=…)`
for every get and set; the constructor alone cost about a quarter of a
cached read (profiled on a logged-in page, which reads the session and the
user's version token from Redis on every request). A redis-py client over a
pool is safe to share between threads, and the pool reconnects after a fork
(it checks the process id), so one per pool is enough."""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    def incr_and_get(self, key: str, other_key: str, timeout: int) -> tuple[int, int]:
        """Add one to `key` (kept `timeout` seconds from now) and read the
        number under `other_key`, in one round trip (a pipeline, not a
        transaction: INCR is atomic on its own). Numbers are stored as Django
        stores integers, so `get` and `decr` read them as usual."""
        key, other_key = self.make_and_validate_key(key), self.make_and_validate_key(other_key)
        pipe = self._cache.get_client(key, write=True).pipeline(transaction=False)
        pipe.incr(key)
        pipe.expire(key, timeout)
        pipe.get(other_key)
        count, _expiry_set, other = pipe.execute()
        return count, int(other or 0)
