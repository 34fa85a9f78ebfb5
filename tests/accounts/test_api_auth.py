"""API token authentication with the cached user (accounts/api_auth.py)."""

import pytest
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed

from accounts.api_auth import CachedUserTokenAuthentication
from accounts.roles import Role, role_names

pytestmark = pytest.mark.django_db


def test_a_kept_token_is_no_query_and_the_user_comes_with_its_roles(
        make_user, django_assert_num_queries):
    sara = make_user("sara", roles=[Role.REPORTER])
    token = Token.objects.create(user=sara)
    auth = CachedUserTokenAuthentication()
    with django_assert_num_queries(2):  # the token, then the user with its roles
        auth.authenticate_credentials(token.key)
    with django_assert_num_queries(0):  # both kept under the user's version
        user, got = auth.authenticate_credentials(token.key)
        assert role_names(user) == {Role.REPORTER}
    assert user.pk == sara.pk and got.key == token.key


def test_a_deleted_token_of_an_active_user_fails_on_the_next_request(make_user):
    sara = make_user("sara", roles=[Role.REPORTER])
    token = Token.objects.create(user=sara)
    auth = CachedUserTokenAuthentication()
    auth.authenticate_credentials(token.key)  # kept
    old_key = token.key
    Token.objects.filter(pk=old_key).delete()  # a queryset delete, as the admin does
    with pytest.raises(AuthenticationFailed):
        auth.authenticate_credentials(old_key)
    new = Token.objects.create(user=sara)
    assert auth.authenticate_credentials(new.key)[0].pk == sara.pk
    with pytest.raises(AuthenticationFailed):
        auth.authenticate_credentials(old_key)


def test_a_role_taken_away_shows_on_the_next_request(make_user):
    sara = make_user("sara", roles=[Role.REPORTER, Role.POLICE])
    token = Token.objects.create(user=sara)
    auth = CachedUserTokenAuthentication()
    auth.authenticate_credentials(token.key)
    sara.groups.remove(Group.objects.get(name=Role.POLICE))
    user, _ = auth.authenticate_credentials(token.key)
    assert role_names(user) == {Role.REPORTER}


def test_a_deactivated_user_or_a_deleted_token_fails(make_user):
    sara = make_user("sara", roles=[Role.REPORTER])
    token = Token.objects.create(user=sara)
    auth = CachedUserTokenAuthentication()
    auth.authenticate_credentials(token.key)
    sara.is_active = False
    sara.save()
    with pytest.raises(AuthenticationFailed):
        auth.authenticate_credentials(token.key)
    key = token.key
    token.delete()
    with pytest.raises(AuthenticationFailed):
        auth.authenticate_credentials(key)
