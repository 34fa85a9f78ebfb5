"""Answering and unsubscribing through signed links in the mail: they expire,
refuse tampering and reuse, and record the answer without a login."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import signing
from django.urls import reverse

from meetings import services
from meetings.models import Attendee, Membership, Rsvp
from notifications.models import OutgoingEmail

from .conftest import NOW

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------ RSVP

@pytest.fixture
def before_the_meeting():
    """RSVP links expire after the meeting's day: answer while it lies ahead."""
    with time_machine.travel(NOW, tick=False):
        yield


def test_an_rsvp_link_expires_after_the_meeting(client, meeting):
    attendee = meeting.attendees.get(email="extern@example.org")
    with time_machine.travel(NOW, tick=False):
        url = reverse("meetings:rsvp-link", args=[services.signed_rsvp_token(attendee)])
        assert client.get(url).status_code == 200
    # The day after the meeting the genuine link answers 410 in Swedish, records nothing.
    with time_machine.travel(datetime.combine(meeting.date + timedelta(days=1),
                                              datetime.min.time(), tzinfo=UTC) +
                             timedelta(hours=12), tick=False):
        response = client.post(url, {"response": "yes"})
        assert response.status_code == 410
        assert "Länken har slutat gälla" in response.content.decode()
    attendee.refresh_from_db()
    assert attendee.response == Rsvp.PENDING


def test_an_unsubscribe_link_expires_90_days_after_its_meeting(client, meeting, member):
    membership = Membership.objects.get(user=member, group=meeting.group)
    url = reverse("meetings:unsubscribe", args=[services.signed_unsubscribe_token(
        membership, meeting_date=meeting.date)])
    last_day = datetime.combine(meeting.date + timedelta(days=90), datetime.min.time(),
                                tzinfo=UTC) + timedelta(hours=12)
    with time_machine.travel(last_day, tick=False):
        assert client.get(url).status_code == 200
    with time_machine.travel(last_day + timedelta(days=1), tick=False):
        response = client.post(url)
        assert response.status_code == 410
        assert "Länken har slutat gälla" in response.content.decode()
    membership.refresh_from_db()
    assert not membership.unsubscribed


def test_an_undated_unsubscribe_link_from_queued_mail_expires_after_400_days(client, meeting,
                                                                            member):
    membership = Membership.objects.get(user=member, group=meeting.group)
    with time_machine.travel(NOW, tick=False):
        old = signing.dumps({"m": membership.pk}, salt=services.UNSUBSCRIBE_SALT)
    url = reverse("meetings:unsubscribe", args=[old])
    with time_machine.travel(NOW + timedelta(days=399), tick=False):
        assert client.get(url).status_code == 200
    with time_machine.travel(NOW + timedelta(days=401), tick=False):
        assert client.get(url).status_code == 410

def test_the_signed_rsvp_link_records_the_answer_without_login(client, meeting, before_the_meeting):
    attendee = meeting.attendees.get(email="extern@example.org")
    url = reverse("meetings:rsvp-link", args=[services.signed_rsvp_token(attendee)])
    # GET only asks (mail scanners follow links), POST answers
    assert client.get(url + "?svar=yes").status_code == 200
    attendee.refresh_from_db()
    assert attendee.response == Rsvp.PENDING
    response = client.post(url, {"response": "maybe"})
    assert response.status_code == 200 and "Kanske" in response.content.decode()
    attendee.refresh_from_db()
    assert attendee.response == Rsvp.MAYBE


def test_a_tampered_rsvp_link_is_a_400(client, meeting, before_the_meeting):
    attendee = meeting.attendees.get(email="extern@example.org")
    token = services.signed_rsvp_token(attendee)
    other = meeting.attendees.exclude(pk=attendee.pk).first()
    forged = signing.dumps({"a": other.pk, "e": other.email}, salt="wrong salt")
    for bad in (token[:-2] + "xx", forged, "nonsense"):
        response = client.post(reverse("meetings:rsvp-link", args=[bad]), {"response": "no"})
        assert response.status_code == 400
        assert "Länken är inte giltig" in response.content.decode()
    assert not Attendee.objects.exclude(response=Rsvp.PENDING).exists()


def test_an_rsvp_link_reused_by_another_person_is_a_403(client, meeting, member, chair,
                                                        before_the_meeting):
    attendee = meeting.attendees.get(user=member)
    url = reverse("meetings:rsvp-link", args=[services.signed_rsvp_token(attendee)])
    client.force_login(chair)
    response = client.post(url, {"response": "no"})
    assert response.status_code == 403
    assert "skickades till någon annan" in response.content.decode()
    attendee.refresh_from_db()
    assert attendee.response == Rsvp.PENDING


def test_a_bad_rsvp_answer_is_a_400(client, meeting, before_the_meeting):
    attendee = meeting.attendees.get(email="extern@example.org")
    url = reverse("meetings:rsvp-link", args=[services.signed_rsvp_token(attendee)])
    assert client.post(url, {"response": "perhaps"}).status_code == 400


def test_members_answer_on_the_page(client, meeting, member):
    client.force_login(member)
    response = client.post(reverse("meetings:meeting-rsvp", args=[meeting.pk]),
                           {"response": "yes"})
    assert response.status_code == 302
    assert meeting.attendees.get(user=member).response == Rsvp.YES


def test_unsubscribe_link_stops_non_essential_mail(client, meeting, member):
    membership = Membership.objects.get(user=member, group=meeting.group)
    url = reverse("meetings:unsubscribe", args=[services.signed_unsubscribe_token(
        membership, meeting_date=meeting.date)])
    with time_machine.travel(NOW, tick=False):
        assert client.get(url).status_code == 200
        assert client.post(url).status_code == 200
    membership.refresh_from_db()
    assert membership.unsubscribed
    attendee = meeting.attendees.get(user=member)
    pending = OutgoingEmail.objects.filter(key__startswith=f"meeting:{meeting.pk}:{attendee.pk}:",
                                           status="pending")
    assert all(":invite:" in key for key in pending.values_list("key", flat=True))
    tampered = services.signed_unsubscribe_token(membership, meeting_date=meeting.date) + "x"
    assert client.get(reverse("meetings:unsubscribe", args=[tampered])).status_code == 400
