"""Nothing of a sensitive working group leaves it (issue 18, point 3).

A decision recorded at a meeting of a group that handles sensitive matters
becomes a measure restricted to that group: its members and the
trygghetssamordnare read it; planeringschef, ledning, bostadsbolag, the
säkerhetssamordnare and members of other groups do not, on any channel
(measure pages and lists, agendas and their mail, digests, measure mail,
calendar files and feeds, the yearly report as HTML, PDF and XLSX)."""

import io
import json
from datetime import time, timedelta
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.roles import Role
from casework import services as casework_services
from casework.models import Measure
from casework.rules import may_see_measure_content, measure_content_q
from casework.selectors import measures_visible_to
from meetings import services
from meetings.models import Decision, Delivery, Meeting, WorkingGroup
from notifications.emails import build_message
from notifications.models import OutgoingEmail

pytestmark = pytest.mark.django_db

# Invented decision text; it must never be found outside the group.
SECRET = "Kartlägg kontaktnätet kring fritidsgården"
COUNTED = "Åtgärder från arbetsgrupper som hanterar känsliga frågor"


def _one_meeting(group, day):
    services.series_create(group=group, title=group.name, rrule="FREQ=DAILY;COUNT=1",
                           starts_on=day, ends_on=day, start_time=time(9, 0),
                           end_time=time(10, 0))
    return group.meetings.get(date=day)


class World:
    """The sensitive group (chair, member), an open steering group whose
    members are the outsiders, and the decision turned into a measure."""

    def __init__(self, make_user, chair, member, coordinator):
        today = timezone.localdate()
        self.chair, self.member, self.coordinator = chair, member, coordinator
        self.sensitive = services.group_create(name="Lägesbild (prov)", chair=chair,
                                               handles_sensitive=True)
        services.membership_add(group=self.sensitive, user=member)
        self.planning = make_user("planeringschefen", roles=[Role.PLANNING_CHIEF])
        self.management = make_user("ledningen", roles=[Role.MANAGEMENT])
        self.housing = make_user("bostadsbolaget", roles=[Role.HOUSING, Role.REPORTER])
        self.other_member = make_user("annangrupp", roles=[Role.GROUP_MEMBER])
        self.security = make_user("sakerheten", roles=[Role.SECURITY_COORDINATOR])
        self.steering = services.group_create(name="Styrgruppen (prov)", chair=coordinator)
        for user in (self.planning, self.management, self.housing, self.other_member):
            services.membership_add(group=self.steering, user=user)
        self.sensitive_meeting = _one_meeting(self.sensitive, today - timedelta(days=7))
        self.steering_meeting = _one_meeting(self.steering, today + timedelta(days=7))
        self.decision = services.decision_add(
            meeting=self.sensitive_meeting, text=SECRET, actor=chair, owner=member,
            owner_organisation=member.organisation, due_date=today + timedelta(days=30))
        self.measure = self.decision.measure

    @property
    def outsiders(self):
        return (self.planning, self.management, self.housing, self.other_member,
                self.security)

    @property
    def insiders(self):
        return (self.member, self.coordinator)


@pytest.fixture
def world(make_user, chair, member, coordinator):
    return World(make_user, chair, member, coordinator)


def _text(response) -> str:
    return response.content.decode()


def _mail_text(row: OutgoingEmail) -> str:
    message = build_message(row)
    return " ".join([message.subject, message.body, message.alternatives[0][0]])


# ------------------------------------------------------------------ the rule

def test_a_sensitive_groups_decision_makes_a_restricted_measure(world):
    assert world.measure.restricted_to_group == world.sensitive
    # a decision of an open group makes an ordinary measure
    open_decision = services.decision_add(
        meeting=world.steering_meeting, text="Fler papperskorgar", actor=world.coordinator,
        owner_organisation=world.planning.organisation)
    assert open_decision.measure.restricted_to_group is None


def test_the_predicate_and_the_list_filter_agree_for_every_role(world, make_user):
    ordinary = casework_services.measure_create(
        actor=world.coordinator, title="Belysning", owner_organisation=world.planning.organisation)
    superuser = make_user("systemadmin", is_staff=True, is_superuser=True)
    for user in (*world.outsiders, *world.insiders, world.chair, superuser):
        for measure in (world.measure, ordinary):
            by_rule = may_see_measure_content(user, measure)
            by_filter = Measure.objects.filter(measure_content_q(user), pk=measure.pk).exists()
            # one rule, two forms: they must never disagree
            assert by_rule == by_filter, (user.username, measure.title)
        # the ordinary measure is for everyone; the restricted one only inside
        assert may_see_measure_content(user, ordinary)
        assert may_see_measure_content(user, world.measure) == (
            user in (*world.insiders, world.chair))
    # a document that leaves Tryggsam (reader None) gets only the ordinary one
    assert list(measures_visible_to(None, Measure.objects.filter(
        pk__in=[ordinary.pk, world.measure.pk]))) == [ordinary]


# ------------------------------------------------------------------ measure pages

def test_outsiders_get_404_on_the_measure_and_its_edit_page(client, world):
    for user in world.outsiders:
        client.force_login(user)
        for name in ("casework:measure-detail", "casework:measure-edit"):
            response = client.get(reverse(name, args=[world.measure.pk]))
            # they may not know it exists: the same answer as a missing id
            assert response.status_code == 404, (user.username, name)
        response = client.post(reverse("casework:measure-detail", args=[world.measure.pk]),
                               {"note": "Följer upp"})
        assert response.status_code == 404, user.username
    assert not world.measure.follow_ups.exists()


def test_reads_and_denied_attempts_are_in_the_access_log(client, world):
    from audit.models import AccessLogEntry

    url = reverse("casework:measure-detail", args=[world.measure.pk])
    for user in (world.coordinator, world.member, world.planning):
        client.force_login(user)
        client.get(url)
    rows = {row.username: (row.action, row.basis) for row in AccessLogEntry.objects.filter(
        object_type="measure", object_id=world.measure.pk)}
    # who read it, on what basis, and who tried without one
    assert rows == {
        world.coordinator.username: ("read", "coordinator"),
        world.member.username: ("read", "group_member"),
        world.planning.username: ("denied", "none"),
    }
    # an ordinary measure is not sensitive content: no log rows
    ordinary = casework_services.measure_create(
        actor=world.coordinator, title="Belysning", owner_organisation=world.planning.organisation)
    client.get(reverse("casework:measure-detail", args=[ordinary.pk]))
    assert not AccessLogEntry.objects.filter(object_type="measure", object_id=ordinary.pk).exists()


def test_the_member_and_the_coordinator_read_the_measure(client, world):
    for user in world.insiders:
        client.force_login(user)
        response = client.get(reverse("casework:measure-detail", args=[world.measure.pk]))
        assert response.status_code == 200, user.username
        assert SECRET in _text(response)
    # the meeting page links the decision to its measure for the member
    client.force_login(world.member)
    page = _text(client.get(reverse("meetings:meeting-detail",
                                    args=[world.sensitive_meeting.pk])))
    assert reverse("casework:measure-detail", args=[world.measure.pk]) in page


def test_measure_lists_leave_it_out_for_outsiders_and_show_it_inside(client, world):
    url = reverse("casework:measure-detail", args=[world.measure.pk])
    for user in (world.planning, world.management, world.security):
        client.force_login(user)
        response = client.get(reverse("casework:measure-list"))
        assert response.status_code == 200, user.username
        # neither the text nor a link to it
        assert SECRET not in _text(response) and url not in _text(response), user.username
        overdue = client.get(reverse("casework:measure-list") + "?status=decided")
        assert SECRET not in _text(overdue)
    client.force_login(world.coordinator)
    assert SECRET in _text(client.get(reverse("casework:measure-list")))
    # the owner, a member of the group, finds it among their own measures
    client.force_login(world.member)
    assert SECRET in _text(client.get(reverse("casework:measure-list") + "?mina=1"))
    assert SECRET in _text(client.get(reverse("core:home")))


def test_a_restricted_measure_cannot_be_tied_to_a_situation_picture(client, world):
    from casework.models import SituationPicture

    picture = SituationPicture.objects.create(
        title="Vecka 1", period_kind="week", period_start=timezone.localdate(),
        period_end=timezone.localdate())
    with pytest.raises(ValidationError):
        casework_services.measure_update(measure=world.measure, actor=world.coordinator,
                                         version=world.measure.version,
                                         situation_picture=picture)
    # through the page: a clear Swedish error and a 400, nothing saved
    client.force_login(world.coordinator)
    response = client.post(reverse("casework:measure-edit", args=[world.measure.pk]), {
        "title": SECRET, "term": "short", "status": "decided",
        "owner_organisation": world.member.organisation_id, "owner": world.member.pk,
        "situation_picture": picture.pk, "version": world.measure.version})
    assert response.status_code == 400
    assert "kan inte kopplas till ett ärende eller en lägesbild" in _text(response)
    assert not picture.measures.exists()


def test_a_responsible_person_outside_the_group_is_refused(client, world):
    client.force_login(world.chair)
    response = client.post(reverse("meetings:decision-add", args=[world.sensitive_meeting.pk]), {
        "text": "Ett annat beslut", "make_measure": "on", "owner": world.planning.pk,
        "owner_organisation": world.planning.organisation_id})
    assert response.status_code == 400
    assert "måste vara medlem i den gruppen" in _text(response)
    # nothing was recorded, not even the decision
    assert Decision.objects.count() == 1 and Measure.objects.count() == 1


def test_changing_the_groups_sensitivity_moves_its_measures_with_it(world):
    open_measure = services.decision_add(
        meeting=world.steering_meeting, text="Fler papperskorgar", actor=world.coordinator,
        owner_organisation=world.planning.organisation).measure
    steering = world.steering
    services.group_update(group=steering, name=steering.name, purpose="", chair=steering.chair,
                          secretary=None, handles_sensitive=True)
    open_measure.refresh_from_db()
    assert open_measure.restricted_to_group == steering
    services.group_update(group=steering, name=steering.name, purpose="", chair=steering.chair,
                          secretary=None, handles_sensitive=False)
    open_measure.refresh_from_db()
    assert open_measure.restricted_to_group is None
    # the sensitive group's own measure is untouched
    world.measure.refresh_from_db()
    assert world.measure.restricted_to_group == world.sensitive


# ------------------------------------------------------------------ agendas

def test_another_groups_agenda_leaves_it_out_even_the_count(client, world):
    meeting = services.meeting_agenda_draft(meeting=world.steering_meeting)
    assert SECRET not in meeting.agenda
    assert "Öppna åtgärder: 0" in meeting.agenda
    # bostadsbolag, a member of the steering group, opens its meeting
    client.force_login(world.housing)
    response = client.get(reverse("meetings:meeting-detail", args=[meeting.pk]))
    assert response.status_code == 200 and SECRET not in _text(response)
    # and the agenda mail to its members carries no trace either
    services.meeting_agenda_save(meeting=meeting, agenda=meeting.agenda, send=True)
    rows = OutgoingEmail.objects.filter(key__contains=":agenda:",
                                        key__startswith=f"meeting:{meeting.pk}:")
    assert rows.count() == 5  # the chair and the four outsiders
    for row in rows:
        # an open group's agenda mail carries the agenda text, without the measure
        assert "Öppna åtgärder: 0" in row.context["text"]
        assert SECRET not in json.dumps(row.context, ensure_ascii=False)
        assert SECRET not in _mail_text(row)


def test_the_groups_own_agenda_lists_its_measure(world):
    later = _one_meeting(world.sensitive, timezone.localdate() + timedelta(days=21))
    meeting = services.meeting_agenda_draft(meeting=later)
    assert SECRET in meeting.agenda
    # its agenda mail still carries no content (a link only)
    services.meeting_agenda_save(meeting=meeting, agenda=meeting.agenda, send=True)
    for row in OutgoingEmail.objects.filter(key__startswith=f"meeting:{meeting.pk}:",
                                            key__contains=":agenda:"):
        assert SECRET not in _mail_text(row)


# ------------------------------------------------------------------ mail

def test_the_owners_mail_names_the_measure_by_number_and_link_only(world):
    row = OutgoingEmail.objects.get(key=f"measure-{world.measure.pk}-assigned-u{world.member.pk}")
    text = _mail_text(row)
    assert SECRET not in text
    assert f"Å-{world.measure.pk}" in text
    assert reverse("casework:measure-detail", args=[world.measure.pk]) in text
    reminders = OutgoingEmail.objects.filter(
        key__startswith=f"measure-{world.measure.pk}-", template__startswith="est_measure_")
    assert reminders.count() == 2  # due and overdue
    for reminder in reminders:
        assert SECRET not in _mail_text(reminder)


def test_the_weekly_digest_names_it_by_number_and_link_only(world):
    membership = world.sensitive.memberships.get(user=world.member)
    services.membership_set_preferences(membership=membership, delivery=Delivery.DIGEST,
                                        unsubscribed=False)
    assert services.digest_enqueue() >= 1
    row = OutgoingEmail.objects.get(template="meeting_digest", to_email=world.member.email)
    text = _mail_text(row)
    assert SECRET not in text and SECRET not in json.dumps(row.context, ensure_ascii=False)
    assert f"Å-{world.measure.pk}" in text
    assert reverse("casework:measure-detail", args=[world.measure.pk]) in text


def test_a_former_member_no_longer_gets_it_in_the_digest(world):
    open_measure = services.decision_add(
        meeting=world.steering_meeting, text="Fler papperskorgar", actor=world.coordinator,
        owner=world.member, owner_organisation=world.member.organisation).measure
    services.membership_remove(membership=world.sensitive.memberships.get(user=world.member))
    services.membership_add(group=world.steering, user=world.member, delivery=Delivery.DIGEST)
    services.digest_enqueue()
    row = OutgoingEmail.objects.get(template="meeting_digest", to_email=world.member.email)
    titles = [m["title"] for m in row.context["measures"]]
    # the ordinary measure is listed, the group's one not even by number
    assert titles == [open_measure.title]


# ------------------------------------------------------------------ calendars

def test_outsiders_get_no_calendar_file_and_no_feed_entry(client, world):
    ics_url = reverse("meetings:meeting-calendar", args=[world.sensitive_meeting.pk])
    for user in world.outsiders:
        client.force_login(user)
        assert client.get(ics_url).status_code == 404, user.username
        feed = services.feed_get_or_create(user=user)
        body = _text(client.get(reverse("meetings:feed", args=[feed.token])))
        assert "BEGIN:VCALENDAR" in body
        assert world.sensitive_meeting.uid not in body and SECRET not in body


def test_members_calendar_shows_the_meeting_without_its_content(client, world):
    feed = services.feed_get_or_create(user=world.member)
    body = _text(client.get(reverse("meetings:feed", args=[feed.token])))
    # the meeting is there (time and link), neutrally named
    assert world.sensitive_meeting.uid in body
    assert SECRET not in body and world.sensitive.name not in body
    client.force_login(world.coordinator)
    response = client.get(reverse("meetings:meeting-calendar",
                                  args=[world.sensitive_meeting.pk]))
    assert response.status_code == 200 and SECRET not in _text(response)


# ------------------------------------------------------------------ yearly report

def _yearly(client, year, suffix=""):
    return client.get(reverse({"": "insights:yearly", "pdf": "insights:yearly-pdf",
                               "xlsx": "insights:yearly-xlsx"}[suffix], args=[year]))


def test_the_yearly_report_counts_it_without_its_text(client, world):
    year = world.measure.created_at.year
    for user in (world.planning, world.management, world.coordinator):
        client.force_login(user)
        page = _yearly(client, year)
        assert page.status_code == 200, user.username
        assert SECRET not in _text(page)
        assert f"{COUNTED} (redovisas bara som antal): 1" in _text(page)
    # the documents that leave Tryggsam: same cut
    client.force_login(world.planning)
    pdf = _yearly(client, year, "pdf")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(
        io.BytesIO(pdf.content)).pages).split())
    assert SECRET not in text and COUNTED in text
    workbook = load_workbook(io.BytesIO(_yearly(client, year, "xlsx").content))
    cells = [str(c) for sheet in workbook for row in sheet.iter_rows(values_only=True)
             for c in row if c is not None]
    assert not any(SECRET in c for c in cells)
    assert any(c.startswith(COUNTED) and c.endswith(": 1") for c in cells)


def test_the_yearly_report_lists_ordinary_measures_in_full(client, world):
    casework_services.measure_create(actor=world.coordinator, title="Belysning i tunneln",
                                     owner_organisation=world.planning.organisation)
    client.force_login(world.planning)
    page = _text(_yearly(client, timezone.localdate().year))
    assert "Belysning i tunneln" in page


# ------------------------------------------------------------------ existing rows

def test_the_data_migration_restricts_earlier_measures_and_cleans_copies(world):
    """As the rows were before: the measure unrestricted, its title in the
    steering group's drafted agenda, its agenda mail and a digest."""
    Measure.objects.filter(pk=world.measure.pk).update(restricted_to_group=None)
    line = f"   - {SECRET} (Lisa Ledamot, 2026-12-31)"
    agenda = f"1. Öppnande\n2. Öppna åtgärder: 1\n{line}\n3. Övrigt\n"
    Meeting.objects.filter(pk=world.steering_meeting.pk).update(agenda=agenda)
    attendee = world.steering_meeting.attendees.first()
    mail = OutgoingEmail.objects.create(
        key=f"meeting:{world.steering_meeting.pk}:{attendee.pk}:agenda:0",
        to_email=attendee.email, template="meeting_notice", context={"text": agenda})
    digest = OutgoingEmail.objects.create(
        key="digest:x@example.org:2026-W01", to_email="x@example.org",
        template="meeting_digest",
        context={"measures": [{"title": SECRET, "due_date": ""},
                              {"title": "Belysning", "due_date": ""}]})

    migration = import_module("meetings.migrations.0004_restrict_sensitive_decision_measures")
    migration.restrict(django_apps, None)

    world.measure.refresh_from_db()
    assert world.measure.restricted_to_group == world.sensitive
    cleaned = Meeting.objects.get(pk=world.steering_meeting.pk).agenda
    assert SECRET not in cleaned and "3. Övrigt" in cleaned
    mail.refresh_from_db()
    digest.refresh_from_db()
    assert SECRET not in mail.context["text"]
    assert [m["title"] for m in digest.context["measures"]] == [
        f"Å-{world.measure.pk}", "Belysning"]


def test_the_demo_data_keeps_the_seeded_decision_inside_its_group(client):
    from meetings.demo import DECISIONS

    call_command("seed_demo")
    extremism = WorkingGroup.objects.get(name="Lägesbild våldsbejakande extremism")
    secret = DECISIONS[extremism.name]
    measure = Measure.objects.get(meeting_decision__meeting__group=extremism)
    assert measure.restricted_to_group == extremism
    # no other group's agenda names it
    assert not Meeting.objects.exclude(group=extremism).filter(agenda__contains=secret).exists()
    steering = WorkingGroup.objects.get(name="EST-styrgrupp")
    meeting = steering.meetings.exclude(agenda="").order_by("-date").first()
    from accounts.models import User

    for username in ("bostadsbolag", "planeringschef", "ledning"):
        client.force_login(User.objects.get(username=username))
        page = _text(client.get(reverse("meetings:meeting-detail", args=[meeting.pk])))
        assert secret not in page, username
        assert client.get(reverse("casework:measure-detail",
                                  args=[measure.pk])).status_code == 404, username
    client.force_login(User.objects.get(username="planeringschef"))
    assert secret not in _text(client.get(reverse("insights:yearly",
                                                  args=[measure.created_at.year])))
