"""API token authentication with the cached user (accounts/api_auth.py)."""

import pytest
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed

from accounts.api_auth import CachedUserTokenAuthentication
from accounts.roles import Role, role_names

pytestmark = pytest.mark.django_db


def test_the_token_is_one_query_and_the_user_comes_with_its_roles(
        make_user, django_assert_num_queries):
    sara = make_user("sara", roles=[Role.REPORTER])
    token = Token.objects.create(user=sara)
    auth = CachedUserTokenAuthentication()
    auth.authenticate_credentials(token.key)  # the user is now kept
    with django_assert_num_queries(1):  # the token alone
        user, got = auth.authenticate_credentials(token.key)
        assert role_names(user) == {Role.REPORTER}
    assert user.pk == sara.pk and got.key == token.key


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
