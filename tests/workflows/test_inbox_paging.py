"""The inbox's keyset paging (issue 16): every sort's order across page
boundaries, with ties; next, previous, first and last; filters with cursors;
cursors that are not ours; the query count; and the same rows as the inbox
before keyset paging."""

import re
from datetime import timedelta
from html import unescape

import pytest
import time_machine
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casework.models import Report
from core.pagination import CURSOR_SALT, cursor_token
from tests.factories.casework import make_report, triage_task
from workflows import services
from workflows.selectors import SORTS, inbox_page

pytestmark = pytest.mark.django_db

PER_PAGE = 3
RANK = {"urgent": 0, "high": 1, "normal": 2}


def _expected(sort: str, **filters) -> list[str]:
    """The sort's order by its definition, computed here from the rows."""
    reports = Report.objects.filter(status="new", **filters).select_related("locality")
    rows = []
    for report in reports:
        task = triage_task(report)
        rows.append((report, task))
    keys = {
        "newest": lambda rt: (-rt[1].created.timestamp(), -rt[1].pk),
        "oldest": lambda rt: (rt[1].created.timestamp(), rt[1].pk),
        "urgency": lambda rt: (RANK[rt[0].urgency], rt[0].created_at.timestamp(), rt[0].pk),
        "occurred": lambda rt: (-rt[0].occurred_on.toordinal(), -rt[0].pk),
        "locality": lambda rt: (rt[0].locality.name, -rt[0].created_at.timestamp(), -rt[0].pk),
    }
    return [report.reference for report, _task in sorted(rows, key=keys[sort])]


def _refs(page) -> list[str]:
    return [row.reference for row in page.rows]


def _walk_forward(**query) -> list[list[str]]:
    page = inbox_page(per_page=PER_PAGE, **query)
    pages = [_refs(page)]
    assert not page.has_previous
    while page.has_next:
        page = inbox_page(per_page=PER_PAGE, after=page.next_cursor, **query)
        assert page.has_previous
        pages.append(_refs(page))
    return pages


def _joined(pages: list[list[str]]) -> list[str]:
    """The rows of pages walked backwards: the first page is shown in full
    when the rows before a cursor are fewer than a page, so it may repeat
    rows of the page after it."""
    return list(dict.fromkeys(ref for page in pages for ref in page))


def _walk_backward(**query) -> list[list[str]]:
    page = inbox_page(per_page=PER_PAGE, last=True, **query)
    pages = [_refs(page)]
    assert not page.has_next
    while page.has_previous:
        page = inbox_page(per_page=PER_PAGE, before=page.previous_cursor, **query)
        assert page.has_next
        pages.insert(0, _refs(page))
    return pages


@pytest.fixture
def ties(est_people):
    """Eight open reports at one frozen moment (task and report created alike),
    most on one day, in one urgency and one locality: ties that only the id
    breaks, spread over three pages of three."""
    moment = timezone.now() - timedelta(hours=1)
    plan = [("Tranemo", "normal", 2), ("Tranemo", "normal", 2), ("Grimsås", "urgent", 2),
            ("Tranemo", "high", 2), ("Uddebo", "normal", 4), ("Tranemo", "normal", 2),
            ("Grimsås", "normal", 2), ("Tranemo", "urgent", 3)]
    with time_machine.travel(moment, tick=False):
        return [make_report(est_people.police, locality=locality, urgency=urgency,
                            days_ago=days) for locality, urgency, days in plan]


@pytest.mark.parametrize("sort", list(SORTS))
def test_every_sort_pages_forward_and_back_in_its_order_with_ties(est_people, ties, sort):
    me = est_people.coordinator
    expected = _expected(sort)
    forward = _walk_forward(user=me, sort=sort)
    assert [ref for page in forward for ref in page] == expected
    assert [len(page) for page in forward] == [3, 3, 2]
    # from the last page back: the same rows; the first page shown in full
    backward = _walk_backward(user=me, sort=sort)
    assert _joined(backward) == expected
    assert backward[0] == expected[:PER_PAGE] and backward[-1] == expected[-PER_PAGE:]
    assert [len(page) for page in backward] == [3, 3, 3]


@pytest.mark.parametrize("sort", list(SORTS))
def test_next_then_previous_returns_to_the_same_page(est_people, ties, sort):
    me = est_people.coordinator
    first = inbox_page(user=me, sort=sort, per_page=PER_PAGE)
    second = inbox_page(user=me, sort=sort, per_page=PER_PAGE, after=first.next_cursor)
    third = inbox_page(user=me, sort=sort, per_page=PER_PAGE, after=second.next_cursor)
    back = inbox_page(user=me, sort=sort, per_page=PER_PAGE, before=third.previous_cursor)
    assert _refs(back) == _refs(second)
    assert back.has_previous and back.has_next


@pytest.mark.parametrize("sort", list(SORTS))
def test_filters_hold_across_cursors(est_people, ties, sort):
    me = est_people.coordinator
    tranemo = ties[0].locality_id
    expected = _expected(sort, locality_id=tranemo)
    assert len(expected) == 5
    assert [r for page in _walk_forward(user=me, sort=sort, locality=tranemo)
            for r in page] == expected
    assert _joined(_walk_backward(user=me, sort=sort, locality=tranemo)) == expected
    # the urgency filter and the claimed view with cursors, too
    normal = _expected(sort, urgency="normal")
    assert [r for page in _walk_forward(user=me, sort=sort, urgency="normal")
            for r in page] == normal
    for report in ties[:4]:
        services.task_claim(task=triage_task(report), user=me)
    mine = [ref for ref in _expected(sort) if ref in {r.reference for r in ties[:4]}]
    assert [r for page in _walk_forward(user=me, sort=sort, view="mine") for r in page] == mine
    assert _joined(_walk_backward(user=me, sort=sort, view="queue")) == [
        ref for ref in _expected(sort) if ref not in mine]


def test_a_cursor_that_is_not_ours_gives_the_first_page(est_people, ties):
    me = est_people.coordinator
    first = inbox_page(user=me, per_page=PER_PAGE)
    token = first.next_cursor
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    forged = signing.dumps(["inbox:newest", "not a time", "1"], salt=CURSOR_SALT)
    other_sort = inbox_page(user=me, sort="occurred", per_page=PER_PAGE).next_cursor
    too_short = cursor_token("inbox:newest", (1,))
    for cursor in (tampered, forged, other_sort, too_short, "", "x", "'; DROP TABLE x; --",
                   token.split(":")[0]):
        for way in ("after", "before"):
            page = inbox_page(user=me, per_page=PER_PAGE, **{way: cursor})
            assert _refs(page) == _refs(first), (way, cursor)
            assert not page.has_previous


def test_bad_cursors_through_http_never_fail(client, est_people, ties):
    client.force_login(est_people.coordinator)
    url = reverse("workflows:inbox")
    for query in ("?efter=garbage", "?fore=garbage", "?efter=%00%ff", "?sida=sista&efter=x",
                  "?sortera=locality&fore=" + "A" * 5000, "?sida=-1", "?sida=99999999999",
                  "?efter=" + signing.dumps(["inbox:newest", {"a": 1}, [2]], salt=CURSOR_SALT)):
        response = client.get(url + query)
        assert response.status_code == 200, query
        assert ties[-1].reference in response.content.decode() or "sida=" in query


def _link(body: str, rel: str) -> str | None:
    match = re.search(rf'<a href="([^"]*)" rel="{rel}"', body)
    return unescape(match.group(1)) if match else None


def _rows(body: str) -> list[str]:
    return re.findall(r'<tr><td><a href="/inkorg/\d+/">([^<]+)</a>', body)


@pytest.mark.parametrize("sort", ["newest", "locality"])
def test_the_pager_links_walk_the_whole_inbox(client, est_people, sort):
    """Through HTTP, 50 a page: first, next, last, previous, first page links."""
    for i in range(55):
        make_report(est_people.police, locality=("Tranemo", "Grimsås")[i % 2])
    client.force_login(est_people.coordinator)
    url = reverse("workflows:inbox")
    first = client.get(url + f"?sortera={sort}").content.decode()
    assert 'aria-label="Sidor"' in first and "Sista sidan" in first and "Nästa" in first
    assert _link(first, "prev") is None and _link(first, "first") is None
    second = client.get(url + _link(first, "next")).content.decode()
    assert _link(second, "next") is None and _link(second, "last") is None
    assert "Första sidan" in second and "Föregående" in second
    last = client.get(url + _link(first, "last")).content.decode()
    assert len(_rows(last)) == 50 and _rows(last)[-5:] == _rows(second)
    assert len(set(_rows(first)) | set(_rows(second))) == 55
    back = client.get(url + _link(last, "prev")).content.decode()
    assert _rows(back) == _rows(first)  # back at the start: the first page in full
    assert _rows(client.get(url + _link(second, "first")).content.decode()) == _rows(first)
    # the sort and the filters stay in every link
    assert f"sortera={sort}" in _link(first, "next") and f"sortera={sort}" in _link(first, "last")


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("sort", list(SORTS))
def test_first_and_last_page_cost_the_same_queries(client, est_people, sort,
                                                  django_assert_max_num_queries):
    for _ in range(52):
        make_report(est_people.police)
    client.force_login(est_people.coordinator)
    url = reverse("workflows:inbox") + f"?sortera={sort}"
    with time_machine.travel(timezone.now(), tick=False):
        first = client.get(url).content.decode()  # the session's activity write, the caches
        last_url = reverse("workflows:inbox") + _link(first, "last")
        next_url = reverse("workflows:inbox") + _link(first, "next")
        with django_assert_max_num_queries(10):
            client.get(url)
        with django_assert_max_num_queries(10):
            client.get(last_url)
        assert _count(client, url) == _count(client, last_url) == _count(client, next_url)


OLD_INBOX_SQL = """
    SELECT r.reference
    FROM viewflow_task t
    JOIN workflows_reportprocess rp ON rp.process_ptr_id = t.process_id
    JOIN casework_report r ON r.id = rp.report_id
    JOIN casework_locality l ON l.id = r.locality_id
    JOIN casework_category c ON c.id = r.category_id
    WHERE t.status IN ('NEW', 'ASSIGNED') AND t.flow_task = %s AND r.status <> 'moved'
    ORDER BY {order}"""
OLD_SORTS = {  # the inbox's orders before keyset paging (workflows/selectors.py, main)
    "newest": "t.created DESC, t.id DESC",
    "oldest": "t.created, t.id",
    "urgency": "CASE r.urgency WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 ELSE 2 END, t.created",
    "occurred": "r.occurred_on DESC, t.id DESC",
    "locality": "l.name, t.created DESC",
}


@pytest.mark.parametrize("sort", list(SORTS))
def test_the_sorts_give_the_same_rows_as_before(est_people, sort):
    """Reports submitted one after the other (no ties the old orders left
    open): page by page, the same references in the same order as the old
    query, and with a moved and a triaged report left out as before."""
    from tests.factories.casework import triage
    from workflows.selectors import _triage_flow_task

    plan = [("Uddebo", "normal", 1), ("Grimsås", "high", 5), ("Tranemo", "urgent", 3),
            ("Tranemo", "normal", 3), ("Grimsås", "urgent", 2), ("Uddebo", "high", 9),
            ("Tranemo", "normal", 1)]
    reports = [make_report(est_people.police, locality=locality, urgency=urgency,
                           days_ago=days) for locality, urgency, days in plan]
    triage(reports[1], est_people.coordinator)
    Report.objects.filter(pk=reports[2].pk).update(status="moved")
    with connection.cursor() as cursor:
        cursor.execute(OLD_INBOX_SQL.format(order=OLD_SORTS[sort]), [_triage_flow_task()])
        before = [row[0] for row in cursor.fetchall()]
    assert len(before) == 5
    after = [r for page in _walk_forward(user=est_people.coordinator, sort=sort) for r in page]
    assert after == before


def test_the_bench_reaches_the_last_page_through_the_pager(est_people):
    """bench/run.py's "inbox last page" asks the first page for its "Last
    page" link, as a user would, and that page is the queue's end."""
    from bench.run import Context

    for _ in range(53):
        make_report(est_people.police)
    est_people.coordinator.username = "bench-coordinator"
    est_people.coordinator.save(update_fields=["username"])
    path = Context(port=0).inbox_last_page()
    assert path == reverse("workflows:inbox") + "?vy=all&sortera=newest&sida=sista"
    expected = [row.reference for row in inbox_page(user=est_people.coordinator, last=True)]
    assert len(expected) == 50
    assert expected[-1] == _expected("newest")[-1]
