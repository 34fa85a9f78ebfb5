"""The one reminder planner for measures, whatever they came from (a case, a
lägesbild, a meeting decision, a walk place, a survey answer, a promise).

An open measure with a due date and an owner with an e-mail address has two
outbox rows planned ahead: "due" at 08:00 on the working day
REMINDER_WORKING_DAYS working days before the due date, and "overdue" at 08:00
on the first working day after it. Weekends, Swedish public holidays and the
eves lag (1930:173) counts (core.workdays) are skipped, so nobody gets mail on
a Sunday or midsommarafton. Keys hold the due date and the owner, so a moved
due date or a new owner is a new reminder and a re-run sends nothing twice.

The planner runs when a measure is created, after every change, and from the
daily job (a safety net for measures whose rows were never planned). A measure
that is done or cancelled has every pending row withdrawn."""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.workdays import add_working_days, is_working_day, next_working_day, subtract_working_days
from notifications.models import OutgoingEmail
from notifications.services import email_enqueue, email_withdraw

from ..choices import OPEN_MEASURE_STATUSES
from ..models import Measure

# Reminders to a measure's owner: this many working days before the due date.
REMINDER_WORKING_DAYS = 3
REMINDER_TIME = time(8, 0)


def key_prefix(measure: Measure) -> str:
    """Every outbox row about this measure starts with this (notice and reminders)."""
    return f"measure-{measure.pk}-"


def reminder_day(due_date: date) -> date:
    """The working day the owner is reminded on."""
    return subtract_working_days(due_date, REMINDER_WORKING_DAYS)


def overdue_day(due_date: date) -> date:
    """The working day the owner hears that the measure is overdue."""
    return next_working_day(due_date + timedelta(days=1))


def _send_at(day: date, today: date) -> datetime:
    """08:00 on `day`; a day already past moves to the next working day from
    today, and a morning already past to now."""
    day = max(day, next_working_day(today))
    moment = datetime.combine(day, REMINDER_TIME, tzinfo=timezone.get_default_timezone())
    return max(moment, timezone.now())


def _wanted(measure: Measure, today: date) -> dict[str, tuple[str, datetime]]:
    """The reminder rows this measure should have now: key -> (template, due_at)."""
    owner = measure.owner
    if (measure.status not in OPEN_MEASURE_STATUSES or measure.due_date is None
            or owner is None or not owner.email or not owner.is_active):
        return {}
    due = measure.due_date
    suffix = f"{due.isoformat()}-u{owner.pk}"
    wanted = {}
    if due >= today:
        wanted[f"{key_prefix(measure)}due-{suffix}"] = (
            "est_measure_due", _send_at(reminder_day(due), today))
    wanted[f"{key_prefix(measure)}overdue-{suffix}"] = (
        "est_measure_overdue", _send_at(overdue_day(due), today))
    return wanted


def reminders_plan(measure: Measure, *, today: date | None = None) -> int:
    """Bring the measure's pending reminders in line with it: rows it no
    longer wants (a closed measure, an old due date or owner) are withdrawn,
    the wanted ones are queued (a withdrawn one is queued again: the measure
    was reopened). Runs inside the caller's transaction. Returns how many
    reminders the measure has planned."""
    today = today or timezone.localdate()
    wanted = _wanted(measure, today)
    prefix = key_prefix(measure)
    stale = (OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING)
             .filter(Q(key__startswith=f"{prefix}due-") | Q(key__startswith=f"{prefix}overdue-"))
             .exclude(key__in=list(wanted)).values_list("key", flat=True))
    email_withdraw(keys=list(stale))
    context = {"reference": f"Å-{measure.pk}",
               "due_date": measure.due_date.isoformat() if measure.due_date else "",
               "url": reverse("casework:measure-detail", args=[measure.pk])}
    for key, (template, due_at) in wanted.items():
        row = email_enqueue(key=key, to=measure.owner.email, template=template,
                            context=context, due_at=due_at)
        if row.status == OutgoingEmail.Status.WITHDRAWN:
            OutgoingEmail.objects.filter(pk=row.pk).update(
                status=OutgoingEmail.Status.PENDING, due_at=due_at)
    return len(wanted)


def reminders_withdraw(measure: Measure) -> int:
    """A measure done or cancelled: nothing more is sent about it (its
    creation notice included, if still waiting)."""
    return email_withdraw(key_prefix=key_prefix(measure))


def measure_reminders_enqueue(*, today: date | None = None) -> int:
    """The daily run (a safety net): every open measure whose reminder day
    has come gets its reminders planned, in case a change bypassed the
    services. Only on working days. Returns how many measures it looked at;
    the keys make a re-run enqueue nothing new."""
    today = today or timezone.localdate()
    if not is_working_day(today):
        return 0
    horizon = add_working_days(today, REMINDER_WORKING_DAYS)
    measures = (Measure.objects.filter(status__in=OPEN_MEASURE_STATUSES, due_date__isnull=False,
                                       due_date__lte=horizon, owner__isnull=False)
                .exclude(owner__email="").select_related("owner"))
    count = 0
    with transaction.atomic():
        for measure in measures:
            reminders_plan(measure, today=today)
            count += 1
    return count
