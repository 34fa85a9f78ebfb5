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
from core import binary_rows
from core.pagination import PAGE_SIZE, BadCursor, KeysetPage, cursor_key, keyset_page, window

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
    key: tuple = ()  # the row's sort key (the cursor of a page that ends here)

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
# PostgreSQL took to run it. The conditions mirror triage_tasks() above, plus
# the report's status 'new' (a report awaiting triage is new; triage ends in
# in_case, set_aside or moved): spelled out, it lets the report-ordered sorts
# read the partial indexes of casework migration 0013. The constants are
# literals for the same reason (one prepared generic plan on the partial
# indexes). Only whitelisted fragments are formatted in; every value from the
# request is a bound parameter.
COLUMNS = """t.id, t.created, u.first_name, u.last_name, u.username,
           r.reference, r.occurred_on, r.urgency, r.place, l.name, c.name, g.name"""
TASK_OPEN = "t.status IN ({new}, {assigned}) AND t.flow_task = {flow_task}"
REPORT_OPEN = "r.status <> {moved} AND r.status = {report_new}"
JOINS = """JOIN casework_locality l ON l.id = r.locality_id
    JOIN casework_category c ON c.id = r.category_id
    LEFT JOIN accounts_user u ON u.id = t.owner_id
    LEFT JOIN meetings_workinggroup g ON g.id = r.source_group_id"""

# On PostgreSQL each page walks one index in the sort's order and stops after
# LIMIT rows: the open-task index (workflows 0002) for newest/oldest, a
# partial index of the new reports (casework 0013) for the others. The other
# side of task ↔ report is a LATERAL lookup with LIMIT 1, one index probe
# through the triage task's seed (its report, workflows 0003; a report has one
# open triage task): as a plain join the planner multiplies
# "report is new" by "report has an open task" as if independent, expects 50
# rows in all and sorts every open report (100 ms on 1,000,000 reports); the
# LATERAL keeps the index order and the estimate right.
TASK_FIRST = """
    SELECT {columns}, {key}
    FROM viewflow_task t
    CROSS JOIN LATERAL (
        SELECT r.id, r.reference, r.occurred_on, r.urgency, r.place, r.locality_id,
               r.category_id, r.source_group_id, r.created_at
        FROM casework_report r
        WHERE r.id = t.seed_object_id AND {report_open}{report_conditions}
        LIMIT 1) r
    {joins}
    WHERE {task_open}{task_conditions}{keyset}
    ORDER BY {order}
    LIMIT {limit} OFFSET {offset}"""
REPORT_FIRST = """
    SELECT {columns}, {key}
    FROM casework_report r
    CROSS JOIN LATERAL (
        SELECT t.id, t.created, t.owner_id
        FROM viewflow_task t
        WHERE t.seed_object_id = r.id AND {task_open}{task_conditions}
        LIMIT 1) t
    {joins}
    WHERE {report_open}{report_conditions}{keyset}
    ORDER BY {order}
    LIMIT {limit} OFFSET {offset}"""
# The locality sort: l.name is in another table, so no index on reports has
# that order. Localities are a small reference table: per locality its newest
# open reports from the partial index (locality_id, created_at, id), at most
# a page each, and only those are ordered: a page costs localities × page,
# whatever the number of reports. A cursor bounds its own locality's scan and
# leaves out the localities before it.
LOCALITY_FIRST = """
    SELECT {columns}, p.locality_name, p.created_at, p.report_id
    FROM (
        SELECT l.name AS locality_name, page.*
        FROM casework_locality l
        CROSS JOIN LATERAL (
            SELECT r.id AS report_id, r.created_at, t.id AS task_id
            FROM casework_report r
            CROSS JOIN LATERAL (
                SELECT t.id FROM viewflow_task t
                WHERE t.seed_object_id = r.id AND {task_open}{task_conditions}
                LIMIT 1) t
            WHERE r.locality_id = l.id AND {report_open}{report_conditions}{keyset}
            ORDER BY r.created_at {within}, r.id {within}
            LIMIT {inner_limit}) page
        WHERE TRUE{outer}
        ORDER BY l.name {across}, page.created_at {within}, page.report_id {within}
        LIMIT {limit} OFFSET {offset}) p
    JOIN viewflow_task t ON t.id = p.task_id
    JOIN casework_report r ON r.id = p.report_id
    {joins}
    ORDER BY p.locality_name {across}, p.created_at {within}, p.report_id {within}"""
# SQLite (`make run`, a few rows) has no LATERAL: one plain join, same rows, same order.
JOINED = """
    SELECT {columns}, {key}
    FROM viewflow_task t
    JOIN casework_report r ON r.id = t.seed_object_id
    {joins}
    WHERE {task_open} AND {report_open}{task_conditions}{report_conditions}{keyset}
    ORDER BY {order}
    LIMIT {limit} OFFSET {offset}"""


class Sort(NamedTuple):
    """One order of the inbox: its key columns (SQL, descending?) ending in a
    unique id, the cursor's types for them (core.pagination), and the table
    whose index gives the order ("t" task, "r" report, "l" per locality)."""

    columns: tuple[tuple[str, bool], ...]
    types: tuple[str, ...]
    driver: str

    def order(self, backwards: bool) -> str:
        return ", ".join(f"{column} {'DESC' if desc != backwards else 'ASC'}"
                         for column, desc in self.columns)

    def key(self) -> str:
        return ", ".join(column for column, _desc in self.columns)

    def keyset(self, backwards: bool) -> str:
        """The rows after the cursor (before it, `backwards`) in this order:
        one row comparison when every column runs the same way (an index
        range), else the expanded form."""
        ops = ["<" if desc != backwards else ">" for _column, desc in self.columns]
        if len(set(ops)) == 1:
            return f"({self.key()}) {ops[0]} ({', '.join(['%s'] * len(ops))})"
        branches = []
        for i, (column, _desc) in enumerate(self.columns):
            equal = [f"{c} = %s" for c, _d in self.columns[:i]]
            branches.append("(" + " AND ".join([*equal, f"{column} {ops[i]} %s"]) + ")")
        return "(" + " OR ".join(branches) + ")"

    def keyset_params(self, key: tuple) -> list:
        if len({desc for _column, desc in self.columns}) == 1:
            return list(key)
        return [value for i in range(len(key)) for value in key[:i + 1]]


# The urgency rank exactly as casework migration 0013 indexes it (the planner
# matches the expression: the searched CASE form, not `CASE r.urgency`).
URGENCY_RANK = ("CASE WHEN r.urgency = 'urgent' THEN 0 WHEN r.urgency = 'high' THEN 1 "
                "ELSE 2 END")

# The inbox's sort orders (the view accepts these names and no others). The
# report-ordered ones use the report's submission (created_at) and id where
# the task's were used before: the same moment (the task is created with the
# report) and an index on one table can hold them.
SORTS = {
    "newest": Sort((("t.created", True), ("t.id", True)), ("datetime", "int"), "t"),
    "oldest": Sort((("t.created", False), ("t.id", False)), ("datetime", "int"), "t"),
    "urgency": Sort(((URGENCY_RANK, False), ("r.created_at", False), ("r.id", False)),
                    ("int", "datetime", "int"), "r"),
    "occurred": Sort((("r.occurred_on", True), ("r.id", True)), ("date", "int"), "r"),
    "locality": Sort((("l.name", False), ("r.created_at", True), ("r.id", True)),
                     ("str", "datetime", "int"), "l"),
}


def inbox_page(*, user, view: str = "all", locality=None, category=None, age: str = "",
               urgency: str = "", sort: str = "newest", page: int = 1, after: str = "",
               before: str = "", last: bool = False, per_page: int = PAGE_SIZE) -> KeysetPage:
    """One page of the inbox (a KeysetPage, core.pagination): the first page;
    the page `after` or `before` a cursor of this sort; the `last` page (the
    reversed order's first); or, for old links, page number `page` (OFFSET).
    A cursor that is not this sort's gives the first page. LIMIT n+1 tells
    whether there is a page beyond, without counting the whole queue.
    `per_page`: 50 (PAGE_SIZE); tests page through a few rows."""
    sort = sort if sort in SORTS else "newest"
    order, scope = SORTS[sort], f"inbox:{sort}"
    cursor, backwards = None, last
    try:
        if after or before:
            cursor = cursor_key(after or before, scope, order.types)
            backwards = not after
    except BadCursor:
        cursor, backwards = None, False
    number = 1 if cursor or backwards else max(int(page), 1)
    filters = _filters(user, view, locality, category, age, urgency)
    rows = _fetch(order, filters, cursor, backwards, number, per_page)
    if backwards and cursor and len(rows) <= per_page:
        # back at the start: the first page in full, not the rows left before the cursor
        rows, cursor, backwards = _fetch(order, filters, None, False, 1, per_page), None, False
    return keyset_page(rows, backwards=backwards, from_cursor=cursor is not None or number > 1,
                       key=lambda row: row.key, scope=scope, per_page=per_page)


def _filters(user, view, locality, category, age, urgency) -> list[tuple[str, str, list]]:
    """(table, condition, values): "t" conditions go with the task, "r" with the report."""
    filters = []
    if view == "mine":
        filters.append(("t", "t.owner_id = %s", [user.pk]))
    elif view == "queue":
        filters.append(("t", "t.owner_id IS NULL", []))
    if locality:
        filters.append(("r", "r.locality_id = %s", [locality]))
    if category:
        filters.append(("r", "r.category_id = %s", [category]))
    if urgency:
        filters.append(("r", "r.urgency = %s", [urgency]))
    if age in AGES:
        cutoff = timezone.now() - timedelta(days=AGES[age])
        filters.append(("t", "t.created < %s", [connection.ops.adapt_datetimefield_value(cutoff)]))
    return filters


def _fetch(order: Sort, filters, cursor, backwards: bool, number: int, per_page: int) -> list:
    sql, params = _sql(order, filters, cursor, backwards, number, per_page)
    rows = binary_rows.fetchall(sql, params)  # nosec B608: fragments above are constants
    if connection.vendor == "postgresql":  # aware datetimes already
        return [InboxRow(*row[:12], key=row[12:]) for row in rows]
    return [InboxRow(task_id, _aware(created), *rest[:10], key=_key(rest[10:]))
            for task_id, created, *rest in rows]


def _sql(order: Sort, filters, cursor, backwards: bool, number: int,
         per_page: int = PAGE_SIZE) -> tuple[str, list]:
    """The page's SQL and parameters, the parameters in the order of their
    placeholders in the text."""
    offset, limit = window(number, per_page)
    constants = {"new": _literal(STATUS.NEW.value), "assigned": _literal(STATUS.ASSIGNED.value),
                 "flow_task": _literal(_triage_flow_task()),
                 "moved": _literal(ReportStatus.MOVED.value),
                 "report_new": _literal(ReportStatus.NEW.value)}
    driver = order.driver if connection.vendor == "postgresql" else "joined"
    if driver == "l":
        return _locality_sql(constants, filters, cursor, backwards, offset, limit)
    task = [(c, v) for table, c, v in filters if table == "t"]
    report = [(c, v) for table, c, v in filters if table == "r"]
    keyset = [(order.keyset(backwards), [_adapt(v) for v in order.keyset_params(cursor)])
              ] if cursor else []
    # the keyset goes with the side whose index gives the order
    task, report = (task + keyset, report) if driver == "t" else (task, report + keyset)
    template, parts = {"t": (TASK_FIRST, (report, task)), "r": (REPORT_FIRST, (task, report)),
                       "joined": (JOINED, (task, report))}[driver]
    sql = template.format(
        columns=COLUMNS, key=order.key(), joins=JOINS,
        task_open=TASK_OPEN.format(**constants), report_open=REPORT_OPEN.format(**constants),
        task_conditions=_and(task), report_conditions=_and(report), keyset="",
        order=order.order(backwards), limit=limit, offset=offset)
    return sql, [value for part in parts for _c, values in part for value in values]


def _locality_sql(constants, filters, cursor, backwards, offset, limit) -> tuple[str, list]:
    """LOCALITY_FIRST with its filters: the locality filter picks the outer
    locality (one locality scanned, not a filter in each); the cursor bounds
    its own locality's scan and leaves out the localities before it."""
    task = [(c, v) for table, c, v in filters if table == "t"]
    report = [(c, v) for table, c, v in filters if table == "r" and "locality" not in c]
    outer = [("l.id = %s", v) for _t, c, v in filters if "locality" in c]
    keyset = []
    if cursor:
        name, created, report_id = cursor
        edge = ("'-infinity'::timestamptz", "0") if backwards else (
            "'infinity'::timestamptz", "9223372036854775807")
        keyset = [(f"(r.created_at, r.id) {'>' if backwards else '<'} "
                   f"(CASE WHEN l.name = %s THEN %s ELSE {edge[0]} END, "
                   f"CASE WHEN l.name = %s THEN %s ELSE {edge[1]} END)",
                   [name, created, name, report_id])]
        outer.append((f"l.name {'<=' if backwards else '>='} %s", [name]))
    sql = LOCALITY_FIRST.format(
        columns=COLUMNS, joins=JOINS, task_open=TASK_OPEN.format(**constants),
        report_open=REPORT_OPEN.format(**constants), task_conditions=_and(task),
        report_conditions=_and(report), keyset=_and(keyset), outer=_and(outer),
        within="ASC" if backwards else "DESC", across="DESC" if backwards else "ASC",
        inner_limit=offset + limit, limit=limit, offset=offset)
    return sql, [value for part in (task, report, keyset, outer) for _c, vs in part for value in vs]


def _and(conditions) -> str:
    return "".join(f"\n      AND {condition}" for condition, _values in conditions)


def _adapt(value):
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


def _key(values) -> tuple:
    """A row's sort key as the cursor holds it: datetimes aware (SQLite)."""
    return tuple(_aware(v) if isinstance(v, datetime) else v for v in values)


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

