"""Signal receivers: casework says a report arrived, the triage flow starts."""

from django.dispatch import receiver

from casework.signals import report_submitted


@receiver(report_submitted, dispatch_uid="workflows.start_triage")
def start_triage(sender, report, **kwargs):
    from .services import report_triage_start

    report_triage_start(report=report)
