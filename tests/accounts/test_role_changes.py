"""Role changes are evidence: every grant and removal reaches the access log
with who, when and through which channel, whichever end of the relation is
used; grants of roles that see concerns wait for a second person when the
setting says so, and a self-grant always waits."""

import sys

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import RoleGrantRequest
from accounts.role_changes import Channel, current_channel, role_change_channel
from accounts.roles import Role
from audit.models import AccessLogEntry

Action = AccessLogEntry.Action


def role(name):
    return Group.objects.get_or_create(name=name)[0]


def rows(action):
    return list(AccessLogEntry.objects.filter(action=action).order_by("id"))


def admin_change(client, admin_user, target, groups):
    """POST the admin's change form for `target` with these groups."""
    data = {
        "username": target.username, "first_name": target.first_name,
        "last_name": target.last_name, "email": target.email, "is_active": "on",
        "groups": [group.pk for group in groups], "organisation": target.organisation_id or "",
        "title": target.title,
        "date_joined_0": target.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": target.date_joined.strftime("%H:%M:%S"),
        "initial-date_joined_0": target.date_joined.strftime("%Y-%m-%d"),
        "initial-date_joined_1": target.date_joined.strftime("%H:%M:%S"),
    }
    if target.is_staff:
        data["is_staff"] = "on"
    if target.is_superuser:
        data["is_superuser"] = "on"
    client.force_login(admin_user)
    return client.post(reverse("admin:accounts_user_change", args=[target.pk]), data)


@pytest.mark.django_db
def test_a_grant_and_a_removal_from_either_end_are_logged(make_user):
    user = make_user("sara")
    coordinator, reporter = role(Role.COORDINATOR), role(Role.REPORTER)
    user.groups.add(coordinator)
    reporter.user_set.add(user)
    user.groups.remove(coordinator)
    reporter.user_set.clear()

    granted = rows(Action.ROLE_GRANTED)
    removed = rows(Action.ROLE_REMOVED)
    assert [(r.object_id, r.object_reference) for r in granted] == [
        (user.pk, Role.COORDINATOR), (user.pk, Role.REPORTER)]
    assert [(r.object_id, r.object_reference) for r in removed] == [
        (user.pk, Role.COORDINATOR), (user.pk, Role.REPORTER)]
    # a script has no person behind it: the row says so, and names the target
    assert granted[0].username == "" and granted[0].user_id is None
    assert granted[0].detail == f"sara: {Role.COORDINATOR} (system)"
    assert granted[0].basis == AccessLogEntry.Basis.ADMINISTRATION


@pytest.mark.django_db
def test_a_management_command_is_named_as_the_channel(make_user, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["manage.py", "seed_demo"])
    assert current_channel().path == "manage.py seed_demo"
    from accounts import demo

    demo.seed()
    row = AccessLogEntry.objects.filter(action=Action.ROLE_GRANTED,
                                        detail__startswith="samordnare:").get()
    assert row.path == "manage.py seed_demo"
    assert row.object_reference == Role.COORDINATOR
    # seeding again changes nothing, so it logs nothing more
    before = AccessLogEntry.objects.count()
    demo.seed()
    assert AccessLogEntry.objects.count() == before


@pytest.mark.django_db
def test_the_admin_logs_who_granted_through_which_page(client, make_user):
    admin_user = make_user("root", is_staff=True, is_superuser=True)
    target = make_user("nils")
    response = admin_change(client, admin_user, target, [role(Role.REPORTER)])
    assert response.status_code == 302
    row = rows(Action.ROLE_GRANTED)[-1]
    assert (row.username, row.object_id, row.object_reference) == (
        "root", target.pk, Role.REPORTER)
    assert row.path == reverse("admin:accounts_user_change", args=[target.pk])
    assert row.detail.endswith("(admin)")

    admin_change(client, admin_user, target, [])
    removed = rows(Action.ROLE_REMOVED)[-1]
    assert (removed.username, removed.object_reference) == ("root", Role.REPORTER)


@pytest.mark.django_db
def test_an_admin_cannot_make_himself_coordinator(client, make_user, settings):
    settings.ROLE_GRANT_NEEDS_APPROVAL = False
    admin_user = make_user("root", is_staff=True, is_superuser=True)
    admin_change(client, admin_user, admin_user, [role(Role.COORDINATOR)])
    admin_user.refresh_from_db()
    # held, not granted, even with approval switched off; and logged
    assert not admin_user.groups.filter(name=Role.COORDINATOR).exists()
    held = RoleGrantRequest.objects.get()
    assert (held.user, held.requested_by, held.decision) == (admin_user, admin_user, "pending")
    row = rows(Action.ROLE_GRANT_HELD)[-1]
    assert (row.username, row.object_id, row.object_reference) == (
        "root", admin_user.pk, Role.COORDINATOR)
    assert rows(Action.ROLE_GRANTED) == []
    # nor can he approve his own request
    response = client.post(reverse("role-grant-decide", args=[held.pk]),
                           {"decision": "approve"})
    assert response.status_code == 403
    assert "En annan person måste besluta" in response.content.decode()
    assert not admin_user.groups.filter(name=Role.COORDINATOR).exists()


@pytest.mark.django_db
def test_with_approval_on_a_second_person_decides(client, make_user, settings):
    settings.ROLE_GRANT_NEEDS_APPROVAL = True
    first = make_user("root", is_staff=True, is_superuser=True)
    second = make_user("root2", is_staff=True, is_superuser=True)
    target = make_user("sara")
    admin_change(client, first, target, [role(Role.COORDINATOR), role(Role.GROUP_MEMBER)])
    # the role that sees concerns waits; the other is given at once
    assert set(target.groups.values_list("name", flat=True)) == {Role.GROUP_MEMBER}
    held = RoleGrantRequest.objects.get(user=target)

    page = client.get(reverse("role-grant-requests")).content.decode()
    assert "En annan person måste besluta." in page
    client.force_login(second)
    page = client.get(reverse("role-grant-requests")).content.decode()
    assert "sara" in page and "Godkänn" in page
    response = client.post(reverse("role-grant-decide", args=[held.pk]),
                           {"decision": "approve"})
    assert response.status_code == 302
    assert target.groups.filter(name=Role.COORDINATOR).exists()
    approved = rows(Action.ROLE_GRANT_APPROVED)[-1]
    granted = rows(Action.ROLE_GRANTED)[-1]
    assert approved.username == granted.username == "root2"
    assert granted.detail == f"sara: {Role.COORDINATOR} (approval)"
    # decided once: a second decision is refused
    again = client.post(reverse("role-grant-decide", args=[held.pk]), {"decision": "refuse"})
    assert again.status_code == 403


@pytest.mark.django_db
def test_a_refusal_is_logged_and_grants_nothing(client, make_user, settings):
    settings.ROLE_GRANT_NEEDS_APPROVAL = True
    first = make_user("root", is_staff=True, is_superuser=True)
    second = make_user("root2", is_staff=True, is_superuser=True)
    target = make_user("sara")
    admin_change(client, first, target, [role(Role.CONCERN_DEPUTY)])
    held = RoleGrantRequest.objects.get(user=target)
    client.force_login(second)
    bad = client.post(reverse("role-grant-decide", args=[held.pk]), {"decision": "kanske"})
    assert bad.status_code == 400
    client.post(reverse("role-grant-decide", args=[held.pk]), {"decision": "refuse"})
    held.refresh_from_db()
    assert held.decision == "refused" and held.decided_by == second
    assert not target.groups.exists()
    assert rows(Action.ROLE_GRANT_REFUSED)[-1].username == "root2"


@pytest.mark.django_db
def test_grants_by_the_identity_provider_or_a_command_are_not_held(make_user, settings):
    settings.ROLE_GRANT_NEEDS_APPROVAL = True
    user = make_user("sara")
    with role_change_channel(Channel(name="oidc", path="oidc:https://idp.example.org")):
        user.groups.add(role(Role.COORDINATOR))
    assert user.groups.filter(name=Role.COORDINATOR).exists()
    assert rows(Action.ROLE_GRANTED)[-1].path == "oidc:https://idp.example.org"


@pytest.mark.django_db
def test_the_log_reviewer_sees_role_changes_at_logg(client, make_user):
    make_user("sara").groups.add(role(Role.COORDINATOR))
    client.force_login(make_user("ingrid", roles=[Role.LOG_REVIEWER]))
    page = client.get(reverse("audit:log"), {"action": "role_granted"}).content.decode()
    assert "roll tilldelad" in page
    assert f"sara: {Role.COORDINATOR} (system)" in page
