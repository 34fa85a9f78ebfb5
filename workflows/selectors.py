"""The inbox query. One query for the page of tasks (joined to report,
locality, category and owner), paged with LIMIT n+1 instead of COUNT(*): the
page knows whether there is a next page without counting the whole table."""

from datetime import date, datetime, timedelta
from typing import NamedTuple

from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from viewflow.workflow.status import STATUS

from casework.choices import ReportStatus, Urgency

from .flows import TriageFlow

PAGE_SIZE = 50

SORTS = {
    "newest": ("-created", "-id"),
    "oldest": ("created", "id"),
    "urgency": ("urgency_rank", "created"),
    "occurred": ("-process__reportprocess__report__occurred_on", "-id"),
    "locality": ("process__reportprocess__report__locality__name", "-created"),
}
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

    @property
    def owner(self) -> str:
        name = f"{self.owner_first_name or ''} {self.owner_last_name or ''}".strip()
        return name or self.owner_username or ""

    @property
    def received(self) -> str:
        return timezone.localtime(self.created).strftime("%Y-%m-%d %H:%M")

    @property
    def urgency_label(self) -> str:
        return Urgency(self.urgency).label


def triage_tasks():
    task_class = TriageFlow.task_class
    return (task_class.objects.filter(flow_task=TriageFlow.triage,
                                      status__in=[STATUS.NEW, STATUS.ASSIGNED])
            .exclude(process__reportprocess__report__status=ReportStatus.MOVED))


def inbox_page(*, user, view: str = "all", locality=None, category=None, age: str = "",
               urgency: str = "", sort: str = "newest", page: int = 1):
    """Returns (rows, has_next) for one page of the inbox."""
    tasks = triage_tasks()
    if view == "mine":
        tasks = tasks.filter(owner=user)
    elif view == "queue":
        tasks = tasks.filter(owner__isnull=True)
    if locality:
        tasks = tasks.filter(process__reportprocess__report__locality_id=locality)
    if category:
        tasks = tasks.filter(process__reportprocess__report__category_id=category)
    if urgency:
        tasks = tasks.filter(process__reportprocess__report__urgency=urgency)
    if age in AGES:
        tasks = tasks.filter(created__lt=timezone.now() - timedelta(days=AGES[age]))
    order = SORTS.get(sort, SORTS["newest"])
    if sort == "urgency":
        field = "process__reportprocess__report__urgency"
        tasks = tasks.annotate(urgency_rank=Case(
            When(**{field: "urgent"}, then=Value(0)), When(**{field: "high"}, then=Value(1)),
            default=Value(2), output_field=IntegerField()))
    # Plain values, not model instances: six joined models per row would cost
    # more to build than the query takes (the inbox's rate is benchmarked).
    report = "process__reportprocess__report__"
    tasks = tasks.values_list(
        "id", "created", "owner__first_name", "owner__last_name", "owner__username",
        f"{report}reference", f"{report}occurred_on", f"{report}urgency", f"{report}place",
        f"{report}locality__name", f"{report}category__name",
    ).order_by(*order)
    page = max(page, 1)
    offset = (page - 1) * PAGE_SIZE
    rows = [InboxRow(*values) for values in tasks[offset:offset + PAGE_SIZE + 1]]
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


def my_open_task_count(user, limit: int = 100) -> int:
    """For the start page: how many tasks wait for me (capped, no full COUNT)."""
    return len(triage_tasks().filter(owner=user).values_list("id", flat=True)[:limit])


def queue_count(limit: int = 100) -> int:
    return len(triage_tasks().filter(owner__isnull=True).values_list("id", flat=True)[:limit])


def triage_task_for_report_id(report_id):
    return triage_tasks().filter(process__reportprocess__report_id=report_id).first()

