import pytest
from django.core.management import call_command

from casework.models import Measure
from meetings.models import Attendee, Decision, Meeting, MeetingSeries, Membership, WorkingGroup
from notifications.models import OutgoingEmail

pytestmark = pytest.mark.django_db

MODELS = (WorkingGroup, Membership, MeetingSeries, Meeting, Attendee, Decision, Measure,
          OutgoingEmail)


def test_the_demo_has_five_groups_series_minutes_and_reminders():
    call_command("seed_demo")
    first = {model: model.objects.count() for model in MODELS}
    call_command("seed_demo")
    # idempotent: the same rows after a second run
    assert {model: model.objects.count() for model in MODELS} == first
    assert set(WorkingGroup.objects.values_list("name", flat=True)) == {
        "Lägesbild våldsbejakande extremism", "TSK-Unga", "Plan/Trafik/Samhälle",
        "EST-styrgrupp", "Trygghetsvandringar"}
    extremism = WorkingGroup.objects.get(name="Lägesbild våldsbejakande extremism")
    assert extremism.handles_sensitive and extremism.meetings.count() == 12
    # external people from example.org take part
    assert Membership.objects.filter(user__isnull=True, email__endswith="@example.org").count() >= 3
    # past meetings have minutes and decisions turned into measures
    assert Decision.objects.filter(measure__isnull=False).count() >= 1
    assert Meeting.objects.exclude(minutes="").exists()
    for decision in Decision.objects.all():
        assert decision.measure.source == decision


def test_every_seeded_meeting_is_at_its_series_time():
    call_command("seed_demo")
    for meeting in Meeting.objects.select_related("series"):
        assert meeting.start_time == meeting.series.start_time
        assert meeting.starts_at.tzinfo.key == "Europe/Stockholm"
