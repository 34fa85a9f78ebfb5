import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.roles import Role

PASSWORD = "correct horse battery"


@pytest.mark.django_db
def test_every_role_group_exists_after_migrate():
    names = set(Group.objects.values_list("name", flat=True))
    assert set(Role.ALL) <= names


@pytest.mark.django_db
def test_login_and_logout_work(client, make_user):
    make_user("sara", roles=[Role.COORDINATOR])
    page = client.get(reverse("login"))
    assert page.status_code == 200
    assert "Logga in" in page.content.decode()

    response = client.post(reverse("login"), {"username": "sara", "password": PASSWORD})
    # a correct password leads to the start page
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200

    client.post(reverse("logout"))
    # after logout the start page asks for a login again
    assert client.get(reverse("core:home")).status_code == 302


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account(client, make_user, settings):
    make_user("sara")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "sara", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "sara", "password": PASSWORD})
    # even the right password is refused while locked, with a Swedish page
    assert response.status_code == 429
    assert "För många misslyckade inloggningsförsök" in response.content.decode()


@pytest.mark.django_db
def test_a_deactivated_users_session_stops_working(client, make_user):
    user = make_user("sara", roles=[Role.COORDINATOR])
    client.force_login(user)
    assert client.get(reverse("core:home")).status_code == 200

    user.is_active = False
    user.save()
    # the very next request is anonymous again
    assert client.get(reverse("core:home")).status_code == 302


@pytest.mark.django_db
def test_a_deactivated_users_old_cookie_stays_dead_after_reactivation(client, make_user):
    from django.conf import settings
    from django.contrib.sessions.models import Session

    user = make_user("sara", roles=[Role.COORDINATOR])
    client.force_login(user)
    old_cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get(reverse("core:home")).status_code == 200

    user.is_active = False
    user.save()
    user.is_active = True
    user.save()
    # the same cookie presented again after reactivation leads to the login
    # page: the session was deleted, not just refused while the user was inactive
    client.cookies[settings.SESSION_COOKIE_NAME] = old_cookie
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Session.objects.filter(session_key=old_cookie).exists()
