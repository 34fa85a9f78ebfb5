"""The flow of a violent-extremism concern (viewflow 2.x).

intake (StartHandle) → triage → routing → close → end

Every node is a Handle driven by `concerns.services`: the service checks access,
changes the concern under `select_for_update`, then runs the node, all in one
transaction. Routes (referrals, police hand-off, no action) are recorded while
the `routing` task is open; closing completes it. Reopening a closed concern
starts a new process for the same concern (artifact), back at triage. The
concern is the artifact; the process holds no content."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from viewflow import this
from viewflow.workflow import flow, lock

from .models import ConcernProcess


class ConcernFlow(flow.Flow):
    process_class = ConcernProcess
    lock_impl = lock.select_for_update_lock
    process_title = _("Violent-extremism concern")

    start = (
        flow.StartHandle(this.start_process)
        .Annotation(title=pgettext_lazy("concern", "Intake"))
        .Next(this.triage)
    )
    triage = flow.Handle().Annotation(title=_("Triage and risk assessment")).Next(this.routing)
    routing = flow.Handle().Annotation(title=_("Routing")).Next(this.close)
    close = flow.Handle().Annotation(title=_("Close with outcome")).Next(this.end)
    end = flow.End().Annotation(title=_("Closed"))

    def start_process(self, activation, concern=None):
        activation.process.artifact = concern
        return activation.process
