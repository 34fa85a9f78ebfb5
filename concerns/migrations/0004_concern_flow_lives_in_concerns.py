"""The concern flow moved from workflows/concern_flow.py to concerns/flows.py
(its process model lives here; the apps' layers forbid workflows importing
concerns). viewflow stores the flow's import reference on every process and
task row: rewrite the stored references."""

from django.db import migrations

OLD = "workflows/concern_flow.ConcernFlow"
NEW = "concerns/flows.ConcernFlow"


def _rewrite(schema_editor, old, new):
    # Raw SQL: the reference fields import the flow when a row is loaded, and
    # the old module no longer exists.
    schema_editor.execute("UPDATE viewflow_process SET flow_class = %s WHERE flow_class = %s",
                          [new, old])
    schema_editor.execute(
        "UPDATE viewflow_task SET flow_task = %s || substr(flow_task, %s) "
        "WHERE flow_task LIKE %s", [new, len(old) + 1, old + ".%"])


def forwards(apps, schema_editor):
    _rewrite(schema_editor, OLD, NEW)


def backwards(apps, schema_editor):
    _rewrite(schema_editor, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("concerns", "0003_content_of_earlier_handovers"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
