"""Security keys (WebAuthn) next to the authenticator app: a key satisfies
the second-factor requirement like the app, a key-only user confirms with
the key, and the pages that change a user's devices are shut to a session
that has not shown one of them (the ceremony itself runs in Chromium:
tests/browser/test_security_key.py)."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from accounts.roles import Role
from accounts.second_factor import has_second_factor_device
from tests.support.second_factor import force_login_password_only, give_totp

PASSWORD = "correct horse battery"


def give_key(user) -> Authenticator:
    """A stored key (the pages here read only that there is one)."""
    return Authenticator.objects.create(user=user, type=Authenticator.Type.WEBAUTHN,
                                        data={"name": "Blå nyckel", "credential": {}})


def sent_to(response, url_name: str) -> bool:
    return response.status_code == 302 and response["Location"].startswith(
        reverse(url_name) + "?next=")


@pytest.mark.django_db
def test_a_key_is_a_second_factor_device(make_user):
    user = make_user("sara", roles=[Role.COORDINATOR])
    assert not has_second_factor_device(user)
    give_key(user)
    assert has_second_factor_device(user)


@pytest.mark.django_db
def test_a_key_only_user_is_asked_for_the_key_at_sign_in_and_in_the_areas(client, make_user):
    user = make_user("sara", roles=[Role.COORDINATOR])
    give_key(user)
    response = client.post(reverse("login"), {"username": "sara", "password": PASSWORD})
    # the key counts as a device: allauth's second-factor step, not enrolment
    assert response["Location"] == reverse("mfa_authenticate")

    force_login_password_only(client, user)
    # a password-alone session confirms with the key (the page has no code field)
    assert sent_to(client.get("/oro/"), "mfa_reauthenticate_webauthn")


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", [
    "mfa_index", "mfa_add_webauthn", "mfa_list_webauthn", "mfa_deactivate_totp",
    "mfa_view_recovery_codes", "mfa_generate_recovery_codes",
])
def test_a_password_alone_cannot_change_the_devices_of_a_user_who_has_one(
        client, make_user, url_name):
    # e.g. a staff password typed on the admin's login page: it must not be
    # enough to swap the user's app for an attacker's key
    user = make_user("root", is_staff=True)
    give_totp(user)
    force_login_password_only(client, user)
    assert sent_to(client.get(reverse(url_name)), "mfa_reauthenticate")


@pytest.mark.django_db
def test_the_confirmation_pages_stay_open_to_a_password_alone_session(client, make_user):
    user = make_user("root", is_staff=True)
    give_totp(user)
    force_login_password_only(client, user)
    assert client.get(reverse("mfa_reauthenticate")).status_code == 200


@pytest.mark.django_db
def test_a_user_without_a_device_may_enrol_a_key_after_the_password(client, make_user):
    user = make_user("sara", roles=[Role.COORDINATOR])
    client.post(reverse("login"), {"username": "sara", "password": PASSWORD})
    page = client.get(reverse("mfa_add_webauthn"))
    # the first device is enrolled right after the password, in Swedish
    assert page.status_code == 200
    assert "Lägg till en säkerhetsnyckel" in page.content.decode()
    assert not Authenticator.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_a_garbled_key_answer_is_refused_without_a_key(client, make_user):
    user = make_user("sara", roles=[Role.COORDINATOR])
    client.post(reverse("login"), {"username": "sara", "password": PASSWORD})
    client.get(reverse("mfa_add_webauthn"))
    response = client.post(reverse("mfa_add_webauthn"),
                           {"name": "Blå nyckel", "credential": '{"id": "x"}'})
    # refused in Swedish, the name kept, no key stored, /oro/ still shut
    assert response.status_code == 200
    assert "Felaktig kod." in response.content.decode()
    assert 'value="Blå nyckel"' in response.content.decode()
    assert not Authenticator.objects.filter(user=user).exists()
    assert client.get("/oro/").status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("answer", ['{"id": "x"}', '{"id": "x", "rawId": "x", "response": 1}',
                                    '"text"', '{"id": 5}'])
def test_a_garbled_answer_at_sign_in_is_a_wrong_code(client, make_user, answer):
    user = make_user("sara", roles=[Role.COORDINATOR])
    give_totp(user)
    client.post(reverse("login"), {"username": "sara", "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"credential": answer})
    # the code page again, in Swedish; not signed in
    assert response.status_code == 200
    assert "Felaktig kod." in response.content.decode()
    assert client.get("/oro/")["Location"].startswith(reverse("login"))


@pytest.mark.django_db
@pytest.mark.parametrize("with_key", [False, True])
def test_the_code_page_offers_a_security_key_only_to_a_user_who_has_one(
        client, make_user, with_key):
    user = make_user("root", is_staff=True)
    give_totp(user)
    if with_key:
        give_key(user)
    force_login_password_only(client, user)
    body = client.get(reverse("mfa_reauthenticate")).content.decode()
    # the code field is always there; the key link only with a key
    assert 'name="code"' in body
    assert ("Använd en säkerhetsnyckel i stället" in body) is with_key
    assert (reverse("mfa_reauthenticate_webauthn") in body) is with_key
