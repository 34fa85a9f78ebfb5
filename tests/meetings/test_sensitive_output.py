"""Nothing of a sensitive working group leaves it through its output (issue 18,
point 3): measure mail, the weekly digest, calendar files and feeds, the yearly
report as HTML, PDF and XLSX, and rows made before the rule. The pages and
agendas: test_sensitive_content.py."""

import io
import json
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from casework import services as casework_services
from casework.models import Measure
from meetings import services
from meetings.models import Delivery, Meeting, WorkingGroup
from notifications.models import OutgoingEmail

from .sensitive import COUNTED, SECRET, mail_text, page_text

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------ mail

def test_the_owners_mail_names_the_measure_by_number_and_link_only(world):
    row = OutgoingEmail.objects.get(key=f"measure-{world.measure.pk}-assigned-u{world.member.pk}")
    text = mail_text(row)
    assert SECRET not in text
    assert f"Å-{world.measure.pk}" in text
    assert reverse("casework:measure-detail", args=[world.measure.pk]) in text
    reminders = OutgoingEmail.objects.filter(
        key__startswith=f"measure-{world.measure.pk}-", template__startswith="est_measure_")
    assert reminders.count() == 2  # due and overdue
    for reminder in reminders:
        assert SECRET not in mail_text(reminder)


def test_the_weekly_digest_names_it_by_number_and_link_only(world):
    membership = world.sensitive.memberships.get(user=world.member)
    services.membership_set_preferences(membership=membership, delivery=Delivery.DIGEST,
                                        unsubscribed=False)
    assert services.digest_enqueue() >= 1
    row = OutgoingEmail.objects.get(template="meeting_digest", to_email=world.member.email)
    text = mail_text(row)
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
        body = page_text(client.get(reverse("meetings:feed", args=[feed.token])))
        assert "BEGIN:VCALENDAR" in body
        assert world.sensitive_meeting.uid not in body and SECRET not in body


def test_members_calendar_shows_the_meeting_without_its_content(client, world):
    feed = services.feed_get_or_create(user=world.member)
    body = page_text(client.get(reverse("meetings:feed", args=[feed.token])))
    # the meeting is there (time and link), neutrally named
    assert world.sensitive_meeting.uid in body
    assert SECRET not in body and world.sensitive.name not in body
    client.force_login(world.coordinator)
    response = client.get(reverse("meetings:meeting-calendar",
                                  args=[world.sensitive_meeting.pk]))
    assert response.status_code == 200 and SECRET not in page_text(response)


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
        assert SECRET not in page_text(page)
        assert f"{COUNTED} (redovisas bara som antal): 1" in page_text(page)
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
    page = page_text(_yearly(client, timezone.localdate().year))
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
        page = page_text(client.get(reverse("meetings:meeting-detail", args=[meeting.pk])))
        assert secret not in page, username
        assert client.get(reverse("casework:measure-detail",
                                  args=[measure.pk])).status_code == 404, username
    client.force_login(User.objects.get(username="planeringschef"))
    assert secret not in page_text(client.get(reverse("insights:yearly",
                                                  args=[measure.created_at.year])))
