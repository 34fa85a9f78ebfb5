"""Process models. ReportProcess is a concrete subclass of viewflow's Process
with a real foreign key to the report, so the inbox can filter, sort and join
on the report's locality, category and dates with indexes (VIEWFLOW.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process


class ReportProcess(Process):
    """Triage of one report: from submitted until the samordnare decided."""

    report = models.OneToOneField("casework.Report", verbose_name=_("report"),
                                  on_delete=models.CASCADE, related_name="triage_process")

    class Meta:
        verbose_name = _("report triage")
        verbose_name_plural = _("report triages")
        permissions = [("triage_report", "Can triage reports")]
