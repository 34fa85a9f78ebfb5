"""Report references from the year's PostgreSQL sequence (ADR 0042): on real
connections, concurrent submits get distinct references in the usual format,
and a submit never waits for another one's open transaction."""

import re
import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone

from casework.models import Report
from tests.factories.casework import make_report

SUBMITTERS = 8


@pytest.mark.django_db(transaction=True)
def test_concurrent_submits_get_distinct_references(est_people):
    barrier = threading.Barrier(SUBMITTERS)
    references, errors = [], []

    def submit():
        try:
            barrier.wait(timeout=30)
            references.append(make_report(est_people.police).reference)
        except Exception as error:  # collected and asserted below
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(SUBMITTERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert len(set(references)) == SUBMITTERS
    year = timezone.localdate().year
    assert all(re.fullmatch(rf"R-{year}-\d{{5}}", ref) for ref in references)
    # every report has its inbox task, whatever the order they committed in
    assert Report.objects.filter(reference__in=references, triage_process__isnull=False).count() \
        == SUBMITTERS


@pytest.mark.django_db(transaction=True)
def test_an_open_submit_does_not_hold_up_another(est_people):
    """One submit stays open (its transaction not committed) while a second
    submit on another connection runs with a lock timeout: with a global
    counter row it would wait for the first and fail; with the sequence it
    goes through. (The two are in different roll-up cells: two reports of
    one week, place and category do wait on their shared roll-up row.)"""
    make_report(est_people.police)  # the year's sequence exists
    first_in, release = threading.Event(), threading.Event()
    outcome = {}

    def hold_open_submit():
        try:
            with transaction.atomic():
                outcome["first"] = make_report(est_people.police).reference
                first_in.set()
                release.wait(timeout=60)
        except Exception as error:  # asserted below
            outcome["first_error"] = repr(error)
            first_in.set()
        finally:
            connection.close()

    def second_submit():
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '2s'")
                outcome["second"] = make_report(est_people.police, category="brander",
                                                locality="Limmared").reference
        except Exception as error:  # asserted below
            outcome["second_error"] = repr(error)
        finally:
            connection.close()

    first = threading.Thread(target=hold_open_submit)
    first.start()
    assert first_in.wait(timeout=60)
    second = threading.Thread(target=second_submit)
    second.start()
    second.join(timeout=60)
    release.set()
    first.join(timeout=60)

    assert "first_error" not in outcome and "second_error" not in outcome, outcome
    assert outcome["first"] != outcome["second"]
