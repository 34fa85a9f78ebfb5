from datetime import date

import pytest
import time_machine
from viewflow.workflow.models import Task

from concerns import services
from concerns.choices import ConcernStatus, ReferralStatus
from concerns.models import Concern
from core.errors import Invalid, NotAllowed
from notifications.models import OutgoingEmail

from .conftest import new_concern, referred, triaged_concern

pytestmark = pytest.mark.django_db


def _open_nodes(concern):
    return sorted(str(t.flow_task) for t in Task.objects.filter(
        process__artifact_object_id=concern.pk, status="NEW"))


def test_it_numbers_concerns_o_year_four_digits(people):
    with time_machine.travel(date(2026, 3, 2)):
        first = new_concern(people["coordinator"])
        second = new_concern(people["coordinator"])
    # References are O-<year>-<4 digits>, one after another.
    assert first.reference == "O-2026-0001"
    assert second.reference == "O-2026-0002"


def test_the_flow_follows_intake_triage_routing_close_and_reopen(people):
    coordinator = people["coordinator"]
    concern = new_concern(coordinator)
    assert _open_nodes(concern) == ["Triage"]
    services.concern_triage(actor=coordinator, concern_id=concern.pk, data={})
    assert _open_nodes(concern) == ["Routing"]
    services.concern_no_action(actor=coordinator, concern_id=concern.pk, reason="Samråd")
    services.concern_close(actor=coordinator, concern_id=concern.pk, outcome="consultation")
    # Closed: no open task, a retention date from the outcome (1 year).
    assert _open_nodes(concern) == []
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.CLOSED
    assert concern.retention_date.year == concern.closed_at.year + 1
    services.concern_reopen(actor=coordinator, concern_id=concern.pk)
    concern.refresh_from_db()
    # Reopened: a new process waits at triage.
    assert concern.status == ConcernStatus.NEW and concern.outcome == ""
    assert _open_nodes(concern) == ["Triage"]


def test_closing_without_a_route_is_refused_and_nothing_changes(people):
    concern = triaged_concern(people["coordinator"])
    with pytest.raises(Invalid) as error:
        services.concern_close(actor=people["coordinator"], concern_id=concern.pk,
                               outcome="no_action")
    assert str(error.value) == "Välj en väg (remiss, polis eller ingen åtgärd) innan du avslutar."
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.TRIAGED


def test_a_closed_concern_cannot_be_edited(people):
    coordinator = people["coordinator"]
    concern = triaged_concern(coordinator)
    services.concern_no_action(actor=coordinator, concern_id=concern.pk, reason="x")
    services.concern_close(actor=coordinator, concern_id=concern.pk, outcome="no_action")
    with pytest.raises(Invalid):
        services.concern_triage(actor=coordinator, concern_id=concern.pk,
                                data={"urgency": "high"})


def test_outsiders_cannot_change_a_concern(people):
    concern = new_concern(people["coordinator"])
    with pytest.raises(NotAllowed):
        services.concern_triage(actor=people["police"], concern_id=concern.pk, data={})


def test_a_child_concern_needs_the_orosanmalan_recorded(people):
    concern = triaged_concern(people["coordinator"], age_group="13_17", child_concerned=True)
    with pytest.raises(Invalid):
        services.referral_send(actor=people["coordinator"], concern_id=concern.pk,
                               kind="support", receiver_user=people["receiver_b"])
    referral = services.referral_send(actor=people["coordinator"], concern_id=concern.pk,
                                      kind="support", receiver_user=people["receiver_b"],
                                      child_report_made=True)
    assert referral.child_report_made and referral.child_report_made_on


@pytest.mark.parametrize(("sent", "due"), [
    (date(2026, 12, 23), date(2026, 12, 29)),  # julafton, juldagen, annandag, weekend
    (date(2026, 4, 1), date(2026, 4, 7)),      # långfredag 3/4, annandag påsk 6/4
    (date(2026, 6, 18), date(2026, 6, 23)),    # midsommarafton 19/6, weekend
    (date(2026, 12, 30), date(2027, 1, 5)),    # nyårsafton, nyårsdagen, weekend
    (date(2026, 11, 30), date(2026, 12, 2)),   # an ordinary week
])
def test_the_acknowledgement_deadline_counts_swedish_working_days(people, sent, due):
    with time_machine.travel(sent):
        _concern, referral = referred(people["coordinator"], people["receiver_a"])
    assert referral.due_on == due
    # The reminder goes out at 08:00 on the last day, Stockholm time.
    reminder = OutgoingEmail.objects.get(key__contains=f"{referral.pk}-reminder")
    assert reminder.due_at.date() == due


def test_acknowledging_twice_is_refused(people):
    _concern, referral = referred(people["coordinator"], people["receiver_a"])
    services.referral_answer(actor=people["receiver_a"], referral_id=referral.pk, accept=True)
    with pytest.raises(Invalid):
        services.referral_answer(actor=people["receiver_a"], referral_id=referral.pk,
                                 accept=False, reason="nej")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    # The reminder is withdrawn once acknowledged.
    assert OutgoingEmail.objects.get(key__contains=f"{referral.pk}-reminder").status == \
        OutgoingEmail.Status.WITHDRAWN


def test_a_receiver_cannot_answer_a_referral_to_someone_else(people):
    _concern, referral = referred(people["coordinator"], people["receiver_a"])
    with pytest.raises(NotAllowed):
        services.referral_answer(actor=people["receiver_b"], referral_id=referral.pk,
                                 accept=True)


def test_overdue_referrals_are_escalated_once(people):
    with time_machine.travel(date(2026, 12, 23)):
        _concern, referral = referred(people["coordinator"], people["receiver_a"])
    assert services.referral_escalate_overdue(today=date(2026, 12, 29)) == 0
    assert services.referral_escalate_overdue(today=date(2026, 12, 30)) == 1
    assert services.referral_escalate_overdue(today=date(2026, 12, 31)) == 0
    escalation = OutgoingEmail.objects.get(key__contains=f"{referral.pk}-escalation")
    assert escalation.to_email == people["coordinator"].email


def test_the_staff_form_creates_without_handler_rights(people):
    concern = services.concern_create(actor=people["reporter"], data={}, source="staff_form")
    assert Concern.objects.filter(pk=concern.pk).exists()
