"""Reports handed over to the concern track before the content moved with them:
their concern was created empty and the report kept its text. Move the content
now, the same way `casework.services.report_move_to_concern_track` does, and
empty the report. Noop reverse (the emptied content is not put back)."""

from django.db import migrations
from django.utils import timezone

URGENCY = {"normal": "normal", "high": "high", "urgent": "high"}
EMPTIED = {"description": "", "place": "", "latitude": None, "longitude": None,
           "occurred_time": None, "part_of_day": "unknown", "urgency": "normal",
           "set_aside_reason": "", "category": None, "locality": None, "case": None}


def move_earlier_handovers(apps, schema_editor):
    Report = apps.get_model("casework", "Report")
    ReportAttachment = apps.get_model("casework", "ReportAttachment")
    Concern = apps.get_model("concerns", "Concern")
    ConcernAttachment = apps.get_model("concerns", "ConcernAttachment")
    reports = (Report.objects.filter(status="moved").exclude(description="")
               .select_related("locality", "category", "organisation", "reporter"))
    for report in reports.iterator():
        concern = Concern.objects.filter(est_report_id=report.pk).first()
        if concern is not None:
            _fill(concern, report)
            for attachment in ReportAttachment.objects.filter(report_id=report.pk):
                ConcernAttachment.objects.create(
                    concern=concern, file=attachment.file.name, filename=attachment.filename,
                    mimetype=attachment.mimetype, size=attachment.size)
        ReportAttachment.objects.filter(report_id=report.pk).delete()
        for field, value in EMPTIED.items():
            setattr(report, field, value)
        report.handed_over_at = report.handed_over_at or timezone.now()
        report.save()


def _fill(concern, report):
    """Only fields the coordinator has not filled in themselves."""
    place = ", ".join(part for part in (report.locality.name if report.locality else "",
                                        report.place) if part)
    reporter = report.reporter
    values = {
        "indicators": report.description,
        "place": place[:300],
        "raised_by_organisation": report.organisation.name if report.organisation else "",
        "raised_by_contact": (f"{reporter.first_name} {reporter.last_name}".strip()
                              or reporter.username)[:200] if reporter else "",
    }
    for field, value in values.items():
        if not getattr(concern, field):
            setattr(concern, field, value)
    if concern.urgency == "normal":
        concern.urgency = URGENCY.get(report.urgency, "normal")
    concern.occurred_on = concern.occurred_on or report.occurred_on
    concern.est_report_reference = concern.est_report_reference or report.reference
    concern.save()


class Migration(migrations.Migration):

    dependencies = [
        ("casework", "0004_report_handover_empties_content"),
        ("concerns", "0002_concern_content_from_est_report"),
    ]

    operations = [
        migrations.RunPython(move_earlier_handovers, migrations.RunPython.noop),
    ]
