"""The meeting pages: agenda, minutes, decisions that become measures,
cancelling and moving, the personal feed and the year page."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from casework.models import Category, Locality, Measure, Report
from insights.models import SafetyWalk
from meetings import services
from meetings.models import Decision, Meeting, Membership
from notifications.models import OutgoingEmail
from tests.factories import OrganisationFactory

from .conftest import NOW, make_series

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------ agenda, minutes, decisions

def test_the_agenda_is_drafted_from_reports_and_measures(client, chair, meeting):
    tranemo = Locality.objects.get(name="Tranemo")
    category = Category.objects.order_by("sort_order").first()
    for n, status in enumerate(["new", "new", "moved"]):
        with time_machine.travel(NOW, tick=False):
            Report.objects.create(reference=f"R-2026-{n:05d}", category=category,
                                  locality=tranemo, occurred_on=date(2026, 1, 1),
                                  description="x", status=status)
    organisation = OrganisationFactory(name="Kommunen")
    Measure.objects.create(title="Laga belysningen", owner_organisation=organisation,
                           due_date=date(2025, 12, 1), status="decided")
    Measure.objects.create(title="Klar sedan länge", owner_organisation=organisation,
                           status="done")
    client.force_login(chair)
    with time_machine.travel(datetime.combine(meeting.date, datetime.min.time(), UTC)
                             - timedelta(days=1), tick=False):
        response = client.get(reverse("meetings:meeting-agenda", args=[meeting.pk]))
    agenda = Meeting.objects.get(pk=meeting.pk).agenda
    assert response.status_code == 200
    # two reports (the moved one is left out), by locality and category
    assert "Nya EST-rapporter sedan förra mötet" in agenda and ": 2" in agenda
    assert f"Tranemo (2): {category.name} 2" in agenda
    # open and overdue measures, not the finished one
    assert "Laga belysningen" in agenda and "FÖRSENAD" in agenda
    assert "Klar sedan länge" not in agenda
    # no extremism statistics for an open group
    assert "extremism" not in agenda


def test_the_chair_edits_and_sends_the_agenda(client, chair, meeting):
    client.force_login(chair)
    with time_machine.travel(NOW, tick=False):
        response = client.post(reverse("meetings:meeting-agenda", args=[meeting.pk]),
                               {"agenda": "1. Öppning\n2. Egen punkt", "action": "send"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.agenda_sent_at and "Egen punkt" in meeting.agenda
    notices = OutgoingEmail.objects.filter(key__contains=":agenda:")
    assert notices.count() == 3 and "Egen punkt" in notices.first().context["text"]


def test_a_decision_becomes_a_measure_linked_to_the_meeting(client, chair, meeting):
    organisation = OrganisationFactory(name="Samhällsbyggnad")
    client.force_login(chair)
    with time_machine.travel(NOW, tick=False):
        response = client.post(reverse("meetings:decision-add", args=[meeting.pk]), {
            "text": "Se över belysningen", "make_measure": "on", "owner": chair.pk,
            "owner_organisation": organisation.pk, "due_date": "2026-03-01"})
    assert response.status_code == 302
    decision = Decision.objects.get()
    measure = decision.measure
    # the measure points back at the decision, and through it at the meeting
    assert measure.source == decision and decision.meeting == meeting
    assert measure.owner == chair and measure.due_date == date(2026, 3, 1)
    assert measure.status == "decided"
    assert measure.meeting_decision == decision
    # the owner is told now and reminded before the due date, like the owner of
    # any measure: three working days before (Wednesday 2026-02-25 for Sunday
    # 2026-03-01) and on the first working day after it
    rows = {row.key: row for row in OutgoingEmail.objects.filter(
        key__startswith=f"measure-{measure.pk}-")}
    suffix = f"2026-03-01-u{chair.pk}"
    assert set(rows) == {f"measure-{measure.pk}-assigned-u{chair.pk}",
                         f"measure-{measure.pk}-due-{suffix}",
                         f"measure-{measure.pk}-overdue-{suffix}"}
    due_at = timezone.localtime(rows[f"measure-{measure.pk}-due-{suffix}"].due_at)
    assert (due_at.date(), due_at.hour) == (date(2026, 2, 25), 8)
    detail = client.get(reverse("meetings:meeting-detail", args=[meeting.pk]))
    assert "Se över belysningen" in detail.content.decode()


def test_a_decision_without_organisation_is_refused(client, chair, meeting, make_user):
    nobody = make_user("utanorg", organisation=None, roles=[Role.GROUP_MEMBER])
    client.force_login(chair)
    response = client.post(reverse("meetings:decision-add", args=[meeting.pk]), {
        "text": "Något", "make_measure": "on", "owner": nobody.pk})
    assert response.status_code == 400
    assert "Välj vilken organisation" in response.content.decode()
    assert not Decision.objects.exists() and not Measure.objects.exists()


def test_approving_minutes_sends_them_once_and_locks_them(client, chair, meeting):
    client.force_login(chair)
    url = reverse("meetings:meeting-minutes", args=[meeting.pk])
    assert client.post(url, {"minutes": "", "action": "approve"}).status_code == 400
    assert client.post(url, {"minutes": "Vi beslutade.", "action": "approve"}).status_code == 302
    assert OutgoingEmail.objects.filter(key__contains=":minutes:").count() == 3
    response = client.post(url, {"minutes": "Ändrat i efterhand", "action": "save"})
    assert response.status_code == 400
    assert "godkända och kan inte längre ändras" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.minutes == "Vi beslutade."


def test_cancel_and_move_through_the_pages(client, chair, meeting):
    client.force_login(chair)
    with time_machine.travel(NOW, tick=False):
        response = client.post(reverse("meetings:meeting-move", args=[meeting.pk]), {
            "date": "2026-01-20", "start_time": "13:00", "end_time": "14:00", "place": "Rum 2"})
        assert response.status_code == 302
        assert client.post(reverse("meetings:meeting-cancel", args=[meeting.pk])).status_code \
            == 302
    meeting.refresh_from_db()
    assert meeting.is_cancelled and meeting.sequence == 2 and meeting.place == "Rum 2"
    assert OutgoingEmail.objects.filter(key__contains=":cancel:2").count() == 3


def test_my_meetings_page_creates_and_renews_the_feed(client, member, meeting):
    client.force_login(member)
    assert client.get(reverse("meetings:my-meetings")).status_code == 200
    client.post(reverse("meetings:feed-renew"))
    body = client.get(reverse("meetings:my-meetings")).content.decode()
    assert "/kalender/" in body
    membership = Membership.objects.get(user=member)
    response = client.post(reverse("meetings:my-meetings"), {
        "membership": membership.pk, f"m{membership.pk}-delivery": "digest"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.delivery == "digest"


def test_the_sensitive_agenda_drafts_with_or_without_concern_statistics(sensitive_group):
    with time_machine.travel(NOW, tick=False):
        meeting = make_series(sensitive_group).meetings.first()
        meeting = services.meeting_agenda_draft(meeting=meeting)
    assert "Övriga frågor" in meeting.agenda
    assert "Anonym statistik om oro för våldsbejakande extremism" in meeting.agenda


def test_the_start_page_shows_my_next_meetings_and_the_menu(client, member, group):
    start = timezone.localdate() + timedelta(days=3)
    make_series(group, rrule="FREQ=DAILY;COUNT=1", starts_on=start, ends_on=start)
    client.force_login(member)
    body = client.get("/").content.decode()
    assert "Mina nästa möten" in body and f"{start:%Y-%m-%d} 09:00" in body
    assert 'href="/arbetsgrupper/"' in body


def test_the_year_and_group_pages_have_bounded_query_counts(client, chair, group, meeting,
                                                            django_assert_max_num_queries):
    make_series(group, title="Extra", rrule="FREQ=WEEKLY;BYDAY=FR")  # 52 more meetings
    client.force_login(chair)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("meetings:group-year", args=[group.pk, 2026]))
    assert response.status_code == 200 and "64 möten" in response.content.decode()
    with django_assert_max_num_queries(15):
        assert client.get(reverse("meetings:group-detail", args=[group.pk])).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(reverse("meetings:meeting-detail", args=[meeting.pk])).status_code \
            == 200


def test_the_chair_edits_the_group_and_removes_a_member(client, chair, group, member, meeting):
    client.force_login(chair)
    response = client.post(reverse("meetings:group-edit", args=[group.pk]), {
        "name": "Testgruppen 2", "purpose": "Nytt syfte", "chair": chair.pk,
        "secretary": member.pk})
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "Testgruppen 2" and group.secretary == member
    membership = group.memberships.get(email="extern@example.org")
    with time_machine.travel(NOW, tick=False):
        response = client.post(reverse("meetings:member-remove",
                                       args=[group.pk, membership.pk]))
    assert response.status_code == 302
    assert not group.memberships.filter(pk=membership.pk).exists()
    # a name taken by another group is refused in Swedish
    services.group_create(name="Annan grupp")
    response = client.post(reverse("meetings:group-edit", args=[group.pk]),
                           {"name": "annan grupp"})
    assert response.status_code == 400
    assert "Det finns redan en arbetsgrupp med det namnet" in response.content.decode()


def test_a_meeting_on_a_holiday_is_flagged_on_the_year_page(client, chair, group):
    make_series(group, title="Fredagar", rrule="FREQ=WEEKLY;BYDAY=FR",
                starts_on=date(2026, 6, 1), ends_on=date(2026, 6, 30))
    client.force_login(chair)
    # Before the meeting: once it is past it shows as held or without minutes
    with time_machine.travel(NOW, tick=False):
        body = client.get(reverse("meetings:group-year", args=[group.pk, 2026])).content.decode()
    assert "Infaller på helgdag (Midsommarafton): flytta mötet" in body


def test_the_agenda_lists_upcoming_safety_walks_when_insights_has_them(group):
    with time_machine.travel(NOW, tick=False):
        meeting = make_series(group).meetings.order_by("date").first()
    limmared = Locality.objects.get(name="Limmared")
    SafetyWalk.objects.create(locality=limmared, date=meeting.date + timedelta(days=20),
                              meeting_point="Torget")
    SafetyWalk.objects.create(locality=limmared, date=meeting.date - timedelta(days=20),
                              meeting_point="Förra gången")
    meeting = services.meeting_agenda_draft(meeting=meeting)
    assert "Kommande trygghetsvandringar" in meeting.agenda
    assert f"{meeting.date + timedelta(days=20):%Y-%m-%d} Limmared: Torget" in meeting.agenda
    assert "Förra gången" not in meeting.agenda



def test_the_measure_is_linked_from_the_meeting_for_those_who_may_open_it(
        client, chair, coordinator, meeting):
    organisation = OrganisationFactory(name="Samhällsbyggnad")
    decision = services.decision_add(meeting=meeting, text="Ny belysning", actor=chair,
                                     owner=chair, owner_organisation=organisation)
    link = reverse("casework:measure-detail", args=[decision.measure.pk])
    # the owner (the chair here) and EST staff may open the measure
    client.force_login(chair)
    assert link in client.get(reverse("meetings:meeting-detail",
                                      args=[meeting.pk])).content.decode()
    assert client.get(link).status_code == 200
    client.force_login(coordinator)
    assert link in client.get(reverse("meetings:meeting-detail",
                                      args=[meeting.pk])).content.decode()
    # the owner's e-mail points at it too
    email = OutgoingEmail.objects.get(
        key=f"measure-{decision.measure.pk}-assigned-u{chair.pk}")
    assert email.context["url"] == link
