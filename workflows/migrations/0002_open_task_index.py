"""An index for the inbox: open tasks in (created, id) order. viewflow's Task
has single-column indexes only; with many open tasks the inbox's ORDER BY
created, id LIMIT 51 must read the index in order and stop, not sort them all."""

from django.db import migrations

INDEX = "workflows_open_task_created"


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0001_report_process"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON viewflow_task (created, id) "
            "WHERE status IN ('NEW', 'ASSIGNED')",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
