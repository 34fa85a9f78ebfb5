"""The Django admin answers to the same rules as the views (audit.admin
.NeedToKnowAdmin): a superuser without a role is an outsider, a report moved
to the concern track is shown to no one, a sensitive group's meetings are
seen by its members and the coordinator only and every such read is logged;
concerns, referrals and the access log are not in the admin at all."""

from datetime import time, timedelta

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.roles import Role
from audit.models import AccessLogEntry
from tests.factories.casework import make_report
from tests.support.refuse import refuse_inserts

pytestmark = pytest.mark.django_db

SECRET_AGENDA = "Hemlig dagordning om radikalisering"
MOVED_TEXT = "Uppgift om person som dras in i extremistisk miljö"


@pytest.fixture
def staff(make_user):
    """Admin users: a superuser without roles, and staff holding roles."""
    return {
        "superuser": make_user("admin", is_staff=True, is_superuser=True),
        "coordinator": make_user("admin-samordnare", is_staff=True,
                                 roles=[Role.COORDINATOR]),
        "superuser_coordinator": make_user("super-samordnare", is_staff=True,
                                           is_superuser=True, roles=[Role.COORDINATOR]),
        "member": make_user("admin-medlem", is_staff=True, is_superuser=True,
                            roles=[Role.GROUP_MEMBER]),
        "reporter": make_user("admin-rapportor", roles=[Role.REPORTER]),
    }


@pytest.fixture
def moved_report(staff):
    from casework.models import Report

    report = make_report(staff["reporter"], description=MOVED_TEXT)
    Report.objects.filter(pk=report.pk).update(status="moved")
    return report


@pytest.fixture
def sensitive_meeting(staff):
    from meetings import services

    group = services.group_create(name="Testgrupp extremism (känslig)",
                                  handles_sensitive=True)
    services.membership_add(group=group, user=staff["member"])
    day = timezone.localdate() + timedelta(days=7)
    services.series_create(group=group, title="Testmöte Z", rrule="FREQ=DAILY;COUNT=1",
                           starts_on=day, ends_on=day, start_time=time(9, 0),
                           end_time=time(10, 0))
    meeting = group.meetings.get()
    meeting.agenda = SECRET_AGENDA
    meeting.save(update_fields=["agenda"])
    return meeting


def _admin_url(name, *args):
    return reverse(f"admin:{name}", args=args)


def _meeting_reads(meeting):
    return AccessLogEntry.objects.filter(action="read", object_type="meeting",
                                         object_id=meeting.pk)


@pytest.mark.parametrize("persona", ["superuser", "coordinator", "superuser_coordinator"])
def test_a_moved_report_is_in_no_admin_page(client, staff, moved_report, persona):
    client.force_login(staff[persona])
    listing = client.get(_admin_url("casework_report_changelist"), {"status__exact": "moved"})
    # The filter that found it before now finds nothing, for anyone.
    assert listing.status_code == 200
    assert moved_report.reference not in listing.content.decode()
    for page in ("change", "history", "delete"):
        response = client.get(_admin_url(f"casework_report_{page}", moved_report.pk))
        # 404, like a report that does not exist (not Django's redirect).
        assert response.status_code == 404, page
    # Nor can it be changed through the admin.
    post = client.post(_admin_url("casework_report_change", moved_report.pk),
                       {"description": "ändrad"})
    assert post.status_code == 404
    moved_report.refresh_from_db()
    assert moved_report.description == MOVED_TEXT


def test_a_superuser_without_a_role_sees_no_one_elses_report(client, staff):
    report = make_report(staff["reporter"])
    client.force_login(staff["superuser"])
    listing = client.get(_admin_url("casework_report_changelist"))
    assert report.reference not in listing.content.decode()
    assert client.get(_admin_url("casework_report_change", report.pk)).status_code == 404
    # The coordinator, EST staff, does see it.
    client.force_login(staff["coordinator"])
    assert report.reference in client.get(
        _admin_url("casework_report_changelist")).content.decode()
    assert client.get(_admin_url("casework_report_change", report.pk)).status_code == 200


def test_a_sensitive_meeting_is_hidden_from_a_superuser(client, staff, sensitive_meeting):
    from meetings.models import Decision

    decision = Decision.objects.create(meeting=sensitive_meeting, text="Hemligt beslut")
    client.force_login(staff["superuser"])
    listing = client.get(_admin_url("meetings_meeting_changelist"))
    assert listing.status_code == 200
    assert SECRET_AGENDA not in listing.content.decode()
    assert sensitive_meeting.title not in listing.content.decode()
    assert client.get(_admin_url("meetings_meeting_change",
                                 sensitive_meeting.pk)).status_code == 404
    assert client.get(_admin_url("meetings_meeting_history",
                                 sensitive_meeting.pk)).status_code == 404
    assert "Hemligt beslut" not in client.get(
        _admin_url("meetings_decision_changelist")).content.decode()
    assert client.get(_admin_url("meetings_decision_change", decision.pk)).status_code == 404
    # Nothing was shown, so nothing was read.
    assert not _meeting_reads(sensitive_meeting).exists()


@pytest.mark.parametrize("persona,basis", [("superuser_coordinator", "coordinator"),
                                           ("member", "group_member")])
def test_each_admin_read_of_a_sensitive_meeting_is_logged(client, staff, sensitive_meeting,
                                                          persona, basis):
    client.force_login(staff[persona])
    url = _admin_url("meetings_meeting_change", sensitive_meeting.pk)
    page = client.get(url)
    assert page.status_code == 200 and SECRET_AGENDA in page.content.decode()
    # A POST that fails validation shows the agenda again: a second read.
    invalid = client.post(url, {"title": "", "agenda": SECRET_AGENDA})
    assert invalid.status_code == 200 and SECRET_AGENDA in invalid.content.decode()
    rows = list(_meeting_reads(sensitive_meeting).values_list("username", "basis", "path"))
    assert rows == [(staff[persona].username, basis, url)] * 2


def test_a_sensitive_decision_read_in_the_admin_is_logged(client, staff, sensitive_meeting):
    from meetings.models import Decision

    decision = Decision.objects.create(meeting=sensitive_meeting, text="Hemligt beslut")
    client.force_login(staff["member"])
    assert client.get(_admin_url("meetings_decision_change", decision.pk)).status_code == 200
    assert AccessLogEntry.objects.filter(action="read", object_type="decision",
                                         object_id=decision.pk,
                                         basis="group_member").count() == 1


def test_the_admin_read_fails_closed_without_a_log(client, staff, sensitive_meeting):
    refuse_inserts("audit_accesslogentry")
    client.force_login(staff["superuser_coordinator"])
    response = client.get(_admin_url("meetings_meeting_change", sensitive_meeting.pk))
    # No log row, no agenda.
    assert response.status_code == 503
    assert SECRET_AGENDA not in response.content.decode()


def test_an_open_groups_meeting_is_read_without_a_log_row(client, staff):
    from meetings import services

    group = services.group_create(name="Öppen testgrupp", chair=staff["coordinator"])
    day = timezone.localdate() + timedelta(days=3)
    services.series_create(group=group, title="Halvdag", rrule="FREQ=DAILY;COUNT=1",
                           starts_on=day, ends_on=day, start_time=time(9, 0),
                           end_time=time(12, 0))
    meeting = group.meetings.get()
    client.force_login(staff["superuser_coordinator"])
    assert client.get(_admin_url("meetings_meeting_change", meeting.pk)).status_code == 200
    # Only sensitive groups' meetings are logged reads.
    assert not _meeting_reads(meeting).exists()


def test_concerns_referrals_and_the_access_log_are_not_in_the_admin(client, staff):
    registered = {model._meta.label for model in admin.site._registry}
    # No model of the concerns app and no access-log row is registered...
    assert not {label for label in registered if label.startswith("concerns.")}
    assert "audit.AccessLogEntry" not in registered
    assert "admin.LogEntry" not in registered
    # ...so there is no admin URL for them, and the app pages do not exist.
    for name in ("concerns_concern_changelist", "concerns_referral_changelist",
                 "audit_accesslogentry_changelist"):
        with pytest.raises(NoReverseMatch):
            reverse(f"admin:{name}")
    client.force_login(staff["superuser_coordinator"])
    for path in ("/admin/concerns/", "/admin/concerns/concern/", "/admin/audit/",
                 "/admin/audit/accesslogentry/"):
        assert client.get(path).status_code == 404, path


def test_the_outbox_admin_shows_delivery_data_only(client, staff):
    from notifications.models import OutgoingEmail

    email = OutgoingEmail.objects.create(
        key="test-referral-1", to_email="soc@example.org", template="referral_sent",
        context={"subject_name": "Testa Testsson"}, calendar="BEGIN:VCALENDAR",
        attachments=[{"filename": "dagordning.pdf", "mimetype": "application/pdf",
                      "content_b64": "SGVtbGln"}])
    client.force_login(staff["superuser"])
    page = client.get(_admin_url("notifications_outgoingemail_change", email.pk))
    body = page.content.decode()
    # What the mail is about stays out of the admin; who and when are there.
    assert page.status_code == 200 and "soc@example.org" in body
    for secret in ("Testa Testsson", "BEGIN:VCALENDAR", "dagordning.pdf", "SGVtbGln"):
        assert secret not in body


def test_a_superuser_without_a_role_cannot_open_cases(client, staff):
    from casework.models import Case

    case = Case.objects.create(reference="A-2026-0001", title="Klotter i centrum")
    client.force_login(staff["superuser"])
    # casework.view_case is EST staff's, and binds superusers.
    assert client.get(_admin_url("casework_case_changelist")).status_code == 403
    assert client.get(_admin_url("casework_case_change", case.pk)).status_code == 404
    client.force_login(staff["coordinator"])
    assert client.get(_admin_url("casework_case_change", case.pk)).status_code == 200


SECRET_DECISION = "Hemligt beslut om stödinsats för en ung person"


@pytest.fixture
def restricted_measure(staff, sensitive_meeting):
    from accounts.models import Organisation
    from meetings import services

    organisation = Organisation.objects.first()
    decision = services.decision_add(meeting=sensitive_meeting, text=SECRET_DECISION,
                                     actor=staff["member"], owner=staff["member"],
                                     owner_organisation=organisation)
    assert decision.measure.restricted_to_group_id == sensitive_meeting.group_id
    return decision.measure


@pytest.mark.parametrize("persona", ["superuser"])
def test_a_restricted_measure_is_hidden_from_admin_outsiders(client, staff, restricted_measure,
                                                             persona):
    """Seam of the admin and the sensitive-group rule: a superuser outside the
    group neither lists nor opens the measure made from its decision."""
    client.force_login(staff[persona])
    # no measure list for a superuser without a role (the access matrix), and
    # the restricted measure's own page is not found
    assert client.get(_admin_url("casework_measure_changelist")).status_code == 403
    change = client.get(_admin_url("casework_measure_change", restricted_measure.pk))
    assert change.status_code == 404


@pytest.mark.parametrize("persona", ["coordinator", "superuser_coordinator"])
def test_a_restricted_measure_read_in_the_admin_is_logged(client, staff, restricted_measure,
                                                          persona):
    client.force_login(staff[persona])
    change = client.get(_admin_url("casework_measure_change", restricted_measure.pk))
    assert change.status_code == 200
    assert AccessLogEntry.objects.filter(action="read", object_type="measure",
                                         object_id=restricted_measure.pk,
                                         username=staff[persona].username).exists()


def test_sign_in_secrets_are_not_in_the_admin():
    """Second-factor secrets, recovery codes, the provider's secret, tokens and
    SSO claims have no admin page (django-allauth registers them)."""
    registered = {f"{m._meta.app_label}.{m.__name__}" for m in admin.site._registry}
    assert not registered & {"mfa.Authenticator", "socialaccount.SocialApp",
                             "socialaccount.SocialToken", "socialaccount.SocialAccount",
                             "account.EmailAddress"}
