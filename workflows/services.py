"""Driving the triage flow. Viewflow's activations skip permission checks when
called from code (VIEWFLOW.md), so each service checks access itself. Every
change runs under the flow lock (SELECT … FOR UPDATE on the process row, in
its own transaction) and re-reads the task inside it: of two users claiming one task at once, the
second sees the first one's owner and gets core.errors.Conflict. A task that
is not for this user is NotAllowed(conceal=True): triage is need-to-know (404)."""

from django.db import transaction
from django.utils.translation import gettext as _
from viewflow.workflow.status import STATUS

from casework import services as casework
from casework.choices import ReportStatus
from core.access import allowed
from core.errors import Conflict, NotAllowed

from .flows import TriageFlow

# The one triage permission: the flow's View node, the task rows' owner
# permission and the services all name it (workflows/rules.py registers it).
TRIAGE_PERMISSION = "workflows.triage_report"


def report_submit(**fields):
    """Submit a report: casework saves it, the triage flow starts on it, in one
    transaction (a report never exists without its inbox task). Takes
    casework.services.report_submit's arguments and returns its (report,
    created); a repeated submission key starts nothing."""
    # No savepoint of its own (savepoint=False): nothing here catches an error
    # to carry on, and casework's own block keeps the one it needs (a lost race
    # on the submission key). Submit stays within its 20 queries.
    with transaction.atomic(savepoint=False):
        report, created = casework.report_submit(**fields)
        if created:
            report_triage_start(report=report)
    return report, created


def report_triage_start(*, report) -> None:
    """Start the triage process for a newly saved report (inside
    report_submit's transaction)."""
    if report.status != ReportStatus.NEW:
        return
    TriageFlow.start.run(report=report)


def _require_triage(user):
    if not allowed(user, TRIAGE_PERMISSION):
        raise NotAllowed(conceal=True)


def _owner_name(task) -> str:
    return str(task.owner) if task.owner_id else ""


def task_claim(*, task, user) -> None:
    """Take an unclaimed triage task."""
    _require_triage(user)
    with task.activation() as activation:
        if task.status != STATUS.NEW or task.owner_id:
            if task.owner_id == user.pk:
                return
            raise Conflict(_("%(name)s already took this task.") % {
                "name": _owner_name(task)} if task.owner_id else _(
                "The task is no longer open."))
        activation.assign(user)


def task_release(*, task, user) -> None:
    """Give a claimed task back to the queue (its owner or any EST staff)."""
    _require_triage(user)
    with task.activation() as activation:
        if task.status != STATUS.ASSIGNED:
            raise Conflict(_("The task is not claimed."))
        activation.unassign()


def task_reassign(*, task, user, to_user) -> None:
    """Hand a task to another EST staff member."""
    _require_triage(user)
    if not allowed(to_user, TRIAGE_PERMISSION):
        raise NotAllowed(conceal=True)
    with task.activation() as activation:
        if task.status == STATUS.NEW:
            activation.assign(to_user)
        elif task.status == STATUS.ASSIGNED:
            activation.reassign(to_user)
        else:
            raise Conflict(_("The task is no longer open."))


def task_triage(*, task, user, request, action: str, title: str = "", case=None,
                reason: str = ""):
    """Execute the triage decision: call the casework service for it, then
    complete the task; both commit together or not at all. The user must own
    the task (claimed). Returns the case for open/add, else None."""
    _require_triage(user)
    from casework.forms import TriageForm

    with task.activation() as activation:
        if task.status != STATUS.ASSIGNED or task.owner_id != user.pk:
            raise Conflict(_("Claim the task before deciding.") if task.status == STATUS.NEW
                           else _("The task is no longer yours to decide."))
        report = task.process.reportprocess.report
        result = None
        if action == TriageForm.OPEN_CASE:
            result = casework.case_open_from_report(report=report, actor=user, title=title)
        elif action == TriageForm.ADD_TO_CASE:
            result = casework.report_add_to_case(report=report, case=case, actor=user)
        elif action == TriageForm.SET_ASIDE:
            casework.report_set_aside(report=report, reason=reason, actor=user)
        elif action == TriageForm.MOVE:
            casework.report_move_to_concern_track(report=report, actor=user)
        else:
            raise ValueError(action)
        activation.start(request)
        activation.execute()
    return result


# ---------------------------------------------------------------- gallring

def _ended_processes_due(today):
    """Processes of every flow (triage, concerns) that ended more than
    WORKFLOW_PROCESS_RETENTION_DAYS ago: their rows hold data and artifact
    references nobody reads once the process is over (the domain objects keep
    their own history)."""
    from datetime import datetime, time, timedelta

    from django.conf import settings
    from django.utils import timezone
    from viewflow.workflow.models import Process

    day = today - timedelta(days=settings.WORKFLOW_PROCESS_RETENTION_DAYS)
    cutoff = timezone.make_aware(datetime.combine(day, time.min))
    return Process.objects.filter(status__in=[STATUS.DONE, STATUS.CANCELED],
                                  finished__lt=cutoff)


def ended_process_gallra_count(today) -> int:
    return _ended_processes_due(today).count()


def ended_process_gallra(today) -> int:
    """Delete ended processes past retention with their tasks (viewflow's Task
    rows reference the process; the concrete ReportProcess row goes with its
    parent). Returns the number of processes."""
    from django.db import transaction
    from viewflow.workflow.models import Process, Task

    with transaction.atomic():
        process_ids = list(_ended_processes_due(today).values_list("pk", flat=True))
        Task.objects.filter(process_id__in=process_ids).delete()
        Process.objects.filter(pk__in=process_ids).delete()
    return len(process_ids)
