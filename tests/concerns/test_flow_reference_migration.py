"""Before/after for concerns/migrations/0004: processes and tasks of the
concern flow stored under its old module (workflows/concern_flow) load again
after the rewrite."""

import importlib

import pytest
from django.db import connection
from viewflow.workflow.models import Process, Task

from concerns.flows import ConcernFlow

from .conftest import new_concern

pytestmark = pytest.mark.django_db

migration = importlib.import_module("concerns.migrations.0004_concern_flow_lives_in_concerns")


def test_old_flow_references_are_rewritten(people):
    concern = new_concern(people["coordinator"])
    process = Process.objects.filter(flow_class=ConcernFlow,
                                     artifact_object_id=concern.pk).get()
    tasks = Task.objects.filter(process=process).count()
    # Before: the rows name the old module, as rows written before the move do.
    with connection.schema_editor(atomic=False) as editor:
        migration.backwards(None, editor)
    with connection.cursor() as cursor:
        cursor.execute("SELECT flow_class FROM viewflow_process WHERE id = %s", [process.pk])
        assert cursor.fetchone()[0] == migration.OLD
        cursor.execute("SELECT count(*) FROM viewflow_task WHERE process_id = %s "
                       "AND flow_task LIKE %s", [process.pk, migration.OLD + ".%"])
        assert cursor.fetchone()[0] == tasks
    # After: every row names concerns/flows and loads as the concern flow.
    with connection.schema_editor(atomic=False) as editor:
        migration.forwards(None, editor)
    assert Process.objects.get(pk=process.pk).flow_class is ConcernFlow
    assert {task.flow_task.flow_class for task in Task.objects.filter(process=process)} == {
        ConcernFlow}
