from tests.concerns.conftest import people, units  # noqa: F401 (shared personas)
from tests.factories.casework import est_people  # noqa: F401
