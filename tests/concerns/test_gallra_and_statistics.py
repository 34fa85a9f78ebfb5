from datetime import date, timedelta

import pytest
import time_machine
from django.core.management import call_command

from audit.models import AccessLogEntry
from concerns import services
from concerns.models import Concern
from concerns.selectors import concern_statistics

from .conftest import new_concern, referred, triaged_concern

pytestmark = pytest.mark.django_db


def _closed(people, outcome="no_action", **data):
    coordinator = people["coordinator"]
    concern = triaged_concern(coordinator, **data)
    services.concern_no_action(actor=coordinator, concern_id=concern.pk, reason="Samråd")
    return services.concern_close(actor=coordinator, concern_id=concern.pk, outcome=outcome)


def test_gallra_removes_personal_data_and_keeps_the_counts(people, capsys):
    with time_machine.travel(date(2025, 3, 3)):
        old = _closed(people)
        stats_before = concern_statistics(start=date(2025, 1, 1), end=date(2025, 12, 31))
    young = _closed(people)
    open_one = new_concern(people["coordinator"])
    # Dry run lists, changes nothing.
    call_command("gallra", "--dry-run")
    out = capsys.readouterr().out
    assert old.reference in out and young.reference not in out
    assert Concern.objects.get(pk=old.pk).subject_name
    call_command("gallra")
    old.refresh_from_db()
    for field in services.PERSONAL_FIELDS:
        assert getattr(old, field) == "", field
    assert old.purged_at is not None
    # The anonymous part stays: environment, outcome, route; statistics unchanged.
    assert old.environment == "right" and old.outcome == "no_action"
    assert concern_statistics(start=date(2025, 1, 1), end=date(2025, 12, 31)) == stats_before
    assert Concern.objects.get(pk=young.pk).subject_name
    assert Concern.objects.get(pk=open_one.pk).subject_name
    assert AccessLogEntry.objects.filter(action="purge", object_id=old.pk).count() == 1
    # Running again does nothing more.
    assert services.concern_gallra() == []


def test_gallra_clears_the_referral_text_too(people):
    coordinator = people["coordinator"]
    with time_machine.travel(date(2022, 5, 2)):
        concern, referral = referred(coordinator, people["receiver_a"])
        services.concern_close(actor=coordinator, concern_id=concern.pk, outcome="support")
    services.concern_gallra()
    referral.refresh_from_db()
    assert referral.message == ""


def test_statistics_suppress_counts_under_five(people):
    with time_machine.travel(date(2026, 2, 2)):
        for _ in range(5):
            _closed(people, environment="right")
        for _ in range(2):
            _closed(people, environment="left")
    with time_machine.travel(date(2026, 5, 4)):
        _closed(people, environment="islamist")
    rows = concern_statistics(start=date(2026, 1, 1), end=date(2026, 12, 31))
    by_key = {(r["quarter"], r["dimension"], r["value"]): r for r in rows}
    assert by_key[("2026-Q1", "environment", "right")]["count"] == 5
    assert by_key[("2026-Q1", "environment", "left")]["count"] == "<5"
    assert by_key[("2026-Q1", "environment", "left")]["suppressed"] is True
    assert by_key[("2026-Q1", "route", "no_action")]["count"] == 7
    assert by_key[("2026-Q1", "outcome", "no_action")]["display"] == "7"
    assert by_key[("2026-Q2", "environment", "islamist")]["display"] == "<5"
    # No names or references anywhere in the rows.
    assert all(set(r) == {"quarter", "dimension", "value", "label", "count", "suppressed",
                          "display"} for r in rows)
    # The period bounds are respected, in whole quarters.
    assert concern_statistics(start=date(2026, 7, 1), end=date(2026, 12, 31)) == []
    assert concern_statistics(start=date(2026, 3, 1), end=date(2026, 4, 30)) == rows


def test_retention_follows_the_outcome(people, settings):
    settings.CONCERN_RETENTION_YEARS = {**settings.CONCERN_RETENTION_YEARS, "police": 5}
    coordinator = people["coordinator"]
    concern = triaged_concern(coordinator)
    services.concern_police_handoff(actor=coordinator, concern_id=concern.pk,
                                    handed_on=date.today() - timedelta(days=1),
                                    channel="tips")
    closed = services.concern_close(actor=coordinator, concern_id=concern.pk, outcome="police")
    assert closed.retention_date.year == closed.closed_at.year + 5
