"""Återkoppling per organisation: once a month each reporting organisation's
contact (Organisation.contact_email) hears how many reports the organisation
sent the month before and what became of them: part of a case (and in how
many cases), the measures taken in those cases, set aside, still open. Counts
and a link to the reports list only, never report text.

Planned by the beat task `casework.tasks.organisation_feedback_enqueue`
(config/settings/parts/celery.py: 08:00 Stockholm time on days 1–7). The
service does nothing before the month's first working day (core.workdays);
from then on each organisation's mail has the key
`est-org-feedback-<organisation>-<YYYY-MM>`, so a second run the same day or
later that week (a worker that was down catches up) adds nothing: one mail
per organisation and month, ever.

Reports handed over to the concern track (status moved) are left out: they
belong to that track, and a mail about them to an organisation's contact,
who may not be the reporter, would tell more than the reporter's own list."""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts.models import Organisation
from core.workdays import next_working_day
from notifications.models import OutgoingEmail
from notifications.services import email_enqueue

from .choices import ReportStatus
from .models import Measure, Report

SEND_TIME = time(8, 0)
TEMPLATE = "est_organisation_feedback"


def first_working_day(year: int, month: int) -> date:
    return next_working_day(date(year, month, 1))


def previous_month(today: date) -> tuple[date, date]:
    """The first day of the month before `today`'s and the first day of
    `today`'s month (the end, not included)."""
    end = today.replace(day=1)
    return (end - timedelta(days=1)).replace(day=1), end


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=timezone.get_default_timezone())


def organisation_feedback_counts(*, start: date, end: date,
                                 organisation_ids=None) -> dict[int, dict[str, int]]:
    """Per organisation: the EST reports submitted in [start, end) (Stockholm
    days) and what became of them. Two queries, whatever the number of
    organisations or reports. Measures restricted to a sensitive working group
    are not counted (their existence is that group's)."""
    reports = Report.objects.est().filter(
        organisation__isnull=False, created_at__gte=_moment(start), created_at__lt=_moment(end))
    if organisation_ids is not None:
        reports = reports.filter(organisation_id__in=list(organisation_ids))
    rows = reports.values("organisation_id").annotate(
        sent=Count("id"),
        in_case=Count("id", filter=Q(status=ReportStatus.IN_CASE)),
        cases=Count("case_id", filter=Q(status=ReportStatus.IN_CASE), distinct=True),
        set_aside=Count("id", filter=Q(status=ReportStatus.SET_ASIDE)),
        still_open=Count("id", filter=Q(status=ReportStatus.NEW)),
    ).order_by()
    counts = {row.pop("organisation_id"): {**row, "measures": 0} for row in rows}
    measures = (Measure.objects.filter(
        restricted_to_group__isnull=True, cases__reports__in=reports.filter(
            status=ReportStatus.IN_CASE))
        .values("cases__reports__organisation_id")
        .annotate(n=Count("id", distinct=True)).order_by())
    for row in measures:
        counts[row["cases__reports__organisation_id"]]["measures"] = row["n"]
    return counts


def feedback_key(organisation_id: int, month_start: date) -> str:
    return f"est-org-feedback-{organisation_id}-{month_start:%Y-%m}"


def organisation_feedback_enqueue(*, today: date | None = None) -> int:
    """Queue last month's feedback mail for every organisation with a contact
    e-mail that sent at least one report, due at 08:00 on the month's first
    working day (now, if that has passed). Before that day it does nothing.
    Idempotent through the outbox key (see the module); returns how many
    mails were queued by this run. One transaction: the counts and the mails
    are written together or not at all."""
    today = today or timezone.localdate()
    send_day = first_working_day(today.year, today.month)
    if today < send_day:
        return 0
    start, end = previous_month(today)
    due_at = max(datetime.combine(send_day, SEND_TIME,
                                  tzinfo=timezone.get_default_timezone()), timezone.now())
    with translation.override("sv"):
        month = date_format(start, "F Y")
    url = reverse("casework:report-list") + "?organisation=1"
    with transaction.atomic():
        contacts = {pk: (email, name) for pk, email, name in Organisation.objects
                    .exclude(contact_email="").values_list("pk", "contact_email", "name")}
        counts = organisation_feedback_counts(start=start, end=end, organisation_ids=contacts)
        keys = {pk: feedback_key(pk, start) for pk in counts}
        already = set(OutgoingEmail.objects.filter(key__in=keys.values())
                      .values_list("key", flat=True))
        for organisation_id, figures in sorted(counts.items()):
            to, name = contacts[organisation_id]
            email_enqueue(key=keys[organisation_id], to=to, template=TEMPLATE, due_at=due_at,
                          context={"organisation": name, "month": month, "url": url,
                                   **figures})
    return len(set(keys.values()) - already)
