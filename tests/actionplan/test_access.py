"""Who sees the action plan: the extremism group (coordinator, deputy) and
management read, the coordinator edits, everyone else gets 404 on every page
and export, with a `denied` row in the access log and nothing of the plan in
the answer, nor in the measure pages outside the plan's working group."""

import pytest
from django.urls import reverse

from audit.models import AccessLogEntry

from .conftest import OUTSIDERS, READERS

pytestmark = pytest.mark.django_db

SECRETS = ("HEMLIGTMÅL", "HEMLIGÅTGÄRD", "Handlingsplan mot extremism")


def _pages(plan):
    goal = plan.goals.get()
    return [
        reverse("actionplan:plan-list"),
        reverse("actionplan:plan-detail", args=[plan.pk]),
        reverse("actionplan:plan-pdf", args=[plan.pk]),
        reverse("actionplan:follow-up", args=[plan.pk, 2026]),
        reverse("actionplan:plan-edit", args=[plan.pk]),
        reverse("actionplan:goal-measure-create", args=[plan.pk, goal.pk]),
        reverse("actionplan:plan-create"),
    ]


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsider_gets_404_and_no_content_everywhere(client, people, plan, persona):
    client.force_login(people[persona])
    for url in _pages(plan):
        response = client.get(url)
        # Every page and the PDF: not found, and nothing of the plan shown.
        assert response.status_code == 404, url
        body = response.content.decode()
        assert not any(secret in body for secret in SECRETS), url
    posts = [reverse("actionplan:goal-create", args=[plan.pk]),
             reverse("actionplan:plan-adopt", args=[plan.pk])]
    for url in posts:
        assert client.post(url, {"title": "Intrång"}).status_code == 404
    assert plan.goals.count() == 1
    # Each refusal is in the access log.
    assert AccessLogEntry.objects.filter(
        user_id=people[persona].pk, action=AccessLogEntry.Action.DENIED).count() >= 7


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsider_sees_nothing_in_menu_or_measure_list(client, people, plan, persona):
    client.force_login(people[persona])
    home = client.get("/").content.decode()
    assert reverse("actionplan:plan-list") not in home
    measures = client.get(reverse("casework:measure-list"))
    body = measures.content.decode()
    # The plan's measures are restricted to the group: members only (the
    # owner "social" is one and may see their own measure).
    if persona != "social":
        assert "HEMLIGÅTGÄRD" not in body


@pytest.mark.parametrize("persona", READERS)
def test_readers_see_the_plan_and_the_reads_are_logged(client, people, plan, persona):
    client.force_login(people[persona])
    assert reverse("actionplan:plan-list") in client.get("/").content.decode()
    response = client.get(reverse("actionplan:plan-detail", args=[plan.pk]))
    assert response.status_code == 200
    assert "HEMLIGTMÅL" in response.content.decode()
    assert "HEMLIGÅTGÄRD" in response.content.decode()
    assert AccessLogEntry.objects.filter(
        user_id=people[persona].pk, action=AccessLogEntry.Action.READ,
        object_type="action-plan", object_id=plan.pk).exists()
    assert client.get(reverse("actionplan:plan-pdf", args=[plan.pk])).status_code == 200


@pytest.mark.parametrize("persona", ("deputy", "management"))
def test_readers_who_are_not_the_coordinator_cannot_edit(client, people, plan, persona):
    client.force_login(people[persona])
    assert client.get(reverse("actionplan:plan-edit", args=[plan.pk])).status_code == 404
    assert client.post(reverse("actionplan:goal-create", args=[plan.pk]),
                       {"title": "Nytt mål"}).status_code == 404
    assert client.post(reverse("actionplan:follow-up", args=[plan.pk, 2026]),
                       {"summary": "x"}).status_code == 404
    assert plan.goals.count() == 1
    page = client.get(reverse("actionplan:plan-detail", args=[plan.pk])).content.decode()
    assert reverse("actionplan:plan-edit", args=[plan.pk]) not in page


def test_anonymous_is_sent_to_sign_in(client, plan):
    response = client.get(reverse("actionplan:plan-detail", args=[plan.pk]))
    assert response.status_code == 302
