"""Submitting a report starts its triage in the same call and transaction
(workflows.services.report_submit: a direct call, no signal)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from casework import services as casework
from casework.models import Category, Locality
from tests.support.refuse import refuse_inserts
from workflows import services
from workflows.models import ReportProcess
from workflows.selectors import triage_task_for_report_id

pytestmark = pytest.mark.django_db


def _fields(reporter, **extra):
    return {"reporter": reporter, "category": Category.objects.get(slug="klotter"),
            "locality": Locality.objects.get(name="Tranemo"),
            "occurred_on": timezone.localdate() - timedelta(days=1),
            "description": "Klotter på gaveln.", **extra}


def test_a_submitted_report_has_its_triage_task(est_people):
    report, created = services.report_submit(**_fields(est_people.reporter))
    assert created
    # the inbox task exists as soon as the report does
    task = triage_task_for_report_id(report.pk)
    assert task is not None
    # and carries its report as its seed (the inbox's one-probe lookup)
    task.refresh_from_db()
    assert task.seed == report


def test_the_inbox_finds_a_report_through_its_triage_tasks_seed(est_people, client):
    """A triage task whose seed is not its report is not shown as that
    report: the inbox reads the report by the seed (workflows 0003)."""
    from django.urls import reverse

    report, _ = services.report_submit(**_fields(est_people.reporter))
    client.force_login(est_people.coordinator)
    assert report.reference in client.get(reverse("workflows:inbox")).content.decode()
    task = triage_task_for_report_id(report.pk)
    type(task).objects.filter(pk=task.pk).update(seed_object_id=None)
    assert report.reference not in client.get(reverse("workflows:inbox")).content.decode()


def test_a_repeated_submission_key_starts_no_second_triage(est_people):
    first, _ = services.report_submit(**_fields(est_people.reporter, submission_key="k1"))
    again, created = services.report_submit(**_fields(est_people.reporter, submission_key="k1"))
    assert not created and again.pk == first.pk
    assert ReportProcess.objects.filter(report=first).count() == 1


def test_casework_alone_saves_without_triage(est_people):
    """casework's own service saves only (no signal starts anything): the
    triage start is workflows' direct call, so nothing else can start it."""
    report, _ = casework.report_submit(**_fields(est_people.reporter))
    assert not ReportProcess.objects.filter(report=report).exists()



def test_the_start_takes_no_lock_on_its_own_new_process_but_a_claim_does(
        est_people, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as submit:
        report, _ = services.report_submit(**_fields(est_people.reporter))
    assert not any("FOR UPDATE" in q["sql"] for q in submit.captured_queries)
    task = triage_task_for_report_id(report.pk)
    with CaptureQueriesContext(connection) as claim:
        services.task_claim(task=task, user=est_people.coordinator)
    assert any("FOR UPDATE" in q["sql"] for q in claim.captured_queries)


def test_the_start_lock_is_skipped_only_for_the_process_being_started():
    from workflows import start as locks

    class Process:
        pk = 7

    locks.starting(Process())
    assert not locks._is_starting(8)  # another process: locked as ever
    assert not locks._is_starting(7)  # the mark is used once, then gone
    locks.starting(Process())
    assert locks._is_starting(7)


def test_a_submit_is_the_report_and_its_triage_in_one_transaction_without_savepoints(
        est_people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as submit:
        report, _ = services.report_submit(**_fields(est_people.reporter))
    statements = [q["sql"].split()[0] for q in submit.captured_queries]
    # the test's own transaction encloses the submit: no SAVEPOINT of the
    # submit, the start or its lock (workflows/start.py)
    assert "SAVEPOINT" not in statements and "RELEASE" not in statements
    assert statements.count("INSERT") == 6  # report, process, report process, 2 tasks, link
    assert triage_task_for_report_id(report.pk) is not None


def test_a_failed_start_leaves_no_report(est_people):
    """The task INSERT refused by the database: the report goes with it (a
    report never exists without its inbox task), savepoints or not."""
    from django.db import DatabaseError, transaction

    from casework.models import Report

    refuse_inserts("viewflow_task")
    before = Report.objects.count()
    with pytest.raises(DatabaseError), transaction.atomic():
        services.report_submit(**_fields(est_people.reporter))
    assert Report.objects.count() == before
