"""Trygghetsmöten: planning, input to measures and reports, the feedback
e-mail and coverage per locality and term (services and selectors)."""

from datetime import date

import pytest

from casework.measures import measure_update
from casework.models import Category, Locality, Measure, Report
from core.errors import Invalid, NotAllowed
from insights.models import SafetyWalk
from insights.periods import term_containing
from notifications.emails import build_message
from notifications.models import OutgoingEmail
from townmeetings import selectors, services
from townmeetings.models import Session, TownMeeting
from workflows.models import ReportProcess

pytestmark = pytest.mark.django_db


def test_a_planned_meeting_gets_the_pages_programme_and_swedish_announcements(meeting):
    # The afternoon 14–18 and the evening 18–20, as the municipality's page has it.
    items = list(meeting.programme.all())
    assert items[0].session == Session.AFTERNOON and items[0].starts_at.hour == 14
    assert items[-1].session == Session.EVENING and items[-1].ends_at.hour == 20
    assert meeting.reference == "TM-2026-001"
    # The announcement texts are written in Swedish from the meeting's data.
    assert "Trygghetsmöte i Dalstorp" in meeting.announcement_web
    assert "tisdag 2026-11-10" in meeting.announcement_web
    assert "Sammanfattning av eftermiddagen" in meeting.announcement_web
    assert "Bygdegården" in meeting.announcement_social
    assert meeting.announcement_newspaper.startswith("TRYGGHETSMÖTE I DALSTORP")


def test_an_emptied_announcement_is_written_again_and_an_edited_one_is_kept(meeting,
                                                                            coordinator):
    services.town_meeting_update(actor=coordinator, meeting=meeting, announcement_web="",
                                 announcement_social="Egen text", venue="Skolan")
    meeting.refresh_from_db()
    assert meeting.announcement_social == "Egen text"
    assert "Skolan" in meeting.announcement_web


def test_one_meeting_per_locality_and_term(meeting, coordinator, locality):
    # A second meeting in the same term is refused on the date field.
    with pytest.raises(Invalid) as error:
        services.town_meeting_create(actor=coordinator, locality=locality,
                                     date=date(2028, 5, 2), venue="Skolan")
    assert "2026–2030" in error.value.field_messages["date"][0]
    # The next term is free.
    later = services.town_meeting_create(actor=coordinator, locality=locality,
                                         date=date(2031, 5, 6), venue="Skolan")
    assert later.reference == "TM-2031-001"


def test_the_walk_must_be_in_the_meetings_locality(coordinator):
    other = SafetyWalk.objects.create(locality=Locality.objects.get(name="Uddebo"),
                                      date=date(2026, 11, 3), meeting_point="Bron")
    with pytest.raises(Invalid) as error:
        services.town_meeting_create(actor=coordinator,
                                     locality=Locality.objects.get(name="Nittorp"),
                                     date=date(2026, 11, 3), venue="Skolan", safety_walk=other)
    assert "safety_walk" in error.value.field_messages
    assert not TownMeeting.objects.exists()


def test_only_the_coordinator_plans(manager, security, locality):
    for user in (manager, security):
        with pytest.raises(NotAllowed):
            services.town_meeting_create(actor=user, locality=locality,
                                         date=date(2026, 11, 10), venue="Skolan")


def test_input_becomes_a_measure_through_casework(meeting, coordinator, organisation):
    item = services.input_add(actor=coordinator, meeting=meeting, topic="Mörk gångväg",
                              description="Belysningen räcker inte.", place="Gångvägen")
    measure = services.input_to_measure(actor=coordinator, item=item, title="Ny belysning",
                                        owner_organisation=organisation)
    # The measure's source is the input; casework made it (description copied).
    assert measure.source == item
    assert measure.description == "Belysningen räcker inte."
    assert str(item) == f"{meeting.reference}: Mörk gångväg"
    rows = selectors.inputs_with_outcomes(meeting)
    assert rows[0]["measures"] == [measure]


def test_input_becomes_a_report_with_the_meeting_as_source_once(meeting, coordinator):
    item = services.input_add(actor=coordinator, meeting=meeting, topic="Lustgas",
                              description="Patroner på skolgården.", place="Skolgården")
    category = Category.objects.filter(is_active=True).first()
    report = services.input_to_report(actor=coordinator, item=item, category=category)
    assert report.source_town_meeting == meeting
    assert report.locality == meeting.locality and report.occurred_on == meeting.date
    assert "Patroner på skolgården." in report.description
    # It is in the triage inbox like every report.
    assert ReportProcess.objects.filter(report=report).exists()
    # A second request gives the same report, not a new one.
    again = services.input_to_report(actor=coordinator, item=item, category=category)
    assert again == report and Report.objects.count() == 1


def test_feedback_goes_to_the_contact_through_the_outbox_without_input_text(
        meeting, coordinator, organisation):
    item = services.input_add(actor=coordinator, meeting=meeting, topic="Hemlig rubrik",
                              description="Känslig beskrivning")
    services.input_to_measure(actor=coordinator, item=item, title="Åtgärd",
                              owner_organisation=organisation)
    email = services.town_meeting_feedback_send(actor=coordinator, meeting=meeting)
    meeting.refresh_from_db()
    # Recorded as sent, to the locality's contact (the meeting names none).
    assert meeting.feedback_sent_at is not None
    assert meeting.feedback_sent_to == "kontakt-dalstorp@example.org" == email.to_email
    # A reference and a link, counts only: no topic, no description.
    assert email.context["reference"] == meeting.reference
    assert email.context["path"] == f"/trygghetsmoten/{meeting.pk}/"
    assert (email.context["inputs"], email.context["measures"]) == (1, 1)
    assert "Hemlig" not in repr(email.context) and "Känslig" not in repr(email.context)
    # The Swedish mail: subject with the reference, body with the link.
    message = build_message(email)
    assert message.subject == f"Trygghetsmöte {meeting.reference} i Dalstorp: återkoppling"
    assert "1 fråga togs upp av invånarna." in message.body
    assert f"/trygghetsmoten/{meeting.pk}/" in message.body and "Känslig" not in message.body


def test_the_meetings_own_contact_wins_and_a_missing_one_is_refused(meeting, coordinator):
    services.town_meeting_update(actor=coordinator, meeting=meeting,
                                 contact_email="ordforande@example.org")
    assert services.town_meeting_feedback_send(
        actor=coordinator, meeting=meeting).to_email == "ordforande@example.org"
    nittorp = services.town_meeting_create(
        actor=coordinator, locality=Locality.objects.get(name="Nittorp"),
        date=date(2027, 4, 6), venue="Skolan")
    with pytest.raises(Invalid):
        services.town_meeting_feedback_send(actor=coordinator, meeting=nittorp)
    nittorp.refresh_from_db()
    assert nittorp.feedback_sent_at is None


def test_a_measure_state_change_after_feedback_queues_a_new_summary(meeting, coordinator,
                                                                    organisation):
    item = services.input_add(actor=coordinator, meeting=meeting, topic="Belysning",
                              description="Mörkt")
    measure = services.input_to_measure(actor=coordinator, item=item, title="Ny belysning",
                                        owner_organisation=organisation)
    services.town_meeting_feedback_send(actor=coordinator, meeting=meeting)
    before = OutgoingEmail.objects.filter(template="townmeeting_feedback").count()
    fresh = Measure.objects.get(pk=measure.pk)
    measure_update(measure=fresh, actor=coordinator, version=fresh.version,
                   status="in_progress")
    assert OutgoingEmail.objects.filter(template="townmeeting_feedback").count() == before + 1


def test_coverage_shows_held_planned_and_missing_localities(meeting, coordinator):
    services.town_meeting_create(actor=coordinator, locality=Locality.objects.get(name="Uddebo"),
                                 date=date(2027, 5, 4), venue="Skolan")
    today = date(2026, 12, 3)
    rows = selectors.coverage(term_containing(today), today=today)
    by_name = {row["locality"].name: row for row in rows}
    assert by_name["Dalstorp"]["held"] and not by_name["Dalstorp"]["planned"]
    assert by_name["Uddebo"]["planned"] and not by_name["Uddebo"]["held"]
    assert not by_name["Tranemo"]["held"] and not by_name["Tranemo"]["planned"]
    # The number of localities is data: every active one, however many.
    assert len(rows) == Locality.objects.filter(is_active=True).count()
    counts = selectors.coverage_counts(rows)
    assert (counts["held"], counts["planned"]) == (1, 1)
    assert counts["missing"] == len(rows) - 2
    assert "Tranemo" in selectors.missing_localities(term_containing(today))
    # The previous term has no meetings.
    assert not any(r["held"] for r in selectors.coverage(term_containing(date(2024, 1, 1)),
                                                         today=today))
