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


def test_the_second_request_reads_the_user_from_the_cache(make_user,
                                                          django_assert_num_queries):
    sara = make_user("sara", roles=[Role.COORDINATOR])
    UserBackend().get_user(sara.pk)
    with django_assert_num_queries(0):
        user = UserBackend().get_user(sara.pk)
        assert role_names(user) == {Role.COORDINATOR}


def test_every_change_that_matters_replaces_the_cached_user(make_user,
                                                             django_assert_num_queries):
    tsk = Organisation.objects.create(name="TSK", kind=Organisation.Kind.MUNICIPALITY)
    sara = make_user("sara", roles=[Role.COORDINATOR], organisation=tsk)
    coordinators = Group.objects.get(name=Role.COORDINATOR)
    changes = [
        lambda: coordinators.user_set.remove(sara),  # from the group's side
        lambda: sara.groups.add(Group.objects.get(name=Role.LOG_REVIEWER)),
        lambda: Organisation.objects.filter(pk=tsk.pk).first().save(),
        lambda: Group.objects.get(name=Role.LOG_REVIEWER).user_set.clear(),
    ]
    for change in changes:
        UserBackend().get_user(sara.pk)
        change()
        with django_assert_num_queries(1):  # read again, not served from memory
            user = UserBackend().get_user(sara.pk)
        assert user.organisation == tsk
    assert role_names(user) == frozenset()


def test_a_role_taken_away_on_the_cache_path_stops_working(client, make_user):
    sara = make_user("sara", roles=[Role.COORDINATOR])
    client.force_login(sara)
    for _ in range(2):  # the second request is served from the cache
        assert client.get(reverse("workflows:inbox")).status_code == 200
    Group.objects.get(name=Role.COORDINATOR).user_set.remove(sara)
    assert client.get(reverse("workflows:inbox")).status_code == 403


def test_with_the_shared_cache_away_the_user_comes_from_the_database(
        make_user, settings, django_assert_num_queries):
    sara = make_user("sara", roles=[Role.COORDINATOR])
    settings.CACHES = {**settings.CACHES, "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0"}}  # nothing listens there
    for _ in range(2):
        with django_assert_num_queries(1):
            assert role_names(UserBackend().get_user(sara.pk)) == {Role.COORDINATOR}
