"""The outbox's data migrations, run as functions on rows built for them
(tests/conftest.py: the before state is made here, the after state read back)."""

import importlib

import pytest
from django.apps import apps

from casework import measures
from casework.models import Measure
from notifications.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def test_0004_withdraws_the_meetings_old_reminders_and_rekeys_the_daily_ones(est_people):
    migration = importlib.import_module(
        "notifications.migrations.0004_withdraw_calendar_day_measure_reminders")
    owner = est_people.housing
    measure = measures.measure_create(actor=est_people.coordinator, title="Gammal",
                                      owner_organisation=est_people.housing_org)
    Measure.objects.filter(pk=measure.pk).update(owner=owner)

    def row(key, **fields):
        return OutgoingEmail.objects.create(key=key, to_email=owner.email, **{
            "template": "measure_notice", **fields})

    meeting_due = row(f"measure:{measure.pk}:{owner.pk}:due")
    meeting_due_sent = row(f"measure:{measure.pk + 1}:{owner.pk}:due", status="sent")
    assigned = row(f"measure:{measure.pk}:{owner.pk}:assigned")
    meeting_reminder = row("meeting:1:2:reminder7", template="meeting_reminder")
    daily_sent = row(f"measure-{measure.pk}-due-2026-12-28", template="est_measure_due",
                     status="sent")
    migration.forwards(apps, None)
    for each in (meeting_due, meeting_due_sent, assigned, meeting_reminder, daily_sent):
        each.refresh_from_db()
    # the meetings' own calendar-day reminder still waiting is withdrawn
    assert meeting_due.status == "withdrawn"
    # what was sent stays sent; the owner notice and meeting reminders are not touched
    assert meeting_due_sent.status == "sent"
    assert (assigned.status, meeting_reminder.status) == ("pending", "pending")
    # the daily run's old key gets the owner, so it is not sent again under the new key
    assert (daily_sent.key, daily_sent.status) == (
        f"measure-{measure.pk}-due-2026-12-28-u{owner.pk}", "sent")
