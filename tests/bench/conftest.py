from tests.faults.conftest import real_server  # noqa: F401  (the bench server)
