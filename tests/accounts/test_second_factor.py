"""The second factor through the real login page (Django's form, django-axes,
then allauth's stages): who must have one, what a password alone reaches, a
TOTP code and a recovery code at sign-in, enrolment, and the demo users."""

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.urls import reverse

from accounts.roles import Role
from accounts.second_factor import must_have_second_factor
from tests.support.second_factor import TEST_TOTP_SECRET, give_totp, totp_code

PASSWORD = "correct horse battery"
PROTECTED = ["/oro/", "/remisser/", "/logg/", "/admin/"]


def password_login(client, username, next_url=""):
    data = {"username": username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data)


@pytest.mark.django_db
@pytest.mark.parametrize(("roles", "attrs", "must"), [
    ([Role.COORDINATOR], {}, True),
    ([Role.CONCERN_DEPUTY], {}, True),
    ([Role.SOCIAL_SERVICES], {}, True),
    ([Role.LOG_REVIEWER], {}, True),
    ([], {"is_staff": True}, True),
    ([], {"is_superuser": True}, True),
    ([Role.REPORTER], {}, False),
    ([Role.POLICE, Role.REPORTER], {}, False),
    ([Role.MANAGEMENT, Role.PLANNING_CHIEF, Role.GROUP_MEMBER], {}, False),
    ([Role.SECURITY_COORDINATOR], {}, False),
])
def test_who_must_have_a_second_factor(make_user, roles, attrs, must):
    assert must_have_second_factor(make_user(roles=roles, **attrs)) is must


@pytest.mark.django_db
def test_a_coordinator_without_an_app_is_sent_to_enrol_and_kept_out(client, make_user):
    make_user("sara", roles=[Role.COORDINATOR])
    response = password_login(client, "sara", next_url="/oro/")
    # straight from the password to the Swedish guidance, /oro/ kept for later
    assert response.status_code == 302
    assert response["Location"] == reverse("second-factor-setup") + "?next=%2Foro%2F"
    guidance = client.get(response["Location"]).content.decode()
    assert "OSL 26 kap." in guidance and "Ställ in autentiseringsappen" in guidance
    for path in PROTECTED:
        blocked = client.get(path)
        assert blocked.status_code == 302, path
        assert blocked["Location"].startswith(reverse("second-factor-setup")), path
    # the rest of Tryggsam still opens
    assert client.get(reverse("core:home")).status_code == 200


@pytest.mark.django_db
def test_the_code_after_the_password_opens_the_protected_areas(client, make_user):
    user = make_user("sara", roles=[Role.COORDINATOR])
    give_totp(user)
    response = password_login(client, "sara", next_url="/oro/")
    assert response["Location"] == reverse("mfa_authenticate")
    page = client.get(reverse("mfa_authenticate")).content.decode()
    # one text input, named code, on a Swedish page
    assert page.count("<input type=\"text\"") == 1 and 'name="code"' in page
    assert "Bekräfta med din andra faktor" in page
    # not signed in yet: /oro/ sends to the login page
    assert client.get("/oro/")["Location"].startswith(reverse("login"))

    response = client.post(reverse("mfa_authenticate"),
                           {"code": totp_code(user, TEST_TOTP_SECRET)})
    assert response.status_code == 302 and response["Location"] == "/oro/"
    assert client.get("/oro/").status_code == 200


@pytest.mark.django_db
def test_a_wrong_code_is_refused_in_swedish(client, make_user):
    user = make_user("sara", roles=[Role.COORDINATOR])
    give_totp(user)
    password_login(client, "sara")
    good = pyotp.TOTP(TEST_TOTP_SECRET).now()
    wrong = f"{(int(good) + 1) % 1_000_000:06d}"
    response = client.post(reverse("mfa_authenticate"), {"code": wrong})
    assert response.status_code == 200
    assert "Felaktig kod." in response.content.decode()
    assert client.get("/oro/")["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_a_recovery_code_stands_in_for_a_lost_phone_once(client, make_user):
    user = make_user("sara", roles=[Role.COORDINATOR])
    give_totp(user)
    code = RecoveryCodes.activate(user).get_unused_codes()[0]
    password_login(client, "sara")
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.get("/oro/").status_code == 200

    client.post(reverse("logout"))
    password_login(client, "sara")
    again = client.post(reverse("mfa_authenticate"), {"code": code})
    # a used recovery code does not work a second time
    assert again.status_code == 200 and "Felaktig kod." in again.content.decode()


@pytest.mark.django_db
def test_a_reporter_signs_in_with_the_password_alone(client, make_user):
    make_user("nils", roles=[Role.REPORTER])
    response = password_login(client, "nils")
    # no second-factor step and no enrolment: the start page
    assert response["Location"] == reverse("core:home")
    assert client.get(reverse("core:home")).status_code == 200
    # but /oro/ (the staff report form too) asks for a second factor
    assert client.get(reverse("concerns:concern-report"))["Location"].startswith(
        reverse("second-factor-setup"))


@pytest.mark.django_db(transaction=True)
def test_enrolling_the_app_counts_as_the_second_factor(client, make_user):
    user = make_user("sara", roles=[Role.COORDINATOR])
    password_login(client, "sara")
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert "skanna QR-koden nedan" in page.content.decode()
    assert 'alt="QR-kod för autentiseringsappen"' in page.content.decode()
    secret = client.session["mfa.totp.secret"]
    # (a transactional test: allauth announces the device once committed)
    response = client.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()})
    # on to the recovery codes, which are shown once enrolled
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    codes = client.get(response["Location"]).content.decode()
    assert "Reservkoder" in codes
    assert Authenticator.objects.filter(user=user, type="totp").exists()
    # the new app was just proven: /oro/ opens in this session
    assert client.get("/oro/").status_code == 200


@pytest.mark.django_db
def test_the_admin_login_page_is_no_way_around(client, make_user):
    make_user("root", is_staff=True, is_superuser=True)
    client.post("/admin/login/", {"username": "root", "password": PASSWORD,
                                  "next": "/admin/"})
    response = client.get("/admin/")
    # the password was right, but the admin asks for the second factor
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("second-factor-setup"))


@pytest.mark.django_db
def test_the_lockout_counts_failures_before_the_second_factor(client, make_user, settings):
    user = make_user("sara", roles=[Role.COORDINATOR])
    give_totp(user)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "sara", "password": "fel"})
    response = password_login(client, "sara")
    # locked: the right password does not even reach the code page
    assert response.status_code == 429


@pytest.mark.django_db
def test_demo_users_who_must_have_a_second_factor_get_the_documented_key(monkeypatch):
    from accounts import demo
    from accounts.models import User

    monkeypatch.setenv("DEMO_TOTP_SECRET", "ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP")
    demo.seed()
    with_key = set(Authenticator.objects.filter(type="totp")
                   .values_list("user__username", flat=True))
    assert with_key == {"samordnare", "sakerhet", "socialtjanst", "barnochunga",
                        "logggranskare", "admin"}
    # the key is the documented one: its code is accepted
    from allauth.mfa.totp.internal.auth import TOTP

    device = Authenticator.objects.get(user__username="samordnare", type="totp")
    assert TOTP(device).validate_code(pyotp.TOTP("ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP").now())
    # seeding again keeps one device per user
    demo.seed()
    assert Authenticator.objects.filter(type="totp").count() == 6
    assert not Authenticator.objects.filter(user=User.objects.get(username="rapportor")).exists()
