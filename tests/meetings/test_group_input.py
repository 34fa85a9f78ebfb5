"""A working group's input (TSK-Unga, Plan/Trafik/Samhälle) reaches the
coordinator's inbox as a report with the group as its source."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from casework.models import Category, Locality, Report
from meetings import services
from meetings.models import WorkingGroup
from tests.factories.casework import triage_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def youth_group(member):
    # seeded by the migrations and marked as a group that sends input
    group = WorkingGroup.objects.get(name="TSK-Unga")
    assert group.takes_input
    services.membership_add(group=group, user=member)
    return group


def _url(group):
    return reverse("meetings:group-input", args=[group.pk])


def _data(**changes):
    data = {"category": Category.objects.get(slug="klotter").pk,
            "locality": Locality.objects.get(name="Grimsås").pk, "place": "Skolgården",
            "occurred_on": timezone.localdate().isoformat(), "occurred_time": "",
            "part_of_day": "evening", "urgency": "high",
            "description": "Elevhälsan hör om lustgas bland unga vid skolgården.",
            "submission_key": "abc123"}
    return {**data, **changes}


def test_a_member_sends_input_that_lands_in_the_coordinators_inbox(client, youth_group,
                                                                   member, coordinator):
    client.force_login(member)
    page = client.get(reverse("meetings:group-detail", args=[youth_group.pk])).content.decode()
    assert _url(youth_group) in page
    response = client.post(_url(youth_group), _data())
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.source_group == youth_group
    assert report.reporter == member
    assert report.urgency == "high"
    task = triage_task(report)
    assert task is not None and task.owner_id is None
    client.force_login(coordinator)
    inbox = client.get(reverse("workflows:inbox") + "?vy=queue").content.decode()
    assert report.reference in inbox
    assert "Från TSK-Unga" in inbox
    detail = client.get(reverse("workflows:task", args=[task.pk])).content.decode()
    assert "Från TSK-Unga" in detail
    client.force_login(member)
    mine = client.get(reverse("casework:report-detail", args=[report.reference]))
    assert "Från TSK-Unga" in mine.content.decode()


def test_a_future_date_is_refused_in_swedish(client, youth_group, member):
    client.force_login(member)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(_url(youth_group), _data(occurred_on=tomorrow.isoformat()))
    assert response.status_code == 400
    assert "Datumet kan inte ligga i framtiden." in response.content.decode()
    assert not Report.objects.exists()


def test_a_repeated_submission_makes_one_report(client, youth_group, member):
    client.force_login(member)
    client.post(_url(youth_group), _data())
    client.post(_url(youth_group), _data())
    assert Report.objects.count() == 1


def test_the_coordinator_may_send_input_for_the_group(client, youth_group, coordinator):
    client.force_login(coordinator)
    assert client.post(_url(youth_group), _data()).status_code == 302
    assert Report.objects.get().source_group == youth_group


def test_outsiders_get_404_and_non_members_who_see_the_group_403(client, youth_group,
                                                                 outsider, make_user):
    client.force_login(outsider)
    assert client.get(_url(youth_group)).status_code == 404
    assert client.post(_url(youth_group), _data()).status_code == 404
    management = make_user("ledningen", roles=[Role.MANAGEMENT])
    client.force_login(management)
    assert client.get(reverse("meetings:group-detail", args=[youth_group.pk])).status_code == 200
    assert _url(youth_group) not in client.get(
        reverse("meetings:group-detail", args=[youth_group.pk])).content.decode()
    assert client.post(_url(youth_group), _data()).status_code == 403
    assert not Report.objects.exists()


def test_a_group_that_takes_no_input_has_no_form(client, group, member):
    client.force_login(member)
    assert client.get(_url(group)).status_code == 403
    assert _url(group) not in client.get(
        reverse("meetings:group-detail", args=[group.pk])).content.decode()


def test_bad_input_answers_400_in_swedish_and_keeps_the_input(client, youth_group, member):
    client.force_login(member)
    response = client.post(_url(youth_group), _data(description="  ", category="",
                                                    place="Vid busshållplatsen"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Det här fältet är obligatoriskt." in page
    assert "Datumet kan inte" not in page
    assert "Vid busshållplatsen" in page
    assert not Report.objects.exists()
