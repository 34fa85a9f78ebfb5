"""core.access and core.errors: the one access check and how every page
answers a service error."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.utils import translation

from accounts.roles import Role
from core.access import allowed, require
from core.errors import Conflict, Invalid, NotAllowed
from core.middleware import ServiceErrorMiddleware

pytestmark = pytest.mark.django_db


def test_a_permission_that_is_not_a_rule_is_an_error_not_a_no(make_user):
    user = make_user("samordnare", roles=[Role.COORDINATOR])
    with pytest.raises(ImproperlyConfigured):
        allowed(user, "concerns.handle_concerns")  # typo of concerns.handle_concern


def test_the_superuser_gets_no_shortcut_past_need_to_know(make_user):
    admin = make_user("admin", is_superuser=True, is_staff=True)
    coordinator = make_user("samordnare", roles=[Role.COORDINATOR])
    # the coordinator handles concerns and triages; the system administrator neither
    assert allowed(coordinator, "concerns.handle_concern")
    assert allowed(coordinator, "workflows.triage_report")
    assert not allowed(admin, "concerns.handle_concern")
    assert not allowed(admin, "workflows.triage_report")
    with pytest.raises(NotAllowed) as refused:
        require(admin, "concerns.handle_concern", conceal=True)
    assert refused.value.conceal


def test_an_inactive_user_holds_no_permission(make_user):
    user = make_user("samordnare", roles=[Role.COORDINATOR])
    user.is_active = False
    assert not allowed(user, "concerns.handle_concern")


def _answer(exception, make_user):
    request = RequestFactory().post("/")
    request.user = make_user("samordnare", roles=[Role.COORDINATOR])
    middleware = ServiceErrorMiddleware(lambda request: None)
    with translation.override("sv"):
        return middleware.process_exception(request, exception)


@pytest.mark.parametrize(("exception", "status"), [
    (Conflict("Någon annan ändrade ärendet."), 409),
    (Invalid("Ange ett skäl."), 400),
    (NotAllowed(), 403),
    (NotAllowed(conceal=True), 404),
])
def test_every_service_error_gets_its_status_and_swedish_page(exception, status, make_user):
    response = _answer(exception, make_user)
    assert response.status_code == status
    body = response.content.decode()
    if status in (400, 409):
        # the service's message, on the Swedish page
        assert str(exception) in body
        assert "Ändringen gjordes inte" in body


def test_other_exceptions_are_left_alone(make_user):
    assert _answer(ValueError("x"), make_user) is None
