from datetime import date

import pytest
import time_machine
from django.core.management import CommandError, call_command

from concerns import tasks
from concerns.models import Referral

from .conftest import referred

pytestmark = pytest.mark.django_db


def test_the_escalation_task_escalates_overdue_referrals(people):
    with time_machine.travel(date(2026, 4, 1)):
        _concern, referral = referred(people["coordinator"], people["receiver_a"])
    with time_machine.travel("2026-04-07 12:00 +0200"):
        assert tasks.referral_escalate_overdue() == 0  # due today (Easter Monday skipped)
    with time_machine.travel("2026-04-08 09:00 +0200"):
        assert tasks.referral_escalate_overdue() == 1
    assert Referral.objects.get(pk=referral.pk).escalated_at is not None


def test_the_gallra_task_and_command_agree(people):
    from core.tasks import gallra

    assert gallra() == 0
    with pytest.raises(CommandError):
        call_command("gallra", "--date", "2026-13-40")


def test_the_beat_schedule_runs_both_tasks(settings):
    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"concerns.tasks.referral_escalate_overdue",
            "core.tasks.gallra"} <= names
