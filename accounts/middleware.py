"""The one place that keeps a password-alone session out of the sensitive
areas (MFA_REQUIRED_PATH_PREFIXES: concerns, referrals, the access log, the
admin). The views behind them check need-to-know as before; this only adds
"and you showed a second factor in this session"."""

from urllib.parse import urlencode

from django.contrib.auth.middleware import get_user
from django.shortcuts import redirect
from django.urls import reverse

from .role_changes import channel_for_request, role_change_channel
from .second_factor import (
    has_second_factor_device,
    path_changes_second_factor,
    path_needs_second_factor,
    reauthenticate_url_name,
    session_has_second_factor,
)


class ResolvedUserMiddleware:
    """`request.user` as the user itself instead of Django's lazy stand-in
    (right after AuthenticationMiddleware).

    The stand-in spares a request that never looks at the user from loading
    it; here every request does (the second-factor check asks first), and
    each of the forty-odd reads of `request.user` a page behind the login
    makes went through the stand-in's two Python-level lookups (about 70 µs
    of the referral page, measured 2026-12-04). The user is loaded exactly
    as the stand-in would load it (Django's `get_user`, which keeps it on
    the request for `request.user` of later middleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.user = get_user(request)
        return self.get_response(request)


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_show_second_factor(request):
            return self._send_to_second_factor(request)
        return self.get_response(request)

    @staticmethod
    def _must_show_second_factor(request) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        path = request.path_info
        if path_needs_second_factor(path):
            return not session_has_second_factor(request)
        if path_changes_second_factor(path):
            return (not session_has_second_factor(request)
                    and has_second_factor_device(user))
        return False

    @staticmethod
    def _send_to_second_factor(request):
        """A user with a device confirms with it (a code or a key) and comes
        back; one without is guided to enrol first."""
        query = urlencode({"next": request.get_full_path()})
        if has_second_factor_device(request.user):
            return redirect(f"{reverse(reauthenticate_url_name(request.user))}?{query}")
        return redirect(f"{reverse('second-factor-setup')}?{query}")


class RoleChangeChannelMiddleware:
    """Role changes made while this request runs are logged as its user's,
    through its path (the admin's change page, the approval queue…)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with role_change_channel(channel_for_request(request)):
            return self.get_response(request)
