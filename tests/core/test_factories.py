"""The factories' traits reach the states they name, through the services
(tests/factories/__init__.py lists them)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from casework.choices import MeasureStatus, ReportStatus
from concerns.choices import ConcernStatus, ReferralStatus
from meetings.models import Decision
from notifications.models import OutgoingEmail
from tests.factories import (
    ConcernFactory,
    MeasureFactory,
    MeetingFactory,
    ReportFactory,
    WorkingGroupFactory,
)
from workflows.selectors import triage_task_for_report_id

pytestmark = pytest.mark.django_db


def test_a_report_waits_in_the_inbox_until_triaged():
    report = ReportFactory()
    # submitted: new, with its open triage task
    assert report.status == ReportStatus.NEW and report.case_id is None
    assert triage_task_for_report_id(report.pk) is not None
    # triaged: part of a new case; set aside: no case
    triaged = ReportFactory(triaged=True)
    assert triaged.status == ReportStatus.IN_CASE and triaged.case_id is not None
    aside = ReportFactory(set_aside=True)
    assert aside.status == ReportStatus.SET_ASIDE and aside.case_id is None


def test_a_measure_is_done_and_born_at_a_meeting_on_request():
    measure = MeasureFactory()
    # decided, its owner told and reminders planned in the outbox
    assert measure.status == MeasureStatus.DECIDED and measure.source_id is None
    assert OutgoingEmail.objects.filter(key__startswith=f"measure-{measure.pk}-",
                                        status="pending").exists()
    done = MeasureFactory(done=True, from_meeting=True)
    assert done.status == MeasureStatus.DONE and done.completed_at is not None
    decision = Decision.objects.get(measure=done)
    assert done.source_id == decision.pk
    assert decision.meeting.date == timezone.localdate() - timedelta(days=7)
    # done: no reminder left waiting
    assert not OutgoingEmail.objects.filter(key__startswith=f"measure-{done.pk}-",
                                            status="pending").exists()


def test_a_concern_is_triaged_referred_or_closed_on_request():
    assert ConcernFactory().status == ConcernStatus.NEW
    assert ConcernFactory(triaged=True).status == ConcernStatus.TRIAGED
    referred = ConcernFactory(referred=True)
    assert referred.status == ConcernStatus.TRIAGED
    assert referred.referral.status == ReferralStatus.SENT
    assert referred.referral.receiver_unit.name == "IFO"
    closed = ConcernFactory(closed=True)
    assert closed.status == ConcernStatus.CLOSED and closed.outcome == "no_action"


def test_a_meeting_is_planned_or_past_in_its_group():
    group = WorkingGroupFactory(sensitive=True)
    assert group.handles_sensitive and group.memberships.filter(user=group.chair).exists()
    planned = MeetingFactory(group=group)
    past = MeetingFactory(past=True)
    assert planned.group == group and planned.date > timezone.localdate()
    assert past.date == timezone.localdate() - timedelta(days=7)
    assert not past.group.handles_sensitive
