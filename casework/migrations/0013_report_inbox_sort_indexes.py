"""The triage inbox's sorts by urgency, incident date and locality, and their
last pages, read one index range in order and stop (issue 16): partial
indexes on the reports awaiting triage (status new, a few thousand of a
million), in each sort's order, so a page costs the same whatever the number
of reports (workflows.selectors.SORTS; newest/oldest read the open-task index
of workflows 0002). AddIndex with a condition: SQLite (`make run`) builds them too."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("casework", "0012_report_source_town_meeting"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="report",
            index=models.Index(models.OrderBy(models.F("occurred_on"), descending=True),
                               models.OrderBy(models.F("id"), descending=True),
                               condition=models.Q(("status", "new")),
                               name="report_new_occurred"),
        ),
        migrations.AddIndex(
            model_name="report",
            index=models.Index(models.Case(models.When(then=models.Value(0), urgency="urgent"),
                                           models.When(then=models.Value(1), urgency="high"),
                                           default=models.Value(2)),
                               models.F("created_at"), models.F("id"),
                               condition=models.Q(("status", "new")),
                               name="report_new_urgency"),
        ),
        migrations.AddIndex(
            model_name="report",
            index=models.Index(models.F("locality"),
                               models.OrderBy(models.F("created_at"), descending=True),
                               models.OrderBy(models.F("id"), descending=True),
                               condition=models.Q(("status", "new")),
                               name="report_new_locality"),
        ),
    ]
