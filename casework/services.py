"""Every way EST data changes. Services are keyword-only, each opens its own
transaction, locks the rows whose state it changes and appends history
(CaseEvent, MeasureFollowUp) instead of rewriting it. E-mails go to the outbox
in the same transaction: they carry references and links, never report text.

This module holds reports: submitting, triage, the handover to the concern
track and their gallring. Cases are in cases.py, the lägesbild in pictures.py
and measures in the measures package; their services are imported here too,
so `casework.services.<name>` keeps working for every caller."""

import logging
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role
from core.errors import Invalid
from core.references import next_reference, sequence_reference
from core.retention import delete_files_after_commit
from core.uploads import CheckedUpload
from notifications.services import email_enqueue

from .cases import case_event as _case_event
from .choices import CaseStatus, ReportStatus, Urgency
from .models import Case, Report, ReportAttachment

logger = logging.getLogger(__name__)


# ---------------------------------------------------------------- reports

def _next_report_reference() -> str:
    """R-2026-00042, from the year's sequence (core/references.py, ADR 0042):
    concurrent submits never wait for each other's number."""
    return sequence_reference("R", timezone.localdate().year)


def report_submit(
    *,
    reporter,
    category,
    locality,
    occurred_on: date,
    description: str,
    place: str = "",
    latitude=None,
    longitude=None,
    occurred_time=None,
    part_of_day: str = "unknown",
    urgency: str = "normal",
    attachments: list[CheckedUpload] = (),
    submission_key: str | None = None,
    submission_fingerprint: str = "",
    source_group=None,
    source_town_meeting=None,
) -> tuple[Report, bool]:
    """Save a report. Returns (report, created). Callers submit through
    workflows.services.report_submit, which starts the triage flow in the same
    transaction (a report never exists without its inbox task).

    The submission key makes a double submit (or a retried API POST) one
    report: the second call returns the first report with created=False. Two
    concurrent calls with one key race on the unique index; the loser reads
    the winner's row."""
    if submission_key:
        existing = Report.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing, False
    try:
        # A savepoint only where its error is caught to carry on: the race
        # on a submission key. Without a key an error ends the transaction.
        with transaction.atomic(savepoint=bool(submission_key)):
            report = Report.objects.create(
                reference=_next_report_reference(),
                reporter=reporter,
                organisation_id=getattr(reporter, "organisation_id", None),
                category=category, locality=locality, place=place,
                latitude=latitude, longitude=longitude, occurred_on=occurred_on,
                occurred_time=occurred_time, part_of_day=part_of_day,
                description=description, urgency=urgency, submission_key=submission_key,
                submission_fingerprint=submission_fingerprint, source_group=source_group,
                source_town_meeting=source_town_meeting,
            )
            for upload in attachments:
                attachment = ReportAttachment(
                    report=report, filename=upload.original_name, mimetype=upload.mimetype,
                    size=upload.size, reencoded=upload.reencoded)
                attachment.file.save(upload.content.name, upload.content, save=False)
                attachment.save()
            if urgency == Urgency.URGENT:
                _notify_coordinators_of_urgent(report)
    except IntegrityError:
        if submission_key:
            existing = Report.objects.filter(submission_key=submission_key).first()
            if existing is not None:
                return existing, False
        raise
    logger.info("report %s submitted", report.reference)
    return report, True


def _notify_coordinators_of_urgent(report: Report) -> None:
    """An urgent report should not wait for the next inbox visit: each
    coordinator gets an e-mail (reference and link only) via the outbox."""
    coordinators = get_user_model().objects.filter(
        groups__name__in=[Role.COORDINATOR, Role.SECURITY_COORDINATOR], is_active=True,
    ).exclude(email="").distinct()
    for user in coordinators:
        email_enqueue(key=f"report-urgent-{report.pk}-{user.pk}", to=user.email,
                      template="est_report_urgent",
                      context={"reference": report.reference,
                               "url": reverse("casework:report-detail",
                                              args=[report.reference])})


def _lock_report(report: Report) -> Report:
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.status != ReportStatus.NEW:
        raise Invalid(_("The report has already been triaged."))
    return locked


def case_open_from_report(*, report: Report, actor, title: str = "") -> Case:
    """Triage: open a new EST case from a new report."""
    with transaction.atomic():
        report = _lock_report(report)
        case = Case.objects.create(
            reference=next_reference("EST", timezone.localdate().year),
            title=(title or f"{report.category} – {report.locality}")[:200],
            locality=report.locality, category=report.category, owner=actor,
        )
        report.status = ReportStatus.IN_CASE
        report.case = case
        report.save(update_fields=["status", "case"])
        _case_event(case, actor, "opened", _("Opened from report %(ref)s.") % {
            "ref": report.reference})
    return case


def report_add_to_case(*, report: Report, case: Case, actor) -> Case:
    """Triage: a duplicate or related report joins an existing open case."""
    with transaction.atomic():
        report = _lock_report(report)
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.status == CaseStatus.CLOSED:
            raise Invalid(_("The case is closed."))
        report.status = ReportStatus.IN_CASE
        report.case = case
        report.save(update_fields=["status", "case"])
        _case_event(case, actor, "report_added", _("Report %(ref)s added.") % {
            "ref": report.reference})
    return case


def report_set_aside(*, report: Report, reason: str, actor) -> Report:
    """Triage: no case for this report; the reason is shown to the reporter."""
    reason = (reason or "").strip()
    if not reason:
        raise Invalid(_("Give a reason for setting the report aside."))
    with transaction.atomic():
        report = _lock_report(report)
        report.status = ReportStatus.SET_ASIDE
        report.set_aside_reason = reason
        report.save(update_fields=["status", "set_aside_reason"])
    return report


# A report's urgency in the concern track's words (the concern track has no
# "urgent": its highest level is "high", and triage refines it).
CONCERN_URGENCY = {Urgency.NORMAL: "normal", Urgency.HIGH: "high", Urgency.URGENT: "high"}

# What a handed-over report keeps: nothing about what it was about. Reference,
# reporter, organisation, dates and the submission key stay, so the reporter
# sees a neutral status ("Överlämnad") and a retried API POST finds its report.
EMPTIED_ON_HANDOVER = {"description": "", "place": "", "latitude": None, "longitude": None,
                       "occurred_time": None, "part_of_day": "unknown", "urgency": "normal",
                       "set_aside_reason": "", "category": None, "locality": None,
                       "case": None, "source_group": None, "source_town_meeting": None,
                       # a keyed hash of the submitted body: no content, but tied to it
                       "submission_fingerprint": ""}


def report_move_to_concern_track(*, report: Report, actor) -> Report:
    """Triage: the report is about a violent-extremism concern. Its content
    (description, urgency, place, date, who reported, attachments) moves to a
    new concern (concerns.services, called directly: a required step, not an
    optional reaction), then the report row is emptied and marked MOVED, which
    hides it from every EST list, inbox, lägesbild and count. One transaction:
    the concern exists with the content or the report is untouched.

    Precondition: the report is new (not yet triaged); the actor is EST staff
    (checked by the triage task)."""
    from concerns.services import HandedOverFile, concern_create_from_est_report

    with transaction.atomic():
        report = _lock_report(report)
        attachments = list(report.attachments.all())
        concern_create_from_est_report(
            actor=actor, report_id=report.pk, report_reference=report.reference,
            data=_concern_content(report),
            files=[HandedOverFile(stored_name=a.file.name, filename=a.filename,
                                  mimetype=a.mimetype, size=a.size) for a in attachments])
        # The rows go; the files now belong to the concern's attachment rows.
        ReportAttachment.objects.filter(pk__in=[a.pk for a in attachments]).delete()
        for field, value in EMPTIED_ON_HANDOVER.items():
            setattr(report, field, value)
        report.status = ReportStatus.MOVED
        report.handed_over_at = timezone.now()
        report.save(update_fields=[*EMPTIED_ON_HANDOVER, "status", "handed_over_at"])
    logger.info("report %s handed over to the concern track", report.reference)
    return report


def _concern_content(report: Report) -> dict:
    place = ", ".join(part for part in (report.locality.name, report.place) if part)
    if report.latitude is not None and report.longitude is not None:
        place += f" ({report.latitude}, {report.longitude})"
    reporter = report.reporter
    return {
        "indicators": report.description,
        "urgency": CONCERN_URGENCY.get(report.urgency, "normal"),
        "place": place[:300],
        "occurred_on": report.occurred_on,
        "raised_by_role": _("EST reporter (%(category)s)") % {"category": report.category.name},
        "raised_by_organisation": report.organisation.name if report.organisation else "",
        "raised_by_contact": (f"{reporter.get_full_name() or reporter.username}"
                              f"{' <' + reporter.email + '>' if reporter.email else ''}"
                              if reporter else "")[:200],
    }


# ---------------------------------------------------------------- gallring

def _days_ago(today: date, days: int):
    from datetime import datetime, time

    return timezone.make_aware(datetime.combine(today - timedelta(days=days), time.min))


def _moved_remnants_due(today: date):
    from django.conf import settings

    cutoff = _days_ago(today, settings.MOVED_REPORT_RETENTION_DAYS)
    # Rows moved before handed_over_at existed have no date: their submission
    # date stands in.
    return Report.objects.filter(status=ReportStatus.MOVED).filter(
        Q(handed_over_at__lt=cutoff) | Q(handed_over_at__isnull=True, created_at__lt=cutoff))


def moved_report_gallra_count(today: date) -> int:
    return _moved_remnants_due(today).count()


def moved_report_gallra(today: date) -> int:
    """Delete the remnants of reports handed over to the concern track more
    than MOVED_REPORT_RETENTION_DAYS ago (the reporter's neutral status ends
    there; the concern holds the content under its own retention). Their
    triage process and tasks go with them (cascade)."""
    count = 0
    for report_id in list(_moved_remnants_due(today).values_list("pk", flat=True)):
        with transaction.atomic():
            report = (Report.objects.select_for_update(skip_locked=True)
                      .filter(pk=report_id, status=ReportStatus.MOVED).first())
            if report is None:
                continue
            delete_files_after_commit(a.file for a in report.attachments.all())
            report.delete()
            count += 1
    return count


def _report_attachments_due(today: date):
    from django.conf import settings

    cutoff = _days_ago(today, settings.REPORT_ATTACHMENT_RETENTION_DAYS)
    return ReportAttachment.objects.filter(
        Q(report__status=ReportStatus.SET_ASIDE, report__created_at__lt=cutoff)
        | Q(report__case__status=CaseStatus.CLOSED, report__case__closed_at__lt=cutoff))


def report_attachment_gallra_count(today: date) -> int:
    return _report_attachments_due(today).count()


def report_attachment_gallra(today: date) -> int:
    """Delete attachments (rows and files) of reports set aside, or whose case
    closed, more than REPORT_ATTACHMENT_RETENTION_DAYS ago. The report's text
    stays under the EST rules; photos and PDFs are what most often show people."""
    with transaction.atomic():
        attachments = list(_report_attachments_due(today).select_for_update(of=("self",)))
        delete_files_after_commit(a.file for a in attachments)
        ReportAttachment.objects.filter(pk__in=[a.pk for a in attachments]).delete()
    return len(attachments)


# ---------------------------------------------------------------- the other services

from .cases import (  # noqa: E402
    CASE_ORDER,
    CASE_TRANSITIONS,
    case_add_note,
    case_allowed_statuses,
    case_close,
    case_set_status,
)
from .measures import (  # noqa: E402
    MEASURE_FIELDS,
    OPEN_MEASURE_STATUSES,
    measure_create,
    measure_follow_up_add,
    measure_reminders_enqueue,
    measure_update,
)
from .pictures import (  # noqa: E402
    period_bounds,
    picture_create,
    picture_document_store,
    picture_publish,
    picture_record_analysis,
    picture_update,
)

__all__ = [
    "CASE_ORDER", "CASE_TRANSITIONS", "CONCERN_URGENCY", "EMPTIED_ON_HANDOVER",
    "MEASURE_FIELDS", "OPEN_MEASURE_STATUSES", "case_add_note",
    "case_allowed_statuses", "case_close", "case_open_from_report", "case_set_status",
    "measure_create", "measure_follow_up_add", "measure_reminders_enqueue", "measure_update",
    "moved_report_gallra", "moved_report_gallra_count", "period_bounds", "picture_create",
    "picture_document_store", "picture_publish", "picture_record_analysis", "picture_update",
    "report_add_to_case", "report_attachment_gallra", "report_attachment_gallra_count",
    "report_move_to_concern_track", "report_set_aside", "report_submit",
]
