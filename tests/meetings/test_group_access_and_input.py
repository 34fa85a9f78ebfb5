"""Working-group pages: who sees and runs a group and its meetings, and bad
input answered with a Swedish 400 that keeps the form."""


import pytest
import time_machine
from django.urls import reverse

from accounts.roles import Role
from meetings import services
from meetings.models import MeetingSeries, Membership

from .conftest import NOW

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------ access

def test_members_see_their_groups_and_outsiders_get_404(client, group, member, outsider,
                                                        meeting):
    client.force_login(member)
    assert client.get(reverse("meetings:group-detail", args=[group.pk])).status_code == 200
    assert client.get(reverse("meetings:meeting-detail", args=[meeting.pk])).status_code == 200
    client.force_login(outsider)
    # an outsider may not know the group exists
    assert client.get(reverse("meetings:group-detail", args=[group.pk])).status_code == 404
    assert client.get(reverse("meetings:meeting-detail", args=[meeting.pk])).status_code == 404
    assert group.name not in client.get(reverse("meetings:group-list")).content.decode()


def test_the_sensitive_group_is_seen_by_members_and_the_coordinator_only(
        client, sensitive_group, member, coordinator, make_user):
    url = reverse("meetings:group-detail", args=[sensitive_group.pk])
    security = make_user("sakerheten", roles=[Role.SECURITY_COORDINATOR])
    management = make_user("ledningen", roles=[Role.MANAGEMENT])
    for user, status in ((member, 200), (coordinator, 200), (security, 404),
                         (management, 404)):
        client.force_login(user)
        assert client.get(url).status_code == status, user.username
        listed = sensitive_group.name in client.get(reverse("meetings:group-list")).content.decode()
        assert listed == (status == 200)


def test_est_staff_see_open_groups_but_may_not_run_them(client, group, make_user, meeting):
    security = make_user("sakerheten", roles=[Role.SECURITY_COORDINATOR])
    client.force_login(security)
    assert client.get(reverse("meetings:group-detail", args=[group.pk])).status_code == 200
    # seeing is not running: 403 on the chair's pages
    assert client.get(reverse("meetings:meeting-agenda", args=[meeting.pk])).status_code == 403


def test_members_may_not_run_the_meeting_but_the_chair_may(client, member, chair, meeting):
    client.force_login(member)
    assert client.get(reverse("meetings:meeting-agenda", args=[meeting.pk])).status_code == 403
    assert client.post(reverse("meetings:meeting-cancel", args=[meeting.pk])).status_code == 403
    client.force_login(chair)
    assert client.get(reverse("meetings:meeting-agenda", args=[meeting.pk])).status_code == 200


def test_only_the_coordinator_creates_groups(client, member, coordinator):
    client.force_login(member)
    assert client.get(reverse("meetings:group-create")).status_code == 403
    client.force_login(coordinator)
    response = client.post(reverse("meetings:group-create"), {"name": "Ny grupp"})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


def test_anonymous_users_are_sent_to_login(client, group):
    response = client.get(reverse("meetings:group-detail", args=[group.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_group_list_has_a_bounded_query_count(client, coordinator, chair,
                                                  django_assert_max_num_queries):
    for n in range(15):
        group = services.group_create(name=f"Grupp {n}", chair=chair)
        services.membership_add(group=group, name="X", email=f"x{n}@example.org")
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("meetings:group-list"))
    assert response.status_code == 200 and "Grupp 14" in response.content.decode()


def test_the_year_view_lists_all_occurrences(client, member, group, meeting):
    client.force_login(member)
    response = client.get(reverse("meetings:group-year", args=[group.pk, 2026]))
    assert response.status_code == 200
    assert response.content.decode().count("/moten/") >= 12
    assert "12 möten" in response.content.decode()


# ------------------------------------------------------------------ bad input

def test_series_bad_input_is_a_swedish_400_and_keeps_the_form(client, chair, group):
    client.force_login(chair)
    url = reverse("meetings:series-create", args=[group.pk])
    base = {"title": "Serie", "pattern": "custom", "rrule": "FREQ=MONTHLY;BYDAY=2TU",
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31", "start_time": "09:00", "end_time": "10:30",
            "holiday_policy": "leave", "reminder_days": "7, 1"}
    cases = [
        ({"rrule": "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"}, "ger inga möten"),
        ({"rrule": "FREQ=DAILY"}, "fler än 100 möten om året"),
        ({"rrule": "FREQ=HOURLY"}, "högst en gång om dagen"),
        ({"ends_on": "2025-12-31"}, "sista datumet får inte vara före"),
        ({"end_time": "08:00"}, "måste sluta efter"),
        ({"reminder_days": "sju"}, "hela antal dagar"),
        # typed as one says it: a Swedish message, not dateutil's English one
        ({"rrule": "varannan torsdag"}, "Regeln kunde inte läsas"),
        ({"rrule": ""}, "Skriv regeln eller välj ett av mönstren"),
        ({"pattern": "weekly", "weekday": "3", "interval": "0"}, "större än eller lika med 1"),
        ({"pattern": "monthly_date", "day": "32"}, "mindre än eller lika med 31"),
    ]
    for change, message in cases:
        response = client.post(url, {**base, **change})
        assert response.status_code == 400, change
        body = response.content.decode()
        assert message in body, change
        # the form keeps what was typed
        assert 'value="Serie"' in body
    assert not MeetingSeries.objects.exists()


def test_a_malformed_external_email_is_refused(client, chair, group):
    client.force_login(chair)
    response = client.post(reverse("meetings:member-add", args=[group.pk]),
                           {"name": "Ola", "email": "ola@@example"})
    assert response.status_code == 400
    assert "Ange en giltig e-postadress" in response.content.decode()
    assert not Membership.objects.filter(name="Ola").exists()


def test_a_member_without_email_is_refused(client, chair, group, make_user):
    nomail = make_user("utanepost", email="")
    client.force_login(chair)
    response = client.post(reverse("meetings:member-add", args=[group.pk]),
                           {"user": nomail.pk})
    assert response.status_code == 400
    assert "saknar e-postadress" in response.content.decode()
    assert not group.memberships.filter(user=nomail).exists()


def test_a_duplicate_member_is_refused(client, chair, group, member):
    client.force_login(chair)
    response = client.post(reverse("meetings:member-add", args=[group.pk]), {"user": member.pk})
    assert response.status_code == 400 and "redan medlem" in response.content.decode()


def test_moving_to_an_end_before_the_start_is_refused(client, chair, meeting):
    client.force_login(chair)
    with time_machine.travel(NOW, tick=False):
        response = client.post(reverse("meetings:meeting-move", args=[meeting.pk]), {
            "date": "2026-02-20", "start_time": "10:00", "end_time": "09:00"})
    assert response.status_code == 400 and "måste sluta efter" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.sequence == 0
