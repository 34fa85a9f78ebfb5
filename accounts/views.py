"""Tryggsam's login page and the second-factor guidance page.

The login form is Django's (django-axes counts its failures); once the
password is right the user is handed to django-allauth's login stages, which
ask for the second factor when the user has one (/accounts/2fa/authenticate/,
a form with one input named `code`)."""

from allauth.account.internal.flows.login import perform_login, record_authentication
from allauth.account.models import Login
from allauth.account.utils import get_next_redirect_url
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .second_factor import has_second_factor_device, must_have_second_factor


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        login = Login(user=user, redirect_url=self.get_success_url(), email=None)
        # The password was just typed: it also counts as the confirmation that
        # allauth asks for (for ACCOUNT_REAUTHENTICATION_TIMEOUT) before a
        # second factor is enrolled, so a new user is not asked for it twice.
        record_authentication(self.request, user, method="password",
                              username=user.get_username(), reauthenticated=True)
        return perform_login(self.request, login)


@require_GET
@login_required
def second_factor_setup(request):
    """Swedish guidance: why a second factor, and how to enrol one."""
    return render(request, "account/second_factor_setup.html", {
        "must_have": must_have_second_factor(request.user),
        "has_device": has_second_factor_device(request.user),
        "next": get_next_redirect_url(request) or "",
    })
