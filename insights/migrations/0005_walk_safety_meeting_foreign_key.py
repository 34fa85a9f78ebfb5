"""SafetyWalk.safety_meeting_id was a bare integer (the apps were built apart);
it becomes a real foreign key to meetings.Meeting. Alter, fill, alter: ids
that name no meeting are set to null first, then the column is renamed and
typed as the key (the values that remain are kept)."""

import django.db.models.deletion
from django.db import migrations, models


def clear_missing_meetings(apps, schema_editor):
    walk_model = apps.get_model("insights", "SafetyWalk")
    meeting_model = apps.get_model("meetings", "Meeting")
    existing = meeting_model.objects.values("pk")
    (walk_model.objects.filter(safety_meeting_id__isnull=False)
     .exclude(safety_meeting_id__in=existing).update(safety_meeting_id=None))


class Migration(migrations.Migration):

    dependencies = [
        ("insights", "0004_promise_period_order_message"),
        ("meetings", "0004_restrict_sensitive_decision_measures"),
    ]

    operations = [
        migrations.RunPython(clear_missing_meetings, migrations.RunPython.noop),
        migrations.RenameField("safetywalk", "safety_meeting_id", "safety_meeting"),
        migrations.AlterField(
            model_name="safetywalk",
            name="safety_meeting",
            field=models.ForeignKey(blank=True, null=True,
                                    on_delete=django.db.models.deletion.SET_NULL,
                                    related_name="safety_walks", to="meetings.meeting",
                                    verbose_name="safety meeting"),
        ),
        migrations.AlterField(
            model_name="safetywalk",
            name="safety_meeting_note",
            field=models.CharField(blank=True, max_length=200,
                                   verbose_name="safety meeting (free text)"),
        ),
    ]
