"""The action plan's services: plans per period, goals, measures made by
casework.measures (owner told, reminders planned, restricted to the group),
the yearly follow-up, and the state hook."""

from datetime import date

import pytest

from actionplan import services
from actionplan.models import ActionPlan, FollowUp, GoalStatus, PlanStatus
from casework.choices import MeasureStatus
from casework.measures import measure_update
from core.errors import Conflict, Invalid
from notifications.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def test_one_plan_per_period(people, group, plan):
    # A second plan for the same period is refused in Swedish-ready words.
    with pytest.raises(Invalid) as error:
        services.plan_create(actor=people["coordinator"], title="Igen", start_year=2026,
                             end_year=2027, working_group=group)
    assert "start_year" in error.value.field_messages


def test_period_must_run_forwards(people, group):
    with pytest.raises(Invalid) as error:
        services.plan_create(actor=people["coordinator"], title="Bakåt", start_year=2028,
                             end_year=2026, working_group=group)
    assert "end_year" in error.value.field_messages


def test_group_must_handle_sensitive_matters(people):
    from meetings.models import WorkingGroup

    open_group = WorkingGroup.objects.create(name="Öppen grupp", handles_sensitive=False)
    with pytest.raises(Invalid):
        services.plan_create(actor=people["coordinator"], title="Plan", start_year=2030,
                             end_year=2030, working_group=open_group)


def test_goals_are_numbered_in_order(people, plan):
    second = services.goal_add(plan=plan, actor=people["coordinator"], title="Andra målet")
    assert second.number == 2


def test_goal_measure_is_a_casework_measure_told_and_restricted(people, plan):
    # The measure is made by casework.measures: source the goal, restricted to
    # the plan's group, the owner told through the outbox, reminders planned.
    measure = services.plan_measures(plan).get()
    goal = plan.goals.get()
    assert measure.source == goal
    assert measure.restricted_to_group_id == plan.working_group_id
    assert measure.status == MeasureStatus.DECIDED
    keys = set(OutgoingEmail.objects.filter(key__startswith=f"measure-{measure.pk}-")
               .values_list("key", flat=True))
    assert f"measure-{measure.pk}-assigned-u{people['social'].pk}" in keys
    assert len(keys) > 1  # the reminders before the due date too


def test_owner_outside_the_group_is_refused(people, plan):
    goal = plan.goals.get()
    with pytest.raises(Invalid) as error:
        services.goal_measure_add(goal=goal, actor=people["coordinator"], title="Åtgärd",
                                  owner=people["planning"], owner_organisation=None)
    assert "owner" in error.value.field_messages
    assert services.plan_measures(plan).count() == 1


def test_closing_a_measure_withdraws_reminders_and_tells_the_plan(people, plan):
    measure = services.plan_measures(plan).get()
    measure_update(measure=measure, actor=people["coordinator"], version=measure.version,
                   status=MeasureStatus.DONE)
    plan.refresh_from_db()
    # The state hook registered by the app ran inside the measure service.
    assert plan.measures_changed_at is not None
    assert not OutgoingEmail.objects.filter(
        key__startswith=f"measure-{measure.pk}-due-", status="pending").exists()


def test_adopt_needs_goals_and_a_past_date(people, group):
    empty = services.plan_create(actor=people["coordinator"], title="Tom", start_year=2031,
                                 end_year=2031, working_group=group)
    with pytest.raises(Invalid):
        services.plan_adopt(plan=empty, actor=people["coordinator"], version=empty.version,
                            adopted_on=date(2026, 1, 1))


def test_adopted_period_is_fixed_and_versions_conflict(people, plan):
    adopted = services.plan_adopt(plan=plan, actor=people["coordinator"], version=plan.version,
                                  adopted_on=date(2026, 2, 1))
    assert adopted.status == PlanStatus.ADOPTED
    with pytest.raises(Conflict):
        services.plan_update(plan=adopted, actor=people["coordinator"], version=plan.version,
                             title="Gammal version")
    with pytest.raises(Invalid):
        services.plan_update(plan=adopted, actor=people["coordinator"],
                             version=adopted.version, end_year=2029)


def test_follow_up_is_recorded_per_year_with_measure_states(people, plan):
    goal = plan.goals.get()
    follow_up = services.follow_up_record(
        plan=plan, actor=people["coordinator"], year=2026, summary="Bra år.",
        assessments={goal.pk: (GoalStatus.ON_TRACK, "Utbildning planerad.")})
    assessment = follow_up.assessments.get()
    assert assessment.measure_counts == {MeasureStatus.DECIDED: 1}
    # Recording the year again replaces it; a new year is a second row.
    services.follow_up_record(plan=plan, actor=people["coordinator"], year=2026, summary="",
                              assessments={goal.pk: (GoalStatus.MET, "Klart.")})
    assert FollowUp.objects.filter(plan=plan).count() == 1
    assert FollowUp.objects.get(plan=plan).assessments.get().status == GoalStatus.MET


def test_follow_up_needs_every_goal_and_a_year_in_the_period(people, plan):
    goal = plan.goals.get()
    with pytest.raises(Invalid) as error:
        services.follow_up_record(plan=plan, actor=people["coordinator"], year=2026,
                                  summary="", assessments={goal.pk: ("", "")})
    assert set(error.value.field_messages) == {f"status_{goal.pk}", f"assessment_{goal.pk}"}
    with pytest.raises(Invalid):
        services.follow_up_record(plan=plan, actor=people["coordinator"], year=2030,
                                  summary="", assessments={})
    assert not ActionPlan.objects.get(pk=plan.pk).follow_ups.exists()


def test_working_group_stays_once_the_plan_has_measures(people, plan):
    from meetings.models import WorkingGroup

    other = WorkingGroup.objects.create(name="Annan känslig grupp", handles_sensitive=True)
    with pytest.raises(Invalid) as error:
        services.plan_update(plan=plan, actor=people["coordinator"], version=plan.version,
                             working_group=other)
    assert "working_group" in error.value.field_messages
