"""Every way EST data changes. Services are keyword-only, each opens its own
transaction, locks the rows whose state it changes and appends history
(CaseEvent, MeasureFollowUp) instead of rewriting it. E-mails go to the outbox
in the same transaction: they carry references and links, never report text."""

import base64
import calendar
import logging
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role
from core import errors
from core.models import ReferenceCounter
from core.references import next_reference
from core.retention import delete_files_after_commit
from core.uploads import CheckedUpload
from core.workdays import add_working_days, is_working_day
from notifications.services import email_enqueue, email_withdraw

from .choices import (
    CaseStatus,
    MeasureStatus,
    PeriodKind,
    PictureStatus,
    ReportStatus,
    Urgency,
)
from .models import (
    Case,
    CaseEvent,
    Measure,
    MeasureFollowUp,
    Report,
    ReportAttachment,
    SituationPicture,
)
from .rules import may_see_measure_content

logger = logging.getLogger(__name__)

# Reminders to a measure's owner: this many working days before the due date.
MEASURE_REMINDER_WORKING_DAYS = 3
OPEN_MEASURE_STATUSES = (MeasureStatus.PROPOSED, MeasureStatus.DECIDED,
                         MeasureStatus.IN_PROGRESS)


# The project's one error hierarchy (core.errors), under the names casework's
# callers know.
ServiceError = errors.ServiceError
ConflictError = errors.Conflict


# ---------------------------------------------------------------- reports

def _next_report_reference() -> str:
    """R-2026-00042. On PostgreSQL one UPDATE … RETURNING takes the number
    (its row lock serialises concurrent submitters, like next_reference's
    SELECT FOR UPDATE, in one query instead of four: report submit must stay
    within 20 queries). The first report of a year goes the long way."""
    year = timezone.localdate().year
    if connection.vendor == "postgresql":
        table = ReferenceCounter._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET last = last + 1 WHERE prefix = %s AND year = %s "  # noqa: S608
                "RETURNING last", ["R", year])
            row = cursor.fetchone()
        if row is not None:
            return f"R-{year}-{row[0]:05d}"
    return next_reference("R", year)


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
        with transaction.atomic():
            report = Report.objects.create(
                reference=_next_report_reference(),
                reporter=reporter,
                organisation_id=getattr(reporter, "organisation_id", None),
                category=category, locality=locality, place=place,
                latitude=latitude, longitude=longitude, occurred_on=occurred_on,
                occurred_time=occurred_time, part_of_day=part_of_day,
                description=description, urgency=urgency, submission_key=submission_key,
                submission_fingerprint=submission_fingerprint,
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
        raise ServiceError(_("The report has already been triaged."))
    return locked


def _case_event(case: Case, actor, kind: str, text: str = "") -> CaseEvent:
    return CaseEvent.objects.create(case=case, actor=actor, kind=kind, text=text)


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
            raise ServiceError(_("The case is closed."))
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
        raise ServiceError(_("Give a reason for setting the report aside."))
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
                       "case": None,
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


# ---------------------------------------------------------------- cases

CASE_ORDER = [CaseStatus.INTAKE, CaseStatus.ANALYSIS, CaseStatus.ACTION,
              CaseStatus.FEEDBACK, CaseStatus.CLOSED]


def _lock_case(case: Case, version: int | None) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if version is not None and locked.version != version:
        raise ConflictError(_("Someone else changed this case while you were editing it. "
                              "Reload the page and make your change again."))
    return locked


def case_set_status(*, case: Case, status: str, actor, version: int | None = None,
                    note: str = "") -> Case:
    """Move a case to another (not closed) status; the timeline records it."""
    if status == CaseStatus.CLOSED:
        raise ServiceError(_("Close the case with an outcome."))
    if status not in CaseStatus.values:
        raise ServiceError(_("Unknown status."))
    with transaction.atomic():
        case = _lock_case(case, version)
        if case.status == CaseStatus.CLOSED:
            raise ServiceError(_("The case is closed."))
        old = case.get_status_display()
        case.status = status
        case.version += 1
        case.save(update_fields=["status", "version", "updated_at"])
        text = _("Status %(old)s → %(new)s.") % {"old": old, "new": case.get_status_display()}
        if note.strip():
            text += " " + note.strip()
        _case_event(case, actor, "status", text)
    return case


def case_add_note(*, case: Case, actor, text: str) -> CaseEvent:
    if not text.strip():
        raise ServiceError(_("Write a note."))
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        return _case_event(case, actor, "note", text.strip())


def case_close(*, case: Case, outcome: str, actor, version: int | None = None) -> Case:
    """Close a case with its outcome and tell each reporter of its reports
    (outbox; reference and link only)."""
    outcome = (outcome or "").strip()
    if not outcome:
        raise ServiceError(_("Describe what came of the case."))
    with transaction.atomic():
        case = _lock_case(case, version)
        if case.status == CaseStatus.CLOSED:
            raise ServiceError(_("The case is already closed."))
        case.status = CaseStatus.CLOSED
        case.outcome = outcome
        case.closed_at = timezone.now()
        case.version += 1
        case.save(update_fields=["status", "outcome", "closed_at", "version", "updated_at"])
        _case_event(case, actor, "closed", _("Closed."))
        reports = case.reports.est().select_related("reporter").filter(
            reporter__isnull=False).exclude(reporter__email="")
        for report in reports:
            email_enqueue(
                key=f"case-closed-{case.pk}-report-{report.pk}",
                to=report.reporter.email,
                template="est_report_feedback",
                context={"reference": report.reference,
                         "url": reverse("casework:report-detail", args=[report.reference])},
            )
    return case


# ---------------------------------------------------------------- lägesbild

def period_bounds(kind: str, start: date, end: date | None = None) -> tuple[date, date]:
    """The period containing `start`: a week from Monday, a calendar month, a
    tertial (Jan–Apr, May–Aug, Sep–Dec), a year; custom needs its end."""
    if kind == PeriodKind.WEEK:
        first = start - timedelta(days=start.weekday())
        return first, first + timedelta(days=6)
    if kind == PeriodKind.MONTH:
        return start.replace(day=1), start.replace(
            day=calendar.monthrange(start.year, start.month)[1])
    if kind == PeriodKind.TERTIAL:
        first_month = ((start.month - 1) // 4) * 4 + 1
        last_month = first_month + 3
        return (date(start.year, first_month, 1),
                date(start.year, last_month, calendar.monthrange(start.year, last_month)[1]))
    if kind == PeriodKind.YEAR:
        return date(start.year, 1, 1), date(start.year, 12, 31)
    if end is None or end < start:
        raise ServiceError(_("The period must end on or after its first day."))
    return start, end


def picture_create(*, actor, period_kind: str, period_start: date,
                   period_end: date | None = None, title: str = "") -> SituationPicture:
    first, last = period_bounds(period_kind, period_start, period_end)
    if not title:
        title = _("Situation picture %(start)s – %(end)s") % {
            "start": first.isoformat(), "end": last.isoformat()}
    with transaction.atomic():
        return SituationPicture.objects.create(
            title=title[:200], period_kind=period_kind, period_start=first, period_end=last,
            created_by=actor,
        )


def _lock_picture(picture: SituationPicture, version: int | None) -> SituationPicture:
    locked = SituationPicture.objects.select_for_update().get(pk=picture.pk)
    if version is not None and locked.version != version:
        raise ConflictError(_("Someone else changed this situation picture while you were "
                              "editing it. Reload the page and make your change again."))
    return locked


def picture_update(*, picture: SituationPicture, actor, version: int | None,
                   highlights: str, notes: str) -> SituationPicture:
    with transaction.atomic():
        picture = _lock_picture(picture, version)
        if picture.status == PictureStatus.PUBLISHED:
            raise ServiceError(_("A published situation picture cannot be changed."))
        picture.highlights = highlights
        picture.notes = notes
        picture.version += 1
        picture.save(update_fields=["highlights", "notes", "version"])
    return picture


def picture_record_analysis(*, picture: SituationPicture, actor, version: int | None,
                            analysis: str, proposed_measures: list[dict] = ()
                            ) -> SituationPicture:
    """The joint analysis (planning chief and steering group) and the measures
    it proposes (short and long term). Each measure dict: title, term,
    owner_organisation."""
    if not analysis.strip():
        raise ServiceError(_("Write the joint analysis."))
    with transaction.atomic():
        picture = _lock_picture(picture, version)
        if picture.status == PictureStatus.PUBLISHED:
            raise ServiceError(_("A published situation picture cannot be changed."))
        picture.analysis = analysis.strip()
        picture.status = PictureStatus.ANALYSED
        picture.analysed_at = timezone.now()
        picture.version += 1
        picture.save(update_fields=["analysis", "status", "analysed_at", "version"])
        for item in proposed_measures:
            Measure.objects.create(
                title=item["title"][:200], term=item["term"],
                owner_organisation=item["owner_organisation"],
                situation_picture=picture, created_by=actor,
                status=MeasureStatus.PROPOSED,
            )
    return picture


def picture_publish(*, picture: SituationPicture, actor, version: int | None
                    ) -> SituationPicture:
    """Publish: freeze the figures, send återkoppling. Each reporter of the
    period gets a summary e-mail with a link; management gets the report as
    PDF. All through the outbox, keyed so a re-run sends nothing twice."""
    from .pdf import picture_pdf
    from .selectors import picture_reporters, picture_statistics

    with transaction.atomic():
        picture = _lock_picture(picture, version)
        if picture.status != PictureStatus.ANALYSED:
            raise ServiceError(_("Record the joint analysis before publishing."))
        picture.summary = picture_statistics(picture)
        picture.status = PictureStatus.PUBLISHED
        picture.published_at = timezone.now()
        picture.version += 1
        picture.save(update_fields=["summary", "status", "published_at", "version"])
        summary_url = reverse("casework:picture-summary", args=[picture.pk])
        context = {"title": picture.title, "url": summary_url,
                   "period_start": picture.period_start.isoformat(),
                   "period_end": picture.period_end.isoformat()}
        for user in picture_reporters(picture):
            email_enqueue(key=f"picture-{picture.pk}-reporter-{user.pk}", to=user.email,
                          template="est_picture_summary", context=context)
        management = get_user_model().objects.filter(
            groups__name=Role.MANAGEMENT, is_active=True).exclude(email="").distinct()
        if management:
            pdf = picture_pdf(picture)
            attachment = {"filename": f"lagesbild-{picture.period_start.isoformat()}.pdf",
                          "mimetype": "application/pdf",
                          "content_b64": base64.b64encode(pdf).decode()}
            for user in management:
                email_enqueue(
                    key=f"picture-{picture.pk}-management-{user.pk}", to=user.email,
                    template="est_picture_management",
                    context={**context, "url": reverse("casework:picture-detail",
                                                       args=[picture.pk])},
                    attachments=[attachment])
    return picture


# ---------------------------------------------------------------- measures

def measure_create(*, actor, title: str, owner_organisation, description: str = "",
                   term: str = "short", owner=None, due_date: date | None = None,
                   status: str = MeasureStatus.PROPOSED, cases=(), situation_picture=None,
                   source=None, restricted_to_group=None) -> Measure:
    """A new measure. `restricted_to_group` (a sensitive working group) makes
    it visible to that group's members and the coordinator only: the caller
    copying a sensitive group's content must pass it (see casework.rules)."""
    with transaction.atomic():
        measure = Measure.objects.create(
            title=title, description=description, term=term,
            owner_organisation=owner_organisation, owner=owner, due_date=due_date,
            status=status, situation_picture=situation_picture, created_by=actor,
            source_type=ContentType.objects.get_for_model(source) if source else None,
            source_id=source.pk if source else None,
            completed_at=timezone.now() if status == MeasureStatus.DONE else None,
            restricted_to_group=restricted_to_group,
        )
        if cases:
            measure.cases.set(cases)
        _check_restricted_measure(measure)
    return measure


def _check_restricted_measure(measure: Measure) -> None:
    """A restricted measure stays inside its group: its owner must be allowed
    to see it, and it is never tied to a case or a lägesbild (pages, PDFs and
    mail that reach people outside the group). Raises ValidationError; the
    caller's transaction then rolls back."""
    if measure.restricted_to_group_id is None:
        return
    if measure.owner is not None and not may_see_measure_content(measure.owner, measure):
        raise ValidationError({"owner": _(
            "The measure comes from a working group that handles sensitive matters: the "
            "responsible person must be a member of that group.")})
    if measure.situation_picture_id is not None or measure.cases.exists():
        raise ValidationError({"situation_picture": _(
            "A measure from a working group that handles sensitive matters cannot be tied "
            "to a case or a situation picture.")})


MEASURE_FIELDS = ("title", "description", "term", "owner_organisation", "owner", "due_date",
                  "status", "situation_picture")


def measure_update(*, measure: Measure, actor, version: int, cases=None, **changes) -> Measure:
    """Optimistic concurrency: the edit names the version it started from; if
    someone saved in between, ConflictError and nothing is written."""
    unknown = set(changes) - set(MEASURE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    with transaction.atomic():
        current = Measure.objects.select_for_update().get(pk=measure.pk)
        if current.version != version:
            raise ConflictError(_("Someone else changed this measure while you were editing "
                                  "it. Reload the page and make your change again."))
        old_status = current.status
        for name, value in changes.items():
            setattr(current, name, value)
        if current.status == MeasureStatus.DONE and old_status != MeasureStatus.DONE:
            current.completed_at = timezone.now()
        elif current.status != MeasureStatus.DONE:
            current.completed_at = None
        current.version = F("version") + 1
        current.save()
        current.refresh_from_db()
        if cases is not None:
            current.cases.set(cases)
        _check_restricted_measure(current)
        if current.status not in OPEN_MEASURE_STATUSES:
            email_withdraw(key_prefix=f"measure-{current.pk}-")
        if current.status != old_status:
            MeasureFollowUp.objects.create(
                measure=current, author=actor, status_after=current.status,
                note=_("Status changed to %(status)s.") % {
                    "status": current.get_status_display()})
    return current


def measure_follow_up_add(*, measure: Measure, actor, note: str,
                          status_after: str = "") -> MeasureFollowUp:
    """An uppföljning note; with status_after the measure moves on too."""
    if not note.strip():
        raise ServiceError(_("Write a follow-up note."))
    with transaction.atomic():
        current = Measure.objects.select_for_update().get(pk=measure.pk)
        follow_up = MeasureFollowUp.objects.create(
            measure=current, author=actor, note=note.strip(), status_after=status_after)
        if status_after and status_after != current.status:
            current.status = status_after
            current.completed_at = timezone.now() if status_after == MeasureStatus.DONE else None
            current.version += 1
            current.save(update_fields=["status", "completed_at", "version", "updated_at"])
            if status_after not in OPEN_MEASURE_STATUSES:
                email_withdraw(key_prefix=f"measure-{current.pk}-")
    return follow_up


def measure_reminders_enqueue(*, today: date | None = None) -> int:
    """The daily run: remind each open measure's owner a few working days
    before the due date and once when it is overdue. Only on working days, so
    nobody gets mail on a Sunday or midsommarafton. The outbox key holds the due
    date: re-running the same day enqueues nothing new, a moved due date
    reminds again."""
    today = today or timezone.localdate()
    if not is_working_day(today):
        return 0
    horizon = add_working_days(today, MEASURE_REMINDER_WORKING_DAYS)
    measures = (Measure.objects.filter(status__in=OPEN_MEASURE_STATUSES, due_date__isnull=False,
                                       due_date__lte=horizon, owner__isnull=False)
                .exclude(owner__email="").select_related("owner"))
    count = 0
    with transaction.atomic():
        for measure in measures:
            overdue = measure.due_date < today
            kind = "overdue" if overdue else "due"
            email_enqueue(
                key=f"measure-{measure.pk}-{kind}-{measure.due_date.isoformat()}",
                to=measure.owner.email,
                template="est_measure_overdue" if overdue else "est_measure_due",
                context={"reference": f"Å-{measure.pk}",
                         "due_date": measure.due_date.isoformat(),
                         "url": reverse("casework:measure-detail", args=[measure.pk])},
            )
            count += 1
    return count
