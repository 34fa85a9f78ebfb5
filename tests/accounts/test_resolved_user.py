"""`request.user` is the user itself, resolved once per request
(accounts.middleware.ResolvedUserMiddleware), and still the session's user."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils.functional import LazyObject

from accounts.models import User
from accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_a_signed_in_request_carries_its_user_not_a_stand_in(client, make_user):
    anna = make_user("anna", roles=[Role.COORDINATOR])
    client.force_login(anna)
    request = client.get("/").wsgi_request
    assert not isinstance(request.user, LazyObject)
    assert type(request.user) is User
    assert request.user.pk == anna.pk


def test_an_anonymous_request_carries_the_anonymous_user(client):
    request = client.get("/accounts/login/").wsgi_request
    assert not isinstance(request.user, LazyObject)
    assert isinstance(request.user, AnonymousUser)


def test_a_deactivated_user_is_signed_out_on_the_next_request(client, make_user):
    anna = make_user("anna", roles=[Role.COORDINATOR])
    client.force_login(anna)
    assert client.get("/").wsgi_request.user.is_authenticated
    anna.is_active = False
    anna.save()
    assert not client.get("/").wsgi_request.user.is_authenticated
