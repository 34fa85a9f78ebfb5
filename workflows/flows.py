"""The EST triage process: a report arrives, the samordnare decides.

    start (report submitted) → triage (human task in /inkorg/) → end

The triage task's form decides one of: open a new case, add to an existing
case, set aside with a reason, move to the violent-extremism concern track.
Each decision is a casework service called by the task view; the flow only
wires the steps (STYLE.md)."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from .models import ReportProcess
from .start import StartAwareLock, StartInCallersTransaction, starting


class TriageFlow(flow.Flow):
    process_class = ReportProcess
    # Blocking FOR UPDATE (not NOWAIT): viewflow's NOWAIT retry loop cannot
    # recover inside an enclosing transaction (the failed statement aborts it).
    # A second claimer waits a few milliseconds, then sees the first one's claim.
    # The start's own new process row is not locked (workflows/start.py).
    lock_impl = StartAwareLock(nowait=False)
    process_title = _("Report triage")
    process_description = _("A new report is triaged by the safety coordinator.")

    start = (
        # viewflow's StartHandle inside report_submit's transaction (workflows/start.py)
        StartInCallersTransaction(this.start_process)
        .Annotation(title=_("Report submitted"))
        # The triage task carries its report as its seed: the inbox reads a
        # task's report in one index probe, not through the report process.
        .Next(this.triage, task_seed=lambda activation: activation.process.report)
    )
    triage = (
        flow.View(this.triage_view_unused)
        .Annotation(title=_("Triage the report"))
        .Permission("workflows.triage_report")
        .Next(this.end)
    )
    end = flow.End().Annotation(title=_("Triaged"))

    def start_process(self, activation, report):
        # The real foreign key is enough; the generic artifact would cost a
        # content-type lookup on every submit.
        activation.process.report = report
        starting(activation.process)
        return activation.process

    def triage_view_unused(self, request, **kwargs):  # pragma: no cover
        """Our own inbox views drive this task (workflows.views), not viewflow's."""
        raise NotImplementedError

    def has_view_permission(self, user, obj=None):
        from accounts.roles import is_est_staff

        return is_est_staff(user)

    def has_manage_permission(self, user, obj=None):
        from accounts.roles import is_est_staff

        return is_est_staff(user)
