"""Nothing of a sensitive working group leaves it (issue 18, point 3).

A decision recorded at a meeting of a group that handles sensitive matters
becomes a measure restricted to that group: its members and the
trygghetssamordnare read it; planeringschef, ledning, bostadsbolag, the
säkerhetssamordnare and members of other groups do not, on any channel
(measure pages and lists, agendas and their mail, digests, measure mail,
calendar files and feeds, the yearly report as HTML, PDF and XLSX)."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casework import services as casework_services
from casework.models import Measure
from casework.rules import may_see_measure_content, measure_content_q
from casework.selectors import measures_visible_to
from core.errors import Invalid
from meetings import services
from meetings.models import Decision
from notifications.models import OutgoingEmail

from .sensitive import SECRET, mail_text, one_meeting, page_text

pytestmark = pytest.mark.django_db


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
        assert SECRET in page_text(response)
    # the meeting page links the decision to its measure for the member
    client.force_login(world.member)
    page = page_text(client.get(reverse("meetings:meeting-detail",
                                    args=[world.sensitive_meeting.pk])))
    assert reverse("casework:measure-detail", args=[world.measure.pk]) in page


def test_measure_lists_leave_it_out_for_outsiders_and_show_it_inside(client, world):
    url = reverse("casework:measure-detail", args=[world.measure.pk])
    for user in (world.planning, world.management, world.security):
        client.force_login(user)
        response = client.get(reverse("casework:measure-list"))
        assert response.status_code == 200, user.username
        # neither the text nor a link to it
        assert SECRET not in page_text(response) and url not in page_text(response), user.username
        overdue = client.get(reverse("casework:measure-list") + "?status=decided")
        assert SECRET not in page_text(overdue)
    client.force_login(world.coordinator)
    assert SECRET in page_text(client.get(reverse("casework:measure-list")))
    # the owner, a member of the group, finds it among their own measures
    client.force_login(world.member)
    assert SECRET in page_text(client.get(reverse("casework:measure-list") + "?mina=1"))
    assert SECRET in page_text(client.get(reverse("core:home")))


def test_a_restricted_measure_cannot_be_tied_to_a_situation_picture(client, world):
    from casework.models import SituationPicture

    picture = SituationPicture.objects.create(
        title="Vecka 1", period_kind="week", period_start=timezone.localdate(),
        period_end=timezone.localdate())
    with pytest.raises(Invalid):
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
    assert "kan inte kopplas till ett ärende eller en lägesbild" in page_text(response)
    assert not picture.measures.exists()


def test_a_responsible_person_outside_the_group_is_refused(client, world):
    client.force_login(world.chair)
    response = client.post(reverse("meetings:decision-add", args=[world.sensitive_meeting.pk]), {
        "text": "Ett annat beslut", "make_measure": "on", "owner": world.planning.pk,
        "owner_organisation": world.planning.organisation_id})
    assert response.status_code == 400
    assert "måste vara medlem i den gruppen" in page_text(response)
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
    assert response.status_code == 200 and SECRET not in page_text(response)
    # and the agenda mail to its members carries no trace either
    services.meeting_agenda_save(meeting=meeting, agenda=meeting.agenda, send=True)
    rows = OutgoingEmail.objects.filter(key__contains=":agenda:",
                                        key__startswith=f"meeting:{meeting.pk}:")
    assert rows.count() == 5  # the chair and the four outsiders
    for row in rows:
        # an open group's agenda mail carries the agenda text, without the measure
        assert "Öppna åtgärder: 0" in row.context["text"]
        assert SECRET not in json.dumps(row.context, ensure_ascii=False)
        assert SECRET not in mail_text(row)


def test_the_groups_own_agenda_lists_its_measure(world):
    later = one_meeting(world.sensitive, timezone.localdate() + timedelta(days=21))
    meeting = services.meeting_agenda_draft(meeting=later)
    assert SECRET in meeting.agenda
    # its agenda mail still carries no content (a link only)
    services.meeting_agenda_save(meeting=meeting, agenda=meeting.agenda, send=True)
    for row in OutgoingEmail.objects.filter(key__startswith=f"meeting:{meeting.pk}:",
                                            key__contains=":agenda:"):
        assert SECRET not in mail_text(row)
