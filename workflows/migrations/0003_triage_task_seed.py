"""Every triage task carries its report as its seed (TriageFlow.start's
task_seed from now on; the existing ones here), and PostgreSQL gets an index
of the open triage tasks by report: the inbox reads a task's report, and a
report's open task, in one index probe instead of two through the report
process."""

from django.db import migrations

TRIAGE = "workflows/flows.TriageFlow.triage"
INDEX = "workflows_open_triage_by_report"


def seed_existing(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    report_type, _ = content_type.objects.get_or_create(app_label="casework", model="report")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "UPDATE viewflow_task SET seed_content_type_id = %s, seed_object_id = ("
            " SELECT rp.report_id FROM workflows_reportprocess rp"
            " WHERE rp.process_ptr_id = viewflow_task.process_id) "
            "WHERE flow_task = %s AND seed_object_id IS NULL",
            [report_type.pk, TRIAGE])
        if schema_editor.connection.vendor == "postgresql":
            # the UPDATE's deferred foreign-key checks now: PostgreSQL makes no
            # index on a table with trigger events pending
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {INDEX} ON viewflow_task (seed_object_id) "
                f"WHERE status IN ('NEW', 'ASSIGNED') AND flow_task = '{TRIAGE}'")


def unseed(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0002_open_task_index"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [migrations.RunPython(seed_existing, unseed)]
