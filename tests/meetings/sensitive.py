"""The world of the sensitive-content tests (tests/meetings/test_sensitive_*.py):
a sensitive working group whose decision became a restricted measure, and
outsiders of every role in an open group beside it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.roles import Role
from meetings import services
from notifications.emails import build_message
from notifications.models import OutgoingEmail
from tests.factories import MeetingFactory

# Invented decision text; it must never be found outside the group.
SECRET = "Kartlägg kontaktnätet kring fritidsgården"
COUNTED = "Åtgärder från arbetsgrupper som hanterar känsliga frågor"


def one_meeting(group, day):
    return MeetingFactory(group=group, date=day)


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
        self.sensitive_meeting = one_meeting(self.sensitive, today - timedelta(days=7))
        self.steering_meeting = one_meeting(self.steering, today + timedelta(days=7))
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


def page_text(response) -> str:
    return response.content.decode()


def mail_text(row: OutgoingEmail) -> str:
    message = build_message(row)
    return " ".join([message.subject, message.body, message.alternatives[0][0]])
