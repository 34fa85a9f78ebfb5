"""Measure reminders now come from one planner, casework.measures (working
days; keys `measure-<id>-<due|overdue>-<date>-u<owner>`; withdrawn when the
measure is done or cancelled, whatever it came from).

- Meeting decisions used to plan their own reminder three calendar days before
  (`measure:<id>:<owner>:due`), which closing the measure did not withdraw: the
  pending ones are withdrawn (the daily run plans the new ones).
- The daily run's rows (`measure-<id>-<due|overdue>-<date>`) get the owner in
  their key, so a reminder already sent is not sent again under the new key."""

from django.db import migrations

OLD_DAILY_KEY = r"^measure-[0-9]+-(due|overdue)-[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def forwards(apps, schema_editor):
    OutgoingEmail = apps.get_model("notifications", "OutgoingEmail")
    Measure = apps.get_model("casework", "Measure")
    OutgoingEmail.objects.filter(
        status="pending", key__regex=r"^measure:[0-9]+:[0-9]+:due$").update(status="withdrawn")
    rows = list(OutgoingEmail.objects.filter(key__regex=OLD_DAILY_KEY).only("pk", "key"))
    owners = dict(Measure.objects.filter(
        pk__in={int(row.key.split("-")[1]) for row in rows}).values_list("pk", "owner_id"))
    for row in rows:
        owner_id = owners.get(int(row.key.split("-")[1]))
        if owner_id is not None:
            OutgoingEmail.objects.filter(pk=row.pk).update(key=f"{row.key}-u{owner_id}")


class Migration(migrations.Migration):

    dependencies = [
        ("casework", "0007_report_submission_fingerprint"),
        ("notifications", "0003_outbox_failed_index"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
