"""Cases (EST ärenden): status moves, notes and closing. Each service locks the
case, checks the version the user started from and appends to the timeline
(CaseEvent) instead of rewriting it; reporters are told through the outbox."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Conflict, Invalid
from notifications.services import email_enqueue

from .choices import CaseStatus
from .models import Case, CaseEvent

CASE_ORDER = [CaseStatus.INTAKE, CaseStatus.ANALYSIS, CaseStatus.ACTION,
              CaseStatus.FEEDBACK, CaseStatus.CLOSED]

# The moves a case may make with case_set_status: one step forward, or one
# step back when a step has to be redone. Skipping Åtgärd or jumping back to
# Inkommen would hide work that was never done. Closing (case_close) is
# allowed from any open status: a case can turn out to need nothing.
CASE_TRANSITIONS = {
    CaseStatus.INTAKE: (CaseStatus.ANALYSIS,),
    CaseStatus.ANALYSIS: (CaseStatus.ACTION, CaseStatus.INTAKE),
    CaseStatus.ACTION: (CaseStatus.FEEDBACK, CaseStatus.ANALYSIS),
    CaseStatus.FEEDBACK: (CaseStatus.ACTION,),
    CaseStatus.CLOSED: (),
}


def case_allowed_statuses(case: Case) -> tuple[str, ...]:
    """The statuses `case` may move to next (for the form's choices)."""
    return CASE_TRANSITIONS.get(case.status, ())


def _lock_case(case: Case, version: int | None) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if version is not None and locked.version != version:
        raise Conflict(_("Someone else changed this case while you were editing it. "
                          "Reload the page and make your change again."))
    return locked


def case_set_status(*, case: Case, status: str, actor, version: int | None = None,
                    note: str = "") -> Case:
    """Move a case to another (not closed) status; the timeline records it."""
    if status == CaseStatus.CLOSED:
        raise Invalid(_("Close the case with an outcome."))
    if status not in CaseStatus.values:
        raise Invalid(_("Unknown status."))
    with transaction.atomic():
        case = _lock_case(case, version)
        if case.status == CaseStatus.CLOSED:
            raise Invalid(_("The case is closed."))
        if status not in CASE_TRANSITIONS.get(case.status, ()):
            allowed = ", ".join(str(CaseStatus(s).label) for s in CASE_TRANSITIONS[case.status])
            raise Invalid(
                _("A case cannot move from %(old)s to %(new)s. From %(old)s it can move to: "
                  "%(allowed)s.") % {"old": case.get_status_display(),
                             "new": CaseStatus(status).label, "allowed": allowed})
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
        raise Invalid(_("Write a note."))
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        return case_event(case, actor, "note", text.strip())


def case_close(*, case: Case, outcome: str, actor, version: int | None = None) -> Case:
    """Close a case with its outcome and tell each reporter of its reports
    (outbox; reference and link only)."""
    outcome = (outcome or "").strip()
    if not outcome:
        raise Invalid(_("Describe what came of the case."))
    with transaction.atomic():
        case = _lock_case(case, version)
        if case.status == CaseStatus.CLOSED:
            raise Invalid(_("The case is already closed."))
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

