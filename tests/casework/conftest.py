import pytest

from tests.factories.casework import est_people  # noqa: F401


@pytest.fixture(autouse=True)
def _fresh_cache():
    """API throttling counts in the cache; each test starts from zero."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
