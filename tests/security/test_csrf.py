"""CSRF: every state-changing request without a token is refused (403), for
every URL of the access matrix, with Django's real middleware enforcing it."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.security.matrix import collect
from tests.security.test_access_matrix import World

ROWS, _ = collect()
# One entry per URL (a URL may have a GET and a POST row).
URL_ROWS = list({row.name: row for row in ROWS}.values())


@pytest.mark.django_db
@pytest.mark.parametrize("row", URL_ROWS, ids=lambda row: row.name)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_state_changing_requests_without_a_token_are_refused(row, method):
    world = World()
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("staff"))
    url = reverse(row.name, kwargs=row.kwargs(world) if row.kwargs else {})
    response = getattr(client, method)(url, {})
    # the CSRF middleware (or DRF's session check) refuses before the view acts
    assert response.status_code == 403, f"{method.upper()} {url}: {response.status_code}"


@pytest.mark.django_db
def test_login_without_a_token_is_refused_with_a_swedish_page(make_user):
    make_user("sara")
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "sara",
                                              "password": "correct horse battery"})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
    assert "Formuläret har gått ut" in response.content.decode()


@pytest.mark.django_db
def test_login_with_the_token_from_the_form_works(make_user):
    make_user("sara")
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("login"))
    token = client.cookies["csrftoken"].value
    response = client.post(reverse("login"), {
        "username": "sara", "password": "correct horse battery", "csrfmiddlewaretoken": token,
    })
    # the same request with the form's token passes: the 403 above was the token
    assert response.status_code == 302
    assert client.session.get("_auth_user_id")


@pytest.mark.django_db
def test_logout_without_a_token_keeps_the_session(make_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("sara"))
    assert client.post(reverse("logout")).status_code == 403
    assert client.get(reverse("core:home")).status_code == 200
