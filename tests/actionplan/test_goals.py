"""Editing and removing a goal (the coordinator only, logged), and a measure
refused by casework.measures shown on the measure form, not an error page."""

from contextlib import contextmanager

import pytest
from django.db.models.signals import post_save
from django.urls import reverse

from actionplan import services
from actionplan.models import FollowUp, GoalStatus
from audit.models import AccessLogEntry
from casework.models import Measure
from core.errors import Invalid
from meetings.models import Membership

pytestmark = pytest.mark.django_db
Action = AccessLogEntry.Action


@pytest.fixture
def coordinator_client(client, people):
    client.force_login(people["coordinator"])
    return client


def _urls(plan, goal):
    return (reverse("actionplan:goal-edit", args=[plan.pk, goal.pk]),
            reverse("actionplan:goal-remove", args=[plan.pk, goal.pk]))


def test_coordinator_edits_a_goal_logged(coordinator_client, plan):
    goal = plan.goals.get()
    edit, _remove = _urls(plan, goal)
    page = coordinator_client.get(edit).content.decode()
    assert "Ändra mål 1" in page and "Kunskapen ökar HEMLIGTMÅL" in page
    response = coordinator_client.post(edit, {"title": "Kunskapen ökar bland personalen",
                                              "description": "Alla förvaltningar"})
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.number, goal.title) == (1, "Kunskapen ökar bland personalen")
    assert goal.description == "Alla förvaltningar"
    assert AccessLogEntry.objects.filter(action=Action.CHANGE, object_type="action-plan",
                                         object_id=plan.pk).exists()


def test_empty_goal_text_answers_400_keeping_the_description(coordinator_client, plan):
    goal = plan.goals.get()
    response = coordinator_client.post(_urls(plan, goal)[0], {
        "title": "  ", "description": "Min beskrivning"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Det här fältet är obligatoriskt." in body and "Min beskrivning" in body
    goal.refresh_from_db()
    assert goal.title == "Kunskapen ökar HEMLIGTMÅL"


def test_goal_without_measures_is_removed_after_confirming(coordinator_client, people, plan):
    coordinator = people["coordinator"]
    second = services.goal_add(plan=plan, actor=coordinator, title="Tomt mål")
    third = services.goal_add(plan=plan, actor=coordinator, title="Tredje målet")
    _edit, remove = _urls(plan, second)
    page = coordinator_client.get(remove)
    assert page.status_code == 200
    assert "Ta bort mål 2" in page.content.decode()
    assert plan.goals.count() == 3  # GET only asks
    response = coordinator_client.post(remove)
    assert response.status_code == 302
    assert list(plan.goals.values_list("number", "title")) == [
        (1, "Kunskapen ökar HEMLIGTMÅL"), (2, "Tredje målet")]
    third.refresh_from_db()
    assert third.number == 2
    assert AccessLogEntry.objects.filter(action=Action.CHANGE, object_id=plan.pk).exists()


def test_goal_with_measures_stays_in_swedish(coordinator_client, plan):
    goal = plan.goals.get()
    _edit, remove = _urls(plan, goal)
    message = "Målet har åtgärder och kan inte tas bort."
    page = coordinator_client.get(remove).content.decode()
    assert message in page and "Ta bort målet" not in page
    response = coordinator_client.post(remove)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert plan.goals.count() == 1


def test_goal_assessed_in_a_follow_up_stays(people, plan):
    goal = plan.goals.get()
    Measure.objects.filter(pk__in=services.plan_measures(plan)).delete()
    services.follow_up_record(plan=plan, actor=people["coordinator"], year=2026, summary="",
                              assessments={goal.pk: (GoalStatus.ON_TRACK, "Går bra")})
    with pytest.raises(Invalid) as error:
        services.goal_remove(goal=goal, actor=people["coordinator"])
    assert error.value.code == "goal_in_use"
    assert FollowUp.objects.filter(plan=plan).exists() and plan.goals.exists()


@pytest.mark.parametrize("persona", ["deputy", "management", "social", "superuser"])
def test_only_the_coordinator_edits_or_removes_goals(client, people, plan, persona):
    goal = plan.goals.get()
    client.force_login(people[persona])
    for url in _urls(plan, goal):
        assert client.get(url).status_code == 404
        assert client.post(url, {"title": "Kapat"}).status_code == 404
    goal.refresh_from_db()
    assert goal.title == "Kunskapen ökar HEMLIGTMÅL"
    denied = AccessLogEntry.objects.filter(user_id=people[persona].pk, action=Action.DENIED)
    assert denied.count() == 4


@contextmanager
def _owner_leaves_the_group(user):
    """The owner leaves the plan's group while the coordinator fills in the
    form: the form offered them, casework.measures then refuses the owner."""
    def leave(sender, instance, created, **kwargs):
        if created:
            Membership.objects.filter(user=user).delete()

    post_save.connect(leave, sender=Measure)
    try:
        yield
    finally:
        post_save.disconnect(leave, sender=Measure)


def test_measure_refused_by_casework_is_shown_on_the_form(coordinator_client, people, plan):
    goal = plan.goals.get()
    url = reverse("actionplan:goal-measure-create", args=[plan.pk, goal.pk])
    with _owner_leaves_the_group(people["social"]):
        response = coordinator_client.post(url, {
            "title": "Min åtgärdstext", "owner": people["social"].pk, "due_date": "2027-05-12"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "den ansvariga personen måste vara medlem i den gruppen." in body
    assert 'id="id_owner_error"' in body  # next to the owner field
    assert "Min åtgärdstext" in body
    assert services.plan_measures(plan).count() == 1
    assert Membership.objects.filter(user=people["social"]).exists()  # rolled back
