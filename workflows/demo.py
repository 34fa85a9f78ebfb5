"""Driving the triage flow for demo data (no HTTP request, no permission
checks: the seed acts as the samordnare)."""

from viewflow.workflow.status import STATUS

from .selectors import triage_task_for_report_id
from .services import task_triage


def triage_demo_report(*, report, user, action, case=None, reason=""):
    task = triage_task_for_report_id(report.pk)
    if task is None:
        return None
    if task.status == STATUS.NEW:
        with task.activation() as activation:
            activation.assign(user)
        task.refresh_from_db()
    return task_triage(task=task, user=user, request=None, action=action, case=case,
                       reason=reason, title="")
