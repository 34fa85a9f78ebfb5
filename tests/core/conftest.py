from tests.concerns.conftest import people, units  # noqa: F401 (shared personas)
