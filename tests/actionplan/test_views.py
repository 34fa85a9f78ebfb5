"""The coordinator's pages: create, goals, measures, adoption, follow-up;
bad input answers 400 in Swedish and keeps what was typed; the pages' query
counts do not grow with the plan."""

from datetime import date

import pytest
from django.urls import reverse

from actionplan import services
from actionplan.models import ActionPlan, FollowUp, GoalStatus
from audit.models import AccessLogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client, people):
    client.force_login(people["coordinator"])
    return client


def test_coordinator_creates_a_plan(coordinator_client, group):
    response = coordinator_client.post(reverse("actionplan:plan-create"), {
        "title": "Handlingsplan 2027", "start_year": 2027, "end_year": 2027,
        "working_group": group.pk, "introduction": "Bakgrund"})
    plan = ActionPlan.objects.get(title="Handlingsplan 2027")
    assert response.status_code == 302
    assert response["Location"] == reverse("actionplan:plan-detail", args=[plan.pk])
    assert AccessLogEntry.objects.filter(action=AccessLogEntry.Action.CREATE,
                                         object_type="action-plan").exists()


def test_bad_period_answers_400_in_swedish_keeping_input(coordinator_client, group):
    response = coordinator_client.post(reverse("actionplan:plan-create"), {
        "title": "Min bakvända plan", "start_year": 2028, "end_year": 2026,
        "working_group": group.pk})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Sista året får inte ligga före det första." in body
    assert "Min bakvända plan" in body
    assert not ActionPlan.objects.exists()


def test_duplicate_period_answers_400(coordinator_client, group, plan):
    response = coordinator_client.post(reverse("actionplan:plan-create"), {
        "title": "Dubblett", "start_year": 2026, "end_year": 2027, "working_group": group.pk})
    assert response.status_code == 400
    assert "Det finns redan en handlingsplan för den här perioden." in response.content.decode()


def test_goal_and_measure_through_the_pages(coordinator_client, people, plan):
    response = coordinator_client.post(reverse("actionplan:goal-create", args=[plan.pk]),
                                       {"title": "Stöd till anhöriga"})
    assert response.status_code == 302
    goal = plan.goals.get(number=2)
    url = reverse("actionplan:goal-measure-create", args=[plan.pk, goal.pk])
    # The owner list offers the group's members and the coordinator only.
    form_page = coordinator_client.get(url).content.decode()
    assert people["social"].get_full_name() in form_page
    assert people["planning"].get_full_name() not in form_page
    response = coordinator_client.post(url, {
        "title": "Informationsblad", "owner": people["social"].pk,
        "due_date": "2027-05-12"})
    assert response.status_code == 302
    assert services.plan_measures(plan).filter(source_id=goal.pk).count() == 1


def test_empty_goal_answers_400_on_the_plan_page(coordinator_client, plan):
    response = coordinator_client.post(reverse("actionplan:goal-create", args=[plan.pk]),
                                       {"title": ""})
    assert response.status_code == 400
    assert "Det här fältet är obligatoriskt." in response.content.decode()


def test_measure_owner_outside_group_answers_400_keeping_input(coordinator_client, people,
                                                              plan, ifo):
    goal = plan.goals.get()
    url = reverse("actionplan:goal-measure-create", args=[plan.pk, goal.pk])
    response = coordinator_client.post(url, {"title": "Min åtgärdstext", "due_date": "2027-05-12"})
    body = response.content.decode()
    # No owner and no organisation: a Swedish message, the title kept.
    assert response.status_code == 400
    assert "Välj vilken organisation som ansvarar för åtgärden." in body
    assert "Min åtgärdstext" in body


def test_adopt_with_future_date_answers_400(coordinator_client, plan):
    response = coordinator_client.post(reverse("actionplan:plan-adopt", args=[plan.pk]), {
        "adopted_on": "2099-01-01", "version": plan.version})
    assert response.status_code == 400
    assert "Antagandedatumet kan inte ligga i framtiden." in response.content.decode()
    response = coordinator_client.post(reverse("actionplan:plan-adopt", args=[plan.pk]), {
        "adopted_on": "2026-02-01", "version": plan.version})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.adopted_on == date(2026, 2, 1)


def test_stale_edit_answers_409(coordinator_client, plan, group):
    url = reverse("actionplan:plan-edit", args=[plan.pk])
    data = {"title": "Ny titel", "start_year": 2026, "end_year": 2027,
            "working_group": group.pk, "version": plan.version - 1 or 99}
    assert coordinator_client.post(url, data).status_code == 409


def test_follow_up_through_the_page(coordinator_client, plan):
    goal = plan.goals.get()
    url = reverse("actionplan:follow-up", args=[plan.pk, 2026])
    response = coordinator_client.post(url, {"summary": "Året i korthet",
                                             f"status_{goal.pk}": "",
                                             f"assessment_{goal.pk}": "Min bedömning"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Min bedömning" in body
    response = coordinator_client.post(url, {"summary": "Året i korthet",
                                             f"status_{goal.pk}": GoalStatus.ON_TRACK,
                                             f"assessment_{goal.pk}": "Min bedömning"})
    assert response.status_code == 302
    assert FollowUp.objects.get(plan=plan, year=2026).summary == "Året i korthet"
    # A year outside the plan's period has no follow-up page.
    assert coordinator_client.get(
        reverse("actionplan:follow-up", args=[plan.pk, 2030])).status_code == 404


def _grow(plan, people, goals: int):
    for n in range(goals):
        goal = services.goal_add(plan=plan, actor=people["coordinator"], title=f"Mål {n}")
        for m in range(2):
            services.goal_measure_add(goal=goal, actor=people["coordinator"],
                                      title=f"Åtgärd {n}.{m}", owner=people["social"],
                                      owner_organisation=None, due_date=date(2027, 6, 1))
    services.follow_up_record(
        plan=plan, actor=people["coordinator"], year=2026, summary="",
        assessments={g.pk: (GoalStatus.ON_TRACK, "Ok") for g in plan.goals.all()})


@pytest.mark.parametrize("goals", [1, 6])
def test_plan_page_queries_do_not_grow(client, people, plan, goals,
                                       django_assert_max_num_queries):
    _grow(plan, people, goals)
    client.force_login(people["management"])
    with django_assert_max_num_queries(14):
        response = client.get(reverse("actionplan:plan-detail", args=[plan.pk]))
    assert response.status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("actionplan:plan-list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("actionplan:follow-up", args=[plan.pk, 2026])).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("actionplan:plan-pdf", args=[plan.pk])).status_code == 200
