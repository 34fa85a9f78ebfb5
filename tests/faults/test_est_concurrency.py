"""EST under concurrency, each thread on its own database connection: 50
reporters submitting at once get 50 reports with 50 distinct references, and
20 coordinators claiming one triage task at once leave exactly one owner."""

import importlib
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from accounts.roles import Role
from core.errors import Conflict
from tests.factories.accounts import OrganisationFactory, UserFactory


# EST's factories (tests/factories/casework.py), looked up when a test runs
def est():
    return importlib.import_module("tests.factories.casework")


SUBMITTERS = 50
CLAIMERS = 20


def run_at_once(count, work):
    """Start `count` threads behind one barrier; collect results and errors."""
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run(n):
        try:
            barrier.wait(timeout=30)
            results.append(work(n))
        except Exception as error:  # asserted by the caller
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_report_submits_give_fifty_distinct_references():
    from casework.models import Category, Locality, Report
    from workflows import services

    organisation = OrganisationFactory(name="Skolan")
    reporters = [UserFactory(username=f"rapportor{n}", organisation=organisation,
                             roles=[Role.REPORTER]) for n in range(SUBMITTERS)]
    category, locality = Category.objects.get(slug="klotter"), Locality.objects.first()

    def submit(n):
        report, created = services.report_submit(
            reporter=reporters[n], category=category, locality=locality,
            occurred_on=timezone.localdate() - timedelta(days=1),
            description=f"Klotter nummer {n}.", place="Skolgården")
        return report.reference

    references, errors = run_at_once(SUBMITTERS, submit)
    # nobody failed; 50 reports, 50 different references, all stored
    assert errors == []
    assert len(set(references)) == SUBMITTERS
    assert Report.objects.filter(reference__in=references).count() == SUBMITTERS


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_claims_of_one_task_leave_one_winner():
    from viewflow.workflow.models import Task

    from workflows import services

    police = UserFactory(username="polis", organisation=OrganisationFactory(name="Polisen"),
                         roles=[Role.POLICE, Role.REPORTER])
    task = est().triage_task(est().make_report(police))
    coordinators = [UserFactory(username=f"samordnare{n}", roles=[Role.COORDINATOR])
                    for n in range(CLAIMERS)]

    def claim(n):
        try:
            services.task_claim(task=Task.objects.get(pk=task.pk), user=coordinators[n])
        except Conflict:
            return "lost"
        return coordinators[n].username

    results, errors = run_at_once(CLAIMERS, claim)
    # one winner, nineteen clear conflicts, no other error, and the task is the winner's
    assert errors == []
    winners = [r for r in results if r != "lost"]
    assert len(winners) == 1 and results.count("lost") == CLAIMERS - 1
    task.refresh_from_db()
    assert task.owner.username == winners[0]
