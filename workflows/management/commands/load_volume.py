"""Synthetic volume for benchmarks: `load_volume --reports N [--open-tasks M]`.

Reports go in with PostgreSQL COPY (bulk_create in batches elsewhere), in
batches of 50,000, each batch its own transaction. References come from one
reserved block of the counter (prefix "L"), so they never collide with real
ones. --open-tasks gives M of the new reports an open triage task (process,
ReportProcess and task rows written in bulk, the same shape the flow writes),
so the inbox can be measured against a large queue."""

import io
import random
import time
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from casework.models import Category, Locality, Report
from core.models import ReferenceCounter

BATCH = 50_000
COLUMNS = ["reference", "category_id", "locality_id", "place", "occurred_on", "part_of_day",
           "description", "urgency", "status", "set_aside_reason", "reporter_id",
           "organisation_id", "created_at"]
TEXTS = ["Klotter på vägg.", "Krossad ruta.", "Nedskräpning vid återvinningen.",
         "Ungdomar samlas sent.", "Lustgaspatroner på marken.", "Trasig belysning."]


def _escape(value) -> str:
    if value is None:
        return r"\N"
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


class Command(BaseCommand):
    help = "Create N synthetic reports fast (benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--reports", type=int, required=True)
        parser.add_argument("--open-tasks", type=int, default=0,
                            help="Give this many of the new reports an open triage task.")
        parser.add_argument("--seed", type=int, default=1452)

    def handle(self, *args, reports: int, open_tasks: int, seed: int, **options):
        if reports < 1:
            raise CommandError("--reports must be at least 1")
        open_tasks = max(0, min(open_tasks, reports))
        categories = list(Category.objects.values_list("id", flat=True))
        localities = list(Locality.objects.values_list("id", flat=True))
        reporters = list(User.objects.filter(is_active=True).values_list(
            "id", "organisation_id")[:50]) or [(None, None)]
        if not categories or not localities:
            raise CommandError("No categories or localities: run migrate first.")
        year = timezone.localdate().year
        with transaction.atomic():
            ReferenceCounter.objects.get_or_create(prefix="L", year=year)
            counter = ReferenceCounter.objects.select_for_update().get(prefix="L", year=year)
            first_number = counter.last + 1
            counter.last += reports
            counter.save(update_fields=["last"])
        rng = random.Random(seed)
        now = timezone.now()
        today = timezone.localdate()
        started = time.monotonic()
        new_ids: list[int] = []
        for batch_start in range(0, reports, BATCH):
            size = min(BATCH, reports - batch_start)
            # The first `open_tasks` reports stay NEW (they get tasks); the rest
            # are spread over triaged states.
            rows = []
            for i in range(batch_start, batch_start + size):
                reporter_id, organisation_id = reporters[i % len(reporters)]
                days = rng.randint(0, 729)
                status = "new" if i < open_tasks else rng.choice(
                    ["in_case", "in_case", "set_aside"])
                rows.append((
                    f"L-{year}-{first_number + i:08d}", rng.choice(categories),
                    rng.choice(localities), "", (today - timedelta(days=days)).isoformat(),
                    "unknown", rng.choice(TEXTS), rng.choice(["normal", "normal", "high",
                                                              "urgent"]),
                    status, "Syntetisk." if status == "set_aside" else "",
                    reporter_id, organisation_id,
                    (now - timedelta(days=days, minutes=rng.randint(0, 1440))).isoformat(),
                ))
            with transaction.atomic():
                self._insert(rows)
            self.stdout.write(f"load_volume: {batch_start + size}/{reports} reports "
                              f"({time.monotonic() - started:.0f} s)")
        if open_tasks:
            new_ids = list(Report.objects.filter(
                reference__gte=f"L-{year}-{first_number:08d}",
                reference__lt=f"L-{year}-{first_number + open_tasks:08d}",
            ).order_by("id").values_list("id", flat=True))
            self._open_tasks(new_ids)
        self.stdout.write(f"load_volume: done in {time.monotonic() - started:.0f} s")

    def _insert(self, rows):
        table = Report._meta.db_table
        if connection.vendor == "postgresql":
            buffer = io.StringIO()
            for row in rows:
                buffer.write("\t".join(_escape(v) for v in row) + "\n")
            with connection.cursor() as cursor:
                with cursor.connection.cursor().copy(
                        f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                    copy.write(buffer.getvalue())
            return
        Report.objects.bulk_create(
            [Report(**dict(zip(COLUMNS, row, strict=True))) for row in rows],
            batch_size=5000)

    def _open_tasks(self, report_ids):
        """One triage process and two tasks per report (start DONE, triage
        NEW), as TriageFlow.start.run would write them."""
        from viewflow.workflow.models import Process, Task
        from viewflow.workflow.token import Token

        from workflows.flows import TriageFlow
        from workflows.models import ReportProcess

        report_type = ContentType.objects.get_for_model(Report)
        for batch_start in range(0, len(report_ids), 5000):
            ids = report_ids[batch_start:batch_start + 5000]
            submitted = dict(Report.objects.filter(pk__in=ids).values_list("pk", "created_at"))
            with transaction.atomic():
                processes = Process.objects.bulk_create([
                    Process(flow_class=TriageFlow, status="NEW", created=submitted[rid],
                            artifact_content_type=report_type, artifact_object_id=rid)
                    for rid in ids])
                with connection.cursor() as cursor:
                    # The table name comes from model meta, never from input.
                    sql = f"INSERT INTO {ReportProcess._meta.db_table} (process_ptr_id, report_id) VALUES (%s, %s)"  # noqa: E501, S608
                    cursor.executemany(
                        sql,
                        [(p.pk, rid) for p, rid in zip(processes, ids, strict=True)])
                starts = Task.objects.bulk_create([
                    Task(flow_task=TriageFlow.start, flow_task_type="START", status="DONE",
                         created=p.created, started=p.created, finished=p.created,
                         process_id=p.pk, token=Token("start")) for p in processes])
                triages = Task.objects.bulk_create([
                    Task(flow_task=TriageFlow.triage, flow_task_type="HUMAN", status="NEW",
                         created=p.created, process_id=p.pk, token=Token("start"),
                         owner_permission="workflows.triage_report",
                         seed_content_type=report_type, seed_object_id=rid)
                    for p, rid in zip(processes, ids, strict=True)])
                through = Task.previous.through
                through.objects.bulk_create([
                    through(from_task_id=t.pk, to_task_id=s.pk)
                    for t, s in zip(triages, starts, strict=True)])
            self.stdout.write(f"load_volume: {batch_start + len(ids)} open tasks")
