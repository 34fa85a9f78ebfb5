"""A safety walk points at its trygghetsmöte with a real foreign key
(insights/migrations/0004), offered from the meetings anyone may know of."""

import importlib
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from casework.models import Locality
from insights import services
from insights.models import SafetyWalk
from meetings.models import Meeting, WorkingGroup

pytestmark = pytest.mark.django_db
migration = importlib.import_module("insights.migrations.0005_walk_safety_meeting_foreign_key")


def _meeting(group, title, day, uid, status="planned"):
    return Meeting.objects.create(group=group, title=title, uid=uid, date=day,
                                  start_time="18:00", end_time="20:00", status=status)


def test_the_walk_is_tied_to_a_meeting_picked_in_the_form(client, coordinator):
    today = timezone.localdate()
    open_group = WorkingGroup.objects.create(name="Trygghetsrådet test")
    sensitive = WorkingGroup.objects.create(name="Extremismgruppen test",
                                            handles_sensitive=True)
    meeting = _meeting(open_group, "Trygghetsmöte Dalstorp", today + timedelta(days=7), "m1")
    _meeting(sensitive, "Hemligt möte", today + timedelta(days=8), "m2")
    _meeting(open_group, "Inställt möte", today + timedelta(days=9), "m3", status="cancelled")
    client.force_login(coordinator)
    form = client.get("/trygghetsvandringar/ny/").content.decode()
    # The form offers the open group's meeting, never a sensitive group's
    # or a called-off one.
    assert f"{meeting.date.isoformat()} Trygghetsmöte Dalstorp" in form
    assert "Hemligt möte" not in form and "Inställt möte" not in form
    locality = Locality.objects.get(name="Dalstorp")
    response = client.post("/trygghetsvandringar/ny/", {
        "locality": locality.pk, "date": today.isoformat(), "meeting_point": "Torget",
        "residents_count": 3, "safety_meeting": meeting.pk})
    assert response.status_code == 302
    walk = SafetyWalk.objects.get()
    assert walk.safety_meeting == meeting
    assert "Trygghetsmöte Dalstorp" in client.get(
        f"/trygghetsvandringar/{walk.pk}/").content.decode()
    # A sensitive group's meeting cannot be posted either: a Swedish 400.
    hidden = Meeting.objects.get(uid="m2")
    bad = client.post("/trygghetsvandringar/ny/", {
        "locality": locality.pk, "date": today.isoformat(), "meeting_point": "Torget",
        "residents_count": 3, "safety_meeting": hidden.pk})
    assert bad.status_code == 400
    assert "Välj ett giltigt alternativ" in bad.content.decode()


def test_removing_the_meeting_keeps_the_walk(db):
    group = WorkingGroup.objects.create(name="Trygghetsrådet test")
    meeting = _meeting(group, "Trygghetsmöte", date(2026, 5, 1), "m1")
    walk = services.walk_create(locality=Locality.objects.get(name="Dalstorp"),
                                date=date(2026, 5, 12), meeting_point="Torget",
                                safety_meeting=meeting)
    meeting.delete()
    walk.refresh_from_db()
    assert walk.safety_meeting is None


def test_the_migration_keeps_ids_of_meetings_and_clears_the_others(db):
    group = WorkingGroup.objects.create(name="Trygghetsrådet test")
    meeting = _meeting(group, "Trygghetsmöte", date(2026, 5, 1), "m1")
    locality = Locality.objects.get(name="Dalstorp")
    kept = services.walk_create(locality=locality, date=date(2026, 5, 12),
                                meeting_point="A", safety_meeting=meeting)
    orphan = services.walk_create(locality=locality, date=date(2026, 5, 13),
                                  meeting_point="B")
    # Before: a bare id naming no meeting, as the integer column allowed (the
    # key's constraint is deferred, so the test can write it).
    SafetyWalk.objects.filter(pk=orphan.pk).update(safety_meeting_id=meeting.pk + 1000)
    migration.clear_missing_meetings(apps, None)
    # After: the id of a meeting is kept, the one naming nothing is null.
    assert SafetyWalk.objects.get(pk=kept.pk).safety_meeting_id == meeting.pk
    assert SafetyWalk.objects.get(pk=orphan.pk).safety_meeting_id is None
