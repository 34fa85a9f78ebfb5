"""Tryggsam's login page, the second-factor guidance page, and the queue of
role grants waiting for a second person's approval.

The login form is Django's (django-axes counts its failures); once the
password is right the user is handed to django-allauth's login stages, which
ask for the second factor when the user has one (/accounts/2fa/authenticate/,
a form with one input named `code`)."""

from allauth.account.internal.flows.login import perform_login, record_authentication
from allauth.account.models import Login
from allauth.account.utils import get_next_redirect_url
from allauth.mfa.base.views import ReauthenticateView as AllauthReauthenticateView
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import oidc
from .models import RoleGrantRequest
from .role_changes import ApprovalRefused, decide, may_decide
from .second_factor import (
    has_second_factor_device,
    has_security_key,
    has_totp,
    must_have_second_factor,
)


class ReauthenticateView(AllauthReauthenticateView):
    """allauth's code confirmation, told whether the user has a security key:
    the page offers the key only to those who have one."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["has_security_key"] = has_security_key(self.request.user)
        return context


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_provider_id"] = settings.OIDC_PROVIDER_ID if oidc.is_configured() else ""
        return context

    def form_valid(self, form):
        user = form.get_user()
        if not settings.LOCAL_PASSWORD_LOGIN_FOR_SSO_USERS and uses_single_sign_on(user):
            # Staff sign in through the municipality's provider only.
            return self.render_to_response(
                self.get_context_data(form=form, sso_only=True), status=403)
        login = Login(user=user, redirect_url=self.get_success_url(), email=None)
        # The password was just typed: it also counts as the confirmation that
        # allauth asks for (for ACCOUNT_REAUTHENTICATION_TIMEOUT) before a
        # second factor is enrolled, so a new user is not asked for it twice.
        record_authentication(self.request, user, method="password",
                              username=user.get_username(), reauthenticated=True)
        return perform_login(self.request, login)


def uses_single_sign_on(user) -> bool:
    return SocialAccount.objects.filter(user=user).exists()


@require_GET
@login_required
def second_factor_setup(request):
    """Swedish guidance: why a second factor, and how to enrol one."""
    return render(request, "account/second_factor_setup.html", {
        "must_have": must_have_second_factor(request.user),
        "has_device": has_second_factor_device(request.user),
        "has_totp": has_totp(request.user),
        "has_key": has_security_key(request.user),
        "next": get_next_redirect_url(request) or "",
    })


@require_GET
@login_required
def role_grant_requests(request):
    """Grants of roles that see concerns, waiting for a second person.
    Staff only (others: 404); behind the second factor like the admin."""
    if not request.user.is_staff:
        raise Http404
    waiting = (RoleGrantRequest.objects.filter(decision=RoleGrantRequest.Decision.PENDING)
               .select_related("user", "group", "requested_by"))
    return render(request, "account/role_grant_requests.html", {
        "waiting": [(held, may_decide(request.user, held)) for held in waiting],
    })


@require_POST
@login_required
def role_grant_decide(request, pk: int):
    if not request.user.is_staff:
        raise Http404
    held = get_object_or_404(RoleGrantRequest, pk=pk)
    decision = request.POST.get("decision")
    if decision not in ("approve", "refuse"):
        return HttpResponseBadRequest(_("Choose approve or refuse."))
    try:
        decide(held, request.user, approve=decision == "approve", request=request)
    except ApprovalRefused:
        return render(request, "account/role_grant_refused.html", status=403)
    messages.success(request, _("The decision is saved and logged."))
    return redirect("role-grant-requests")
