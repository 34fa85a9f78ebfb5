"""The roll-up in slots (insights migration 0008): reports in one cell from
separate transactions add to separate rows, so one does not wait for the
other's commit; readers sum the slots; the nightly fold leaves one row per
cell with the same counts."""

import threading
from collections import Counter
from datetime import date

import pytest
from django.db import connection, connections, transaction

from casework.models import Report
from insights.models import ReportWeekCount
from insights.rollup import fold_slots
from insights.statistics import year_summary
from insights.tasks import rollup_fold_slots

from .conftest import make_report
from .test_rollup import direct_counts, rollup_counts

DAY = date(2026, 3, 4)
pytestmark = pytest.mark.django_db(transaction=True)


def test_reports_committed_apart_fill_slots_and_the_fold_keeps_the_counts():
    for _ in range(8):
        make_report(day=DAY)  # autocommit: a transaction each
    moved = make_report(day=DAY)
    moved.status = "moved"  # counted out in another transaction's slot
    moved.save()
    rows = ReportWeekCount.objects.filter(week_start=date(2026, 3, 2))
    assert rows.count() > 1
    assert sorted(rows.values_list("slot", flat=True).distinct()) == [0, 1, 2, 3]
    assert rollup_counts() == direct_counts() == Counter({(date(2026, 3, 2),
                                                           moved.locality_id,
                                                           moved.category_id): 8})
    summary = year_summary(2026)

    assert rollup_fold_slots.apply().get() == 1
    assert list(rows.values_list("slot", "count")) == [(0, 8)]
    assert rollup_counts() == direct_counts()
    assert year_summary(2026) == summary
    assert fold_slots() == 0  # nothing left to fold


def test_a_report_in_a_cell_does_not_wait_for_another_transaction_in_that_cell():
    first_written, release = threading.Event(), threading.Event()

    def open_transaction():
        try:
            with transaction.atomic():
                make_report(day=DAY)
                first_written.set()
                release.wait(10)
        finally:
            connections.close_all()

    holder = threading.Thread(target=open_transaction)
    holder.start()
    try:
        assert first_written.wait(10)
        with transaction.atomic():
            with connection.cursor() as cursor:
                # one roll-up row for both would make this wait, and fail
                cursor.execute("SET LOCAL lock_timeout = '2s'")
            make_report(day=DAY)
    finally:
        release.set()
        holder.join()
    assert Report.objects.count() == 2
    assert sum(rollup_counts().values()) == 2
