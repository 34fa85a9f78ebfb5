"""Cases (EST ärenden): status moves, notes and closing. Each service locks the
case, checks the version the user started from and appends to the timeline
(CaseEvent) instead of rewriting it; reporters are told through the outbox."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.services import email_enqueue

from .choices import CaseStatus
from .errors import ConflictError, ServiceError
from .models import Case, CaseEvent

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
        case_event(case, actor, "status", text)
    return case


def case_add_note(*, case: Case, actor, text: str) -> CaseEvent:
    if not text.strip():
        raise ServiceError(_("Write a note."))
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        return case_event(case, actor, "note", text.strip())


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
        case_event(case, actor, "closed", _("Closed."))
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



def case_event(case: Case, actor, kind: str, text: str = "") -> CaseEvent:
    return CaseEvent.objects.create(case=case, actor=actor, kind=kind, text=text)

