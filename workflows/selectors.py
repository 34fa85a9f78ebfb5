"""The inbox: the open triage tasks (`triage_tasks()`, for the ORM) and one
query for a page of them joined to report, locality, category and owner
(`inbox_page()`), paged with LIMIT n+1 instead of COUNT(*): the page knows
whether there is a next page without counting the whole queue."""

import re
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

from django.db import connection
from django.db.models import CharField, Value
from django.db.models.expressions import RawSQL
from django.utils import timezone
from viewflow.workflow.status import STATUS

from casework.choices import ReportStatus
from core.pagination import page_from, window

from .flows import TriageFlow

AGES = {"1": 1, "7": 7, "30": 30}


class InboxRow(NamedTuple):
    task_id: int
    created: datetime
    owner_first_name: str | None
    owner_last_name: str | None
    owner_username: str | None
    reference: str
    occurred_on: date
    urgency: str
    place: str
    locality: str
    category: str
    source_group: str | None = None

    @property
    def owner(self) -> str:
        name = f"{self.owner_first_name or ''} {self.owner_last_name or ''}".strip()
        return name or self.owner_username or ""


def _constant(value: str) -> RawSQL:
    """A code constant (a status, a flow node) written into the SQL as a
    literal instead of a bound parameter. The inbox's index (migration 0002)
    is partial on the open statuses, and only with literals can PostgreSQL
    keep one prepared plan for the inbox query that uses it, instead of
    planning the seven-table join on every request (prepared statements:
    config/settings/base.py)."""
    return RawSQL(_literal(value), [], output_field=CharField())  # noqa: S611  # nosec B611


def _literal(value: str) -> str:
    if not re.fullmatch(r"[\w./]+", value):
        raise ValueError(f"not a plain constant: {value!r}")
    return f"'{value}'"


def _triage_flow_task() -> str:
    """The triage node as stored in viewflow_task.flow_task."""
    task_class = TriageFlow.task_class
    return task_class._meta.get_field("flow_task").get_prep_value(TriageFlow.triage)


def triage_tasks():
    return (TriageFlow.task_class.objects
            .filter(status__in=[_constant(STATUS.NEW.value), _constant(STATUS.ASSIGNED.value)],
                    flow_task=_constant(_triage_flow_task()))
            .exclude(process__reportprocess__report__status=_constant(ReportStatus.MOVED.value)))


# The inbox page in SQL: the page's hot path. Built through the ORM, the same
# query (eleven values across five relations) took longer to compile than
# PostgreSQL took to run it. The conditions mirror triage_tasks() above; the
# constants are literals for the same reason (one prepared generic plan on the
# partial open-task index). Only whitelisted fragments are formatted in;
# every value from the request is a bound parameter.
INBOX_SQL = """
    SELECT t.id, t.created, u.first_name, u.last_name, u.username,
           r.reference, r.occurred_on, r.urgency, r.place, l.name, c.name, g.name
    FROM viewflow_task t
    JOIN workflows_reportprocess rp ON rp.process_ptr_id = t.process_id
    JOIN casework_report r ON r.id = rp.report_id
    JOIN casework_locality l ON l.id = r.locality_id
    JOIN casework_category c ON c.id = r.category_id
    LEFT JOIN accounts_user u ON u.id = t.owner_id
    LEFT JOIN meetings_workinggroup g ON g.id = r.source_group_id
    WHERE t.status IN ({new}, {assigned}) AND t.flow_task = {flow_task}
      AND r.status <> {moved}{conditions}
    ORDER BY {order}
    LIMIT {limit} OFFSET {offset}"""

# The inbox's sort orders (the view accepts these names and no others).
SORTS = {
    "newest": "t.created DESC, t.id DESC",
    "oldest": "t.created, t.id",
    "urgency": "CASE r.urgency WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 ELSE 2 END, t.created",
    "occurred": "r.occurred_on DESC, t.id DESC",
    "locality": "l.name, t.created DESC",
}


def inbox_page(*, user, view: str = "all", locality=None, category=None, age: str = "",
               urgency: str = "", sort: str = "newest", page: int = 1):
    """Returns (rows, has_next) for one page of the inbox: LIMIT n+1 tells
    whether a next page exists, without counting the whole queue."""
    conditions, params = [], []

    def where(condition: str, *values) -> None:
        conditions.append(f"\n      AND {condition}")
        params.extend(values)

    if view == "mine":
        where("t.owner_id = %s", user.pk)
    elif view == "queue":
        where("t.owner_id IS NULL")
    if locality:
        where("r.locality_id = %s", locality)
    if category:
        where("r.category_id = %s", category)
    if urgency:
        where("r.urgency = %s", urgency)
    if age in AGES:
        cutoff = timezone.now() - timedelta(days=AGES[age])
        where("t.created < %s", connection.ops.adapt_datetimefield_value(cutoff))
    offset, limit = window(max(int(page), 1))
    sql = INBOX_SQL.format(
        new=_literal(STATUS.NEW.value), assigned=_literal(STATUS.ASSIGNED.value),
        flow_task=_literal(_triage_flow_task()), moved=_literal(ReportStatus.MOVED.value),
        conditions="".join(conditions),
        order=SORTS.get(sort, SORTS["newest"]),
        limit=limit, offset=offset)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)  # nosec B608: fragments above are constants
        rows = [InboxRow(task_id, _aware(created), *rest)
                for task_id, created, *rest in cursor.fetchall()]
    one_page = page_from(rows, max(int(page), 1))
    return one_page.rows, one_page.has_next


def _aware(moment: datetime) -> datetime:
    """SQLite (`make run`) hands back naive UTC; PostgreSQL aware datetimes."""
    return timezone.make_aware(moment, UTC) if timezone.is_naive(moment) else moment


def start_page_counts(user, limit: int = 100) -> tuple[int, int]:
    """(mine, unclaimed) for the start page, each capped at `limit`, in one
    query: the two capped lists as one UNION ALL."""
    mine = triage_tasks().filter(owner=user).annotate(
        mine=Value(True)).values_list("mine", flat=True)[:limit]
    queue = triage_tasks().filter(owner__isnull=True).annotate(
        mine=Value(False)).values_list("mine", flat=True)[:limit]
    flags = list(mine.union(queue, all=True))
    return sum(flags), len(flags) - sum(flags)


def triage_task_for_report_id(report_id):
    return triage_tasks().filter(process__reportprocess__report_id=report_id).first()

