"""The inbox query. One query for the page of tasks (joined to report,
locality, category and owner), paged with LIMIT n+1 instead of COUNT(*): the
page knows whether there is a next page without counting the whole table."""

from datetime import timedelta

from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from viewflow.workflow.status import STATUS

from casework.choices import ReportStatus

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


def triage_tasks():
    task_class = TriageFlow.task_class
    return (task_class.objects.filter(flow_task=TriageFlow.triage,
                                      status__in=[STATUS.NEW, STATUS.ASSIGNED])
            .exclude(process__reportprocess__report__status=ReportStatus.MOVED))


def inbox_page(*, user, view: str = "all", locality=None, category=None, age: str = "",
               urgency: str = "", sort: str = "newest", page: int = 1):
    """Returns (tasks, has_next) for one page of the inbox."""
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
    tasks = tasks.select_related(
        "owner", "process__reportprocess__report__locality",
        "process__reportprocess__report__category",
    ).only(
        "id", "status", "created", "owner__first_name", "owner__last_name", "owner__username",
        "process__id", "process__reportprocess__report__reference",
        "process__reportprocess__report__occurred_on",
        "process__reportprocess__report__urgency",
        "process__reportprocess__report__place",
        "process__reportprocess__report__locality__name",
        "process__reportprocess__report__category__name",
    ).order_by(*order)
    page = max(page, 1)
    offset = (page - 1) * PAGE_SIZE
    rows = list(tasks[offset:offset + PAGE_SIZE + 1])
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


def my_open_task_count(user, limit: int = 100) -> int:
    """For the start page: how many tasks wait for me (capped, no full COUNT)."""
    return len(triage_tasks().filter(owner=user).values_list("id", flat=True)[:limit])


def queue_count(limit: int = 100) -> int:
    return len(triage_tasks().filter(owner__isnull=True).values_list("id", flat=True)[:limit])


def triage_task_for_report_id(report_id):
    return triage_tasks().filter(process__reportprocess__report_id=report_id).first()

