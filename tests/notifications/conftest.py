from tests.factories.casework import est_people  # noqa: F401  (the outbox migration tests)
