"""The per-request user: one query for user, roles and organisation, and
still read fresh on every request (a role taken away stops working at once)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.backends import UserBackend
from accounts.models import Organisation
from accounts.roles import Role, role_names

pytestmark = pytest.mark.django_db


def test_user_roles_and_organisation_come_in_one_query(make_user,
                                                       django_assert_num_queries):
    tsk = Organisation.objects.create(name="TSK", kind=Organisation.Kind.MUNICIPALITY)
    sara = make_user("sara", roles=[Role.COORDINATOR, Role.LOG_REVIEWER], organisation=tsk)
    with django_assert_num_queries(1):
        user = UserBackend().get_user(sara.pk)
        assert role_names(user) == {Role.COORDINATOR, Role.LOG_REVIEWER}
        assert user.organisation.kind == Organisation.Kind.MUNICIPALITY


def test_a_user_without_roles_or_organisation(make_user):
    user = UserBackend().get_user(make_user("olle", organisation=None).pk)
    assert role_names(user) == frozenset() and user.organisation is None


def test_unknown_and_inactive_users_get_no_user(make_user):
    assert UserBackend().get_user(999_999) is None
    assert UserBackend().get_user(make_user("borta", is_active=False).pk) is None


def test_a_role_taken_away_stops_working_on_the_next_request(client, make_user):
    sara = make_user("sara", roles=[Role.COORDINATOR])
    client.force_login(sara)
    assert client.get(reverse("workflows:inbox")).status_code == 200
    sara.groups.remove(Group.objects.get(name=Role.COORDINATOR))
    assert client.get(reverse("workflows:inbox")).status_code == 403


def test_a_deactivated_user_is_logged_out_on_the_next_request(client, make_user):
    sara = make_user("sara", roles=[Role.COORDINATOR])
    client.force_login(sara)
    sara.is_active = False
    sara.save()
    assert client.get(reverse("workflows:inbox")).status_code == 302
