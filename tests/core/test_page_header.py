"""The page header kept per user version, menu, current link and language
(core/page_header.py): what it shows follows every change, and the logout
form's CSRF token is the request's own."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.roles import Role

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'action="/accounts/logout/"[^>]*><input type="hidden" '
                   r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _header(client, path="/"):
    body = client.get(path).content.decode()
    return body[:body.index('<main id="main"')]


def test_the_logout_token_is_fresh_per_request_and_logs_out(client, make_user):
    anna = make_user("anna", roles=[Role.COORDINATOR])
    client.force_login(anna)
    first = TOKEN.search(_header(client)).group(1)
    second = TOKEN.search(_header(client)).group(1)
    assert first != second  # masked anew, not the kept rendering's
    client.enforce_csrf_checks = True
    assert client.post(reverse("logout"), {"csrfmiddlewaretoken": second}).status_code == 302
    assert "_auth_user_id" not in client.session


def test_two_sessions_of_one_user_each_get_a_token_that_works(client, make_user):
    from django.test import Client

    anna = make_user("anna", roles=[Role.COORDINATOR])
    other = Client(enforce_csrf_checks=True)
    client.force_login(anna)
    other.force_login(anna)
    _header(client)  # the header is kept now
    token = TOKEN.search(_header(other)).group(1)
    assert other.post(reverse("logout"), {"csrfmiddlewaretoken": token}).status_code == 302


def test_the_name_and_the_menu_follow_the_user(client, make_user):
    anna = make_user("anna", roles=[Role.REPORTER], first_name="Anna", last_name="Ek")
    client.force_login(anna)
    header = _header(client)
    assert "Anna Ek" in header and reverse("workflows:inbox") not in header
    anna.first_name = "Annika"
    anna.save()
    anna.groups.add(Group.objects.get(name=Role.COORDINATOR))
    header = _header(client)
    assert "Annika Ek" in header and reverse("workflows:inbox") in header


def test_the_current_menu_link_is_marked_and_only_there(client, make_user):
    anna = make_user("anna", roles=[Role.COORDINATOR])
    client.force_login(anna)
    inbox = reverse("workflows:inbox")
    marked = re.compile(r'href="([^"]+)" aria-current="page"')
    assert marked.findall(_header(client, inbox)) == [inbox]
    assert marked.findall(_header(client, "/")) == ["/"]
    assert marked.findall(_header(client, reverse("password_change"))) == []


def test_anonymous_pages_carry_no_user_box_and_no_token(client):
    header = _header(client, reverse("account_login"))
    assert "user-box" not in header and "csrfmiddlewaretoken" not in header
    assert "Hoppa till innehållet" in header


def test_the_kept_header_costs_no_query(client, make_user, django_assert_num_queries):
    anna = make_user("anna", roles=[Role.COORDINATOR])
    client.force_login(anna)
    _header(client, reverse("password_change"))
    with django_assert_num_queries(0):
        _header(client, reverse("password_change"))
