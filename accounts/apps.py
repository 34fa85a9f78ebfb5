from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("People and organisations")

    def ready(self):
        from core import demo

        from . import cache_signals, signals  # noqa: F401
        from . import demo as accounts_demo

        demo.register("accounts", accounts_demo.seed, order=0)
        _keep_sign_in_secrets_out_of_the_admin()


def _keep_sign_in_secrets_out_of_the_admin():
    """django-allauth registers its models in the admin: second-factor secrets
    and recovery codes, the provider's client secret, access tokens and the
    claims of each SSO account. None of it is anyone's to read there (the
    provider is configured from the environment, a lost device is handled on
    the user's own page), so they are taken out (the admin autodiscovers
    before this app is ready)."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
    from django.contrib import admin

    for model in (EmailAddress, Authenticator, SocialAccount, SocialApp, SocialToken):
        if admin.site.is_registered(model):
            admin.site.unregister(model)
