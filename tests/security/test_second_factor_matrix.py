"""The access matrix for a password-alone session: no persona, whatever its
roles, reaches a row under /oro/, /remisser/, /logg/ or /admin/ with only a
password. Without an authenticator app the answer is the enrolment guidance;
with one, the code page, and the way back to the row afterwards."""

from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse

from tests.security.matrix import PERSONAS
from tests.security.test_access_matrix import ROWS, World, project_url_names, request, row_id
from tests.support.second_factor import force_login_password_only, give_totp

PROTECTED = ("/oro/", "/remisser/", "/logg/", "/admin/", "/api/oro/",
             "/accounts/behorigheter/")
ADMIN_PATHS = ["/admin/", "/admin/accounts/user/", "/admin/auth/group/"]


def protected_rows():
    routes = project_url_names()
    return [row for row in ROWS if ("/" + routes[row.name]).startswith(PROTECTED)]


def sent_to(response, url_name: str) -> bool:
    location = response.get("Location", "")
    return response.status_code == 302 and location.startswith(reverse(url_name) + "?next=")


@pytest.mark.django_db
@pytest.mark.parametrize("row", protected_rows(), ids=row_id)
def test_a_password_alone_reaches_no_protected_row(row):
    world = World()
    wrong = []
    for persona in PERSONAS:
        client = Client()
        force_login_password_only(client, world.user(persona))
        response = request(client, row, world)
        if not sent_to(response, "second-factor-setup"):
            wrong.append(f"{persona}: got {response.status_code} {response.get('Location', '')}")
    # every persona is sent to set up a second factor instead
    assert not wrong, f"{row_id(row)}:\n" + "\n".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ADMIN_PATHS)
@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_a_password_alone_does_not_open_the_admin(path, persona):
    client = Client()
    force_login_password_only(client, World().user(persona))
    response = client.get(path)
    # the admin too, for everyone, staff included
    assert sent_to(response, "second-factor-setup")
    assert response["Location"].endswith("?next=" + quote(path, safe=""))


@pytest.mark.django_db
def test_a_user_with_an_app_is_asked_for_a_code_and_comes_back():
    world = World()
    user = world.user("coordinator")
    give_totp(user)
    client = Client()
    force_login_password_only(client, user)
    response = client.get(reverse("concerns:concern-list"))
    # a session without the code confirms with it, then returns to /oro/
    assert sent_to(response, "mfa_reauthenticate")
    assert response["Location"].endswith("?next=%2Foro%2F")


def test_the_matrix_has_rows_in_every_protected_area():
    routes = project_url_names()
    paths = {"/" + routes[row.name] for row in protected_rows()}
    # the sweep above covers concerns, referrals and the log (admin: own test)
    for prefix in ("/oro/", "/remisser/", "/logg/"):
        assert any(path.startswith(prefix) for path in paths), prefix
