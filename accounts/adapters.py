"""django-allauth adapters: nobody signs up, sign-ins end in Tryggsam's own
backend, the identity provider's multi-factor sign-in stands for the local
second factor (accounts/stages.py), and a user who must have a second factor
but has none (and did not show one at the identity provider) is sent to
enrol first."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.urls import reverse
from django.utils.http import urlencode

from .oidc import remember_provider_second_factor
from .second_factor import (
    has_second_factor_device,
    must_have_second_factor,
    session_has_second_factor,
)
from .stages import with_second_factor_stage

LOGIN_BACKEND = "accounts.backends.UserBackend"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    def get_login_stages(self) -> list[str]:
        return with_second_factor_stage(super().get_login_stages())

    def login(self, request, user) -> None:
        # A sign-in resumed after the second factor reloads the user from the
        # database, without the backend that checked the password.
        if not hasattr(user, "backend"):
            user.backend = LOGIN_BACKEND
        super().login(request, user)

    def post_login(self, request, user, *, redirect_url=None, **kwargs):
        sociallogin = (kwargs.get("signal_kwargs") or {}).get("sociallogin")
        if sociallogin is not None:
            remember_provider_second_factor(request, user, sociallogin)
        if (must_have_second_factor(user) and not has_second_factor_device(user)
                and not session_has_second_factor(request)):
            after = redirect_url or self.get_login_redirect_url(request)
            redirect_url = f"{reverse('second-factor-setup')}?{urlencode({'next': after})}"
        return super().post_login(request, user, redirect_url=redirect_url, **kwargs)


class SecondFactorAdapter(DefaultMFAAdapter):
    def get_totp_label(self, user) -> str:
        # The user name, not the e-mail address: shown in the authenticator app.
        return user.get_username()
