"""50 creators asking for a reference number at the same moment, each on its
own database connection: 50 distinct, gap-free numbers."""

import threading

import pytest
from django.db import connection

from core.references import next_reference

CREATORS = 50


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_references_are_distinct_and_gap_free():
    barrier = threading.Barrier(CREATORS)
    references, errors = [], []

    def create():
        try:
            barrier.wait(timeout=30)
            references.append(next_reference("R", 2026))
        except Exception as error:  # collected and asserted below
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=create) for _ in range(CREATORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    # nobody failed, nobody shared a number, and none was skipped
    assert errors == []
    assert len(set(references)) == CREATORS
    assert sorted(references) == [f"R-2026-{n:05d}" for n in range(1, CREATORS + 1)]
