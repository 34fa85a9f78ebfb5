import threading
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.status import STATUS

from casework.choices import ReportStatus
from casework.models import Case, Report
from core.errors import Conflict
from tests.factories.casework import make_report, triage, triage_task
from workflows import services
from workflows.selectors import inbox_page

pytestmark = pytest.mark.django_db


def test_the_coordinator_sees_a_new_report_in_the_queue_and_claims_it(client, est_people):
    report = make_report(est_people.police, locality="Grimsås")
    task = triage_task(report)
    client.force_login(est_people.coordinator)
    inbox = client.get(reverse("workflows:inbox") + "?vy=queue").content.decode()
    assert report.reference in inbox
    response = client.post(reverse("workflows:task-claim", args=[task.pk]))
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.owner == est_people.coordinator
    # Now it is under "my tasks", not in the queue
    assert report.reference in client.get(reverse("workflows:inbox") + "?vy=mine").content.decode()
    assert report.reference not in client.get(
        reverse("workflows:inbox") + "?vy=queue").content.decode()


def test_release_and_reassign(client, est_people):
    task = triage_task(make_report(est_people.police))
    client.force_login(est_people.coordinator)
    client.post(reverse("workflows:task-claim", args=[task.pk]))
    client.post(reverse("workflows:task-release", args=[task.pk]))
    task.refresh_from_db()
    assert task.owner is None and task.status == STATUS.NEW
    # Reassign hands it to the security coordinator
    client.post(reverse("workflows:task-reassign", args=[task.pk]),
                {"user": est_people.security.pk})
    task.refresh_from_db()
    assert task.owner == est_people.security


def test_a_second_claim_gets_a_clear_message(client, est_people):
    task = triage_task(make_report(est_people.police))
    services.task_claim(task=task, user=est_people.security)
    client.force_login(est_people.coordinator)
    response = client.post(reverse("workflows:task-claim", args=[task.pk]), follow=True)
    assert "har redan tagit uppgiften" in response.content.decode()
    task.refresh_from_db()
    assert task.owner == est_people.security


@pytest.mark.django_db(transaction=True)
def test_two_users_claiming_at_once_one_wins(est_people):
    task = triage_task(make_report(est_people.police))
    barrier = threading.Barrier(2)
    results = {}

    def claim(user):
        from viewflow.workflow.models import Task

        try:
            barrier.wait()
            services.task_claim(task=Task.objects.get(pk=task.pk), user=user)
            results[user.username] = "won"
        except Conflict as error:
            results[user.username] = str(error)
        except Exception as error:  # noqa: BLE001 (reported in the assertion)
            results[user.username] = repr(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=claim, args=(u,))
               for u in (est_people.coordinator, est_people.security)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    # Exactly one won, the other got the "already took" message
    assert sorted(results.values()).count("won") == 1, results
    loser = next(v for v in results.values() if v != "won")
    assert "har redan tagit uppgiften" in loser
    task.refresh_from_db()
    assert task.owner.username == next(k for k, v in results.items() if v == "won")


@pytest.mark.parametrize("action, expected_status", [
    ("open_case", ReportStatus.IN_CASE),
    ("set_aside", ReportStatus.SET_ASIDE),
    ("move_to_concern_track", ReportStatus.MOVED),
])
def test_triage_decisions_through_http(client, est_people, action, expected_status):
    report = make_report(est_people.police)
    task = triage_task(report)
    client.force_login(est_people.coordinator)
    client.post(reverse("workflows:task-claim", args=[task.pk]))
    response = client.post(reverse("workflows:task", args=[task.pk]),
                           {"action": action, "reason": "Dubblett av polisens egen anmälan."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == expected_status
    task.refresh_from_db()
    assert task.status == STATUS.DONE
    if action == "open_case":
        assert response["Location"] == reverse("casework:case-detail",
                                               args=[report.case.reference])


def test_a_duplicate_joins_an_existing_case(client, est_people):
    first = make_report(est_people.police)
    case = triage(first, est_people.coordinator)
    duplicate = make_report(est_people.housing)
    task = triage_task(duplicate)
    client.force_login(est_people.coordinator)
    client.post(reverse("workflows:task-claim", args=[task.pk]))
    client.post(reverse("workflows:task", args=[task.pk]),
                {"action": "add_to_case", "case": case.pk})
    duplicate.refresh_from_db()
    assert duplicate.case == case
    assert Case.objects.count() == 1
    assert case.events.filter(kind="report_added").exists()


def test_deciding_needs_the_task_claimed_and_a_reason_for_set_aside(client, est_people):
    report = make_report(est_people.police)
    task = triage_task(report)
    client.force_login(est_people.coordinator)
    response = client.post(reverse("workflows:task", args=[task.pk]), {"action": "open_case"},
                           follow=True)
    assert "Ta uppgiften innan du beslutar" in response.content.decode()
    client.post(reverse("workflows:task-claim", args=[task.pk]))
    response = client.post(reverse("workflows:task", args=[task.pk]), {"action": "set_aside"})
    assert response.status_code == 400
    assert "Ange varför rapporten avskrivs" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.NEW


def test_filters_and_sorting(est_people):
    in_grimsas = make_report(est_people.police, locality="Grimsås", urgency="urgent")
    in_uddebo = make_report(est_people.police, locality="Uddebo", category="brander")
    tasks = inbox_page(user=est_people.coordinator, locality=in_grimsas.locality_id).rows
    assert [row.reference for row in tasks] == [in_grimsas.reference]
    tasks = inbox_page(user=est_people.coordinator, category=in_uddebo.category_id).rows
    assert [row.reference for row in tasks] == [in_uddebo.reference]
    tasks = inbox_page(user=est_people.coordinator, sort="urgency").rows
    assert tasks[0].reference == in_grimsas.reference
    tasks = inbox_page(user=est_people.coordinator, age="7").rows
    assert tasks == []


def test_paging_knows_the_next_page_without_counting(est_people):
    from core.pagination import PAGE_SIZE

    for _ in range(PAGE_SIZE + 1):
        make_report(est_people.police)
    first = inbox_page(user=est_people.coordinator, page=1)
    second = inbox_page(user=est_people.coordinator, page=2)  # an old ?sida=2 link
    assert len(first) == PAGE_SIZE and first.has_next and not first.has_previous
    assert len(second) == 1 and not second.has_next and second.has_previous


def _inbox_queries(client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("workflows:inbox"))
    assert response.status_code == 200
    assert not any("COUNT(" in q["sql"].upper() for q in ctx.captured_queries)
    return len(ctx.captured_queries)


def _inbox_queries_cold_and_warm(client) -> tuple[int, int]:
    """The inbox's queries with the per-process cache empty, then filled.
    Deterministic: the cache is emptied first and the clock stands still
    across both requests, so the filter choices (kept 60 s) cannot expire in
    between however slow the machine is (once this read `3 == 5`), and the
    session's once-a-minute activity write is done before counting."""
    import time_machine
    from django.core.cache import caches
    from django.utils import timezone

    from casework import reference

    with time_machine.travel(timezone.now(), tick=False):
        # the session's last activity is written at most once a minute (idle
        # timeout): let that write happen before counting, then empty the cache
        client.get(reverse("workflows:inbox"))
        caches["local"].clear()
        reference.forget()
        cold = _inbox_queries(client)
        warm = _inbox_queries(client)
    return cold, warm


def test_the_inbox_runs_at_most_ten_queries_whatever_the_rows(client, est_people):
    client.force_login(est_people.coordinator)
    for _ in range(10):
        make_report(est_people.police)
    ten = _inbox_queries_cold_and_warm(client)
    for i in range(90):
        make_report(est_people.police_colleague if i % 2 else est_people.housing)
    hundred = _inbox_queries_cold_and_warm(client)
    # The same number of queries for 10 and 100 rows, cold and warm; the
    # warm page skips exactly the two filter-choice queries and the user
    # (process memory, accounts/user_cache.py)
    assert ten == hundred
    cold, warm = hundred
    assert warm <= 10 and cold == warm + 3


@pytest.mark.slow
def test_the_inbox_query_count_does_not_grow_with_open_tasks(client, est_people):
    """The issue's numbers: the same query count for 100 and 100,000 open
    tasks (load_volume writes them the way the flow does)."""
    from django.core.management import call_command

    from workflows.selectors import triage_tasks

    def load(count):
        call_command("load_volume", reports=count, open_tasks=count,
                     stdout=open("/dev/null", "w"))

    client.force_login(est_people.coordinator)
    load(100)
    few = _inbox_queries_cold_and_warm(client)
    load(99_900)
    many = _inbox_queries_cold_and_warm(client)
    # cold and warm alike, whatever time loading 100,000 tasks took
    assert few == many
    assert many[1] <= 10
    assert triage_tasks().count() == 100_000
    # and the page still lists a full page and knows there is a next one
    body = client.get(reverse("workflows:inbox") + "?sida=1999").content.decode()
    assert body.count("<tr><td><a href=") == 50 and 'rel="next"' in body


def test_a_moved_report_leaves_no_trace_in_the_inbox(client, est_people):
    report = make_report(est_people.police)
    task = triage_task(report)
    services.task_claim(task=task, user=est_people.coordinator)
    client.force_login(est_people.coordinator)
    client.post(reverse("workflows:task", args=[task.pk]), {"action": "move_to_concern_track"},
                follow=True)  # (the confirmation message to the coordinator is consumed here)
    for view in ("mine", "queue", "all"):
        body = client.get(reverse("workflows:inbox") + f"?vy={view}").content.decode()
        assert report.reference not in body
    assert client.get(reverse("workflows:task", args=[task.pk])).status_code == 404


def test_moving_creates_the_concern_in_the_same_transaction(est_people):
    """A direct call, not a signal: the report's triage and its concern
    commit together."""
    from concerns.models import Concern

    report = make_report(est_people.police)
    triage(report, est_people.coordinator, action="move_to_concern_track")
    concern = Concern.objects.get(est_report_id=report.pk)
    assert concern.created_by_id == est_people.coordinator.pk
    assert concern.indicators == "Nytt klotter på gaveln."


def test_others_cannot_see_the_inbox(client, est_people):
    task = triage_task(make_report(est_people.police))
    for user in (est_people.police, est_people.planning, est_people.management,
                 est_people.outsider):
        client.force_login(user)
        assert client.get(reverse("workflows:inbox")).status_code == 403
        assert client.get(reverse("workflows:task", args=[task.pk])).status_code == 404
        assert client.post(reverse("workflows:task-claim", args=[task.pk])).status_code == 404


def test_viewflow_permission_checks_agree_with_the_roles(est_people):
    from workflows.flows import TriageFlow

    task = triage_task(make_report(est_people.police))
    assert TriageFlow.triage.can_assign(est_people.coordinator, task)
    assert TriageFlow.triage.can_assign(est_people.security, task)
    assert not TriageFlow.triage.can_assign(est_people.police, task)
    assert not TriageFlow.triage.can_assign(est_people.planning, task)


def test_inbox_rows_are_escaped(client, est_people):
    report = make_report(est_people.police, place="<script>alert(1)</script>", urgency="urgent")
    client.force_login(est_people.coordinator)
    body = client.get(reverse("workflows:inbox")).content.decode()
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    task = triage_task(report)
    assert f'href="/inkorg/{task.pk}/"' in body
    assert '<span class="badge badge-danger">Brådskande</span>' in body


def _references(**query):
    return [row.reference for row in inbox_page(**query).rows]


def test_the_inbox_sql_lists_exactly_the_open_triage_tasks(est_people):
    """The inbox page is SQL (its hot path); triage_tasks() is the ORM's word
    for the same set. Done, moved and other flows' tasks appear in neither."""
    from workflows.selectors import triage_tasks

    open_reports = [make_report(est_people.police) for _ in range(3)]
    triage(make_report(est_people.police), est_people.coordinator, action="open_case")
    triage(make_report(est_people.police), est_people.coordinator,
           action="move_to_concern_track")
    # A report marked moved while its task is still open is hidden too
    Report.objects.filter(pk=make_report(est_people.police).pk).update(
        status=ReportStatus.MOVED)
    expected = list(triage_tasks().order_by("-created", "-id")
                    .values_list("process__reportprocess__report__reference", flat=True))
    assert _references(user=est_people.coordinator) == expected
    assert sorted(expected) == sorted(report.reference for report in open_reports)


def test_every_sort_of_the_inbox(est_people):
    first = make_report(est_people.police, locality="Uddebo", days_ago=1)
    second = make_report(est_people.police, locality="Grimsås", days_ago=5, urgency="high")
    third = make_report(est_people.police, locality="Tranemo", days_ago=3, urgency="urgent")
    me = est_people.coordinator
    assert _references(user=me, sort="newest") == [third.reference, second.reference,
                                                   first.reference]
    assert _references(user=me, sort="oldest") == [first.reference, second.reference,
                                                   third.reference]
    assert _references(user=me, sort="urgency") == [third.reference, second.reference,
                                                    first.reference]
    assert _references(user=me, sort="occurred") == [first.reference, third.reference,
                                                     second.reference]
    assert _references(user=me, sort="locality") == [second.reference, third.reference,
                                                     first.reference]
    assert _references(user=me, sort="no-such-sort") == _references(user=me)


def test_views_and_filters_of_the_inbox(est_people):
    mine = make_report(est_people.police, urgency="urgent")
    theirs = make_report(est_people.police, category="brander")
    queued = make_report(est_people.police)
    services.task_claim(task=triage_task(mine), user=est_people.coordinator)
    services.task_claim(task=triage_task(theirs), user=est_people.security)
    me = est_people.coordinator
    assert _references(user=me, view="mine") == [mine.reference]
    assert _references(user=me, view="queue") == [queued.reference]
    assert _references(user=me, urgency="urgent") == [mine.reference]
    assert _references(user=me, category=theirs.category_id) == [theirs.reference]
    assert _references(user=me, view="mine", category=theirs.category_id) == []
    # Age: nothing is older than a day until a day has passed
    assert _references(user=me, age="1") == []
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        assert len(_references(user=me, age="1")) == 3


def test_an_inbox_row_shows_owner_and_time_in_stockholm(client, est_people):
    report = make_report(est_people.police)
    task = triage_task(report)
    services.task_claim(task=task, user=est_people.security)
    client.force_login(est_people.coordinator)
    body = client.get(reverse("workflows:inbox")).content.decode()
    received = timezone.localtime(task.created, ZoneInfo("Europe/Stockholm"))
    assert f"<td>{received:%Y-%m-%d %H:%M}</td>" in body
    assert f"<td>{est_people.security.get_full_name() or est_people.security.username}</td>" in body
    assert "<td>Centrum</td>" not in body and "Tranemo, Centrum" in body


def test_a_kept_row_follows_its_task_and_report(client, est_people):
    """Rows are kept per their values (workflows/views.py): a claim and a
    change of urgency show at once."""
    report = make_report(est_people.police)
    task = triage_task(report)
    client.force_login(est_people.coordinator)

    def row():
        body = client.get(reverse("workflows:inbox")).content.decode()
        start = body.index(f'href="/inkorg/{task.pk}/"')
        return body[start:body.index("</tr>", start)]

    assert row().endswith("<td>–</td>")
    services.task_claim(task=task, user=est_people.security)
    assert str(est_people.security) in row()
    Report.objects.filter(pk=report.pk).update(urgency="urgent")
    assert "badge-danger" in row()
