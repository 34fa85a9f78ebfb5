"""The bench database: created, migrated and loaded once (load_volume, outbox
history, the bench users and referral), reused by later runs through a marker
row; vacuumed as autovacuum would."""

from __future__ import annotations

import json
import os
import time
from urllib.parse import urlparse

from bench import log

OUTBOX_HISTORY = 100_000  # sent e-mails already in the outbox (years of reminders)

# persona → role names of the bench users the scenarios log in as
PERSONAS = {"coordinator": ["Trygghetssamordnare"], "reporter": ["Rapportör"],
            "social": ["Socialtjänst"]}


def ensure_database(url: str, reload: bool) -> None:
    import psycopg

    name = urlparse(url).path.lstrip("/")
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and reload:
            log(f"dropping {name}")
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            log(f"creating {name}")
            conn.execute(f'CREATE DATABASE "{name}"')


def prepare() -> dict:
    from django.contrib.auth.models import Group
    from django.core.management import call_command, get_commands
    from django.db import connection

    from accounts.models import Organisation, User
    from bench.sql import SCRATCH_TABLES

    log("migrating")
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        for statement in SCRATCH_TABLES:
            cursor.execute(statement)
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_marker "
                       "(name text PRIMARY KEY, value jsonb NOT NULL, at timestamptz "
                       "NOT NULL DEFAULT now())")
        cursor.execute("TRUNCATE bench_insert, bench_audit")
    organisation, _ = Organisation.objects.get_or_create(name="Bench")
    for persona, roles in PERSONAS.items():
        user, created = User.objects.get_or_create(
            username=f"bench-{persona}", defaults={"first_name": "Bench", "last_name": persona,
                                                   "organisation": organisation},
        )
        if created:
            user.set_unusable_password()
            user.email = f"bench-{persona}@example.org"
            user.save()
        user.groups.set(Group.objects.filter(name__in=roles))
    prepare_referral()
    from bench.effect_measures import prepare_effect_measures

    prepare_effect_measures()

    has_command = "load_volume" in get_commands()
    wanted = {"load_volume": has_command,
              "reports": int(os.environ.get("BENCH_REPORTS", 1_000_000)) if has_command else 0,
              "open_tasks": int(os.environ.get("BENCH_OPEN_TASKS", 10_000)) if has_command else 0,
              "access_log": int(os.environ.get("BENCH_ACCESS_LOG", 100_000)) if has_command else 0,
              "outbox_history": OUTBOX_HISTORY}
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM bench_marker WHERE name = 'volume'")
        row = cursor.fetchone()
    marker = json.loads(row[0]) if row and isinstance(row[0], str) else (row[0] if row else None)
    if marker and (marker.get("load_volume") or not wanted["load_volume"]):
        if marker != wanted:
            log(f"reusing volume {marker} (asked for {wanted}; --reload to rebuild)")
        else:
            log(f"reusing volume {marker}")
        nightly_upkeep()
        return marker
    if not marker:
        load_outbox_history(OUTBOX_HISTORY)
    if wanted["load_volume"]:
        run_load_volume(wanted)
    else:
        log("no load_volume command on this branch: loading only the outbox history")
    nightly_upkeep()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("INSERT INTO bench_marker (name, value) VALUES ('volume', %s) "
                       "ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, at = now()",
                       [json.dumps(wanted)])
    return wanted


def nightly_upkeep() -> None:
    """The state production is in at the start of a day: the weekly
    roll-up's slots folded into one row per cell, as the nightly
    `insights.tasks.rollup_fold_slots` does (load_volume spreads a year of
    reports over all four slots of every cell, and each run's submits add
    to them; unfolded, the 10× database's roll-up held four rows per cell
    where the small one held two), then the tables vacuumed as autovacuum
    would."""
    from django.apps import apps

    if apps.is_installed("insights"):
        from django.db import connection

        from insights.models import ReportWeekCount
        from insights.rollup import fold_slots

        log(f"folded the roll-up's slots into {fold_slots()} cells")
        # the fold's deleted rows, vacuumed now (the statistics autovacuum
        # would act on lag behind the statement)
        with connection.cursor() as cursor:
            cursor.execute(f'VACUUM (ANALYZE) "{ReportWeekCount._meta.db_table}"')
    vacuum_like_autovacuum()


def vacuum_like_autovacuum() -> None:
    """VACUUM (ANALYZE) the tables autovacuum would vacuum now (dead rows over
    its default threshold, 50 + 20 % of the live rows). The PostgreSQL here may
    run with autovacuum off (test speed); without this, load_volume's million
    trigger UPDATEs of the weekly roll-up, and each run's own writes, leave
    tables bloated in a way a production database never stays."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT schemaname, relname FROM pg_stat_user_tables "
                       "WHERE n_dead_tup > 50 + 0.2 * n_live_tup")
        tables = cursor.fetchall()
        for schema, table in tables:
            cursor.execute(f'VACUUM (ANALYZE) "{schema}"."{table}"')
    if tables:
        log("vacuumed " + ", ".join(table for _schema, table in tables))


def prepare_referral() -> None:
    """A concern with a referral addressed to bench-social, made through the
    concerns services (access log, outbox and flow included), once."""
    from django.apps import apps

    if not apps.is_installed("concerns"):
        return
    from accounts.models import User
    from concerns import services
    from concerns.choices import ReferralKind, Source
    from concerns.models import Referral

    receiver = User.objects.get(username="bench-social")
    if not receiver.email:
        receiver.email = "bench-social@example.org"
        receiver.save(update_fields=["email"])
    if Referral.objects.filter(receiver_user=receiver).exists():
        return
    coordinator = User.objects.get(username="bench-coordinator")
    log("creating the bench concern and its referral")
    concern = services.concern_create(actor=coordinator, source=Source.PHONE, data={
        "raised_by_role": "Lärare", "raised_by_organisation": "Skola",
        "raised_by_contact": "bench", "indicators": "Bench: påhittad oro."})
    services.concern_triage(actor=coordinator, concern_id=concern.pk,
                            data={"risk_assessment": "Bench."})
    services.referral_send(actor=coordinator, concern_id=concern.pk, kind=ReferralKind.SUPPORT,
                           receiver_user=receiver, message="Bench: stödsamtal.")


def run_load_volume(wanted: dict) -> None:
    from django.core.management import call_command, load_command_class
    from django.core.management import get_commands as commands

    command = load_command_class(commands()["load_volume"], "load_volume")
    accepted = {action.dest for action in command.create_parser("manage.py", "load_volume")
                ._actions}
    options = {k: wanted[k] for k in ("reports", "open_tasks", "access_log") if k in accepted}
    log(f"load_volume {options} (once; reused on later runs)")
    started = time.monotonic()
    call_command("load_volume", **options)
    log(f"load_volume took {time.monotonic() - started:.0f} s")


def load_outbox_history(count: int) -> None:
    from django.db import connection

    log(f"loading {count} sent e-mails into the outbox")
    with connection.cursor() as cursor:
        cursor.execute("""
            INSERT INTO notifications_outgoingemail (key, to_email, template, context,
                calendar, attachments, status, due_at, attempts, last_error, sent_at,
                created_at)
            SELECT 'history:' || n, 'm' || n || '@example.org', 'test_notice', '{}'::jsonb,
                '', '[]'::jsonb, 'sent', now() - n * interval '5 minutes', 1, '',
                now() - n * interval '5 minutes', now() - n * interval '5 minutes'
            FROM generate_series(1, %s) AS n
            ON CONFLICT (key) DO NOTHING""", [count])


def touch_heartbeat() -> None:
    """/health/ wants a recent worker heartbeat; beat is not part of the bench."""
    from django.utils import timezone

    from core.models import WorkerHeartbeat

    WorkerHeartbeat.objects.update_or_create(hostname="bench",
                                             defaults={"seen_at": timezone.now()})
