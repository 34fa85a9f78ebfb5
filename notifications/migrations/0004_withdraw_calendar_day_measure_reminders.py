"""Meeting decisions used to plan their own measure reminder (three calendar
days before, key `measure:<id>:<owner>:due`), which closing the measure did
not withdraw. Reminders now come from casework.measures (working days, keys
`measure-<id>-…`, withdrawn on close); the daily run plans them for the open
measures, so the old pending rows are withdrawn here."""

from django.db import migrations


def withdraw_old_reminders(apps, schema_editor):
    OutgoingEmail = apps.get_model("notifications", "OutgoingEmail")
    OutgoingEmail.objects.filter(status="pending", key__regex=r"^measure:[0-9]+:[0-9]+:due$").update(
        status="withdrawn")


class Migration(migrations.Migration):

    dependencies = [
        ("notifications", "0003_outbox_failed_index"),
    ]

    operations = [
        migrations.RunPython(withdraw_old_reminders, migrations.RunPython.noop),
    ]
