"""Single sign-on through the municipality's OpenID Connect provider, on top
of django-allauth's `openid_connect` provider (code flow, PKCE, discovery).

- A person is the provider's issuer plus its identifying claim (allauth's
  SocialAccount: provider "kommun" bound to OIDC_ISSUER, uid = the claim);
  e-mail never links or logs anyone in.
- The first sign-in creates a user with no roles: rights come from the group
  mapping (OIDC_ROLE_MAP) or from an admin.
- With OIDC_ROLES_FROM_PROVIDER the mapped roles follow the provider at every
  sign-in, added and removed, and each change is logged (channel "oidc").
- The provider's amr/acr claim counts as the second factor when the
  installation says so (OIDC_MFA_AMR / OIDC_MFA_ACR)."""

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib.auth.models import Group
from django.shortcuts import render

from .role_changes import Channel, role_change_channel
from .second_factor import PROVIDER_MFA_SESSION_KEY


def is_configured() -> bool:
    providers = getattr(settings, "SOCIALACCOUNT_PROVIDERS", {})
    return bool(providers.get("openid_connect", {}).get("APPS"))


def provider_claims(sociallogin) -> dict:
    """The ID token's claims, completed by the userinfo endpoint's."""
    extra = sociallogin.account.extra_data or {}
    if "id_token" not in extra and "userinfo" not in extra:
        return dict(extra)
    return {**extra.get("id_token", {}), **extra.get("userinfo", {})}


def _as_list(value) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else [str(item) for item in value]


def roles_from_claims(claims: dict) -> set[str]:
    groups = _as_list(claims.get(settings.OIDC_GROUPS_CLAIM))
    return {role for group in groups for role in settings.OIDC_ROLE_MAP.get(group, [])}


def managed_roles() -> set[str]:
    return {role for roles in settings.OIDC_ROLE_MAP.values() for role in roles}


def apply_provider_roles(user, claims: dict) -> None:
    """Make the user's mapped roles what the provider says now. Roles outside
    the map (given in Tryggsam's admin) are left alone."""
    if not settings.OIDC_ROLES_FROM_PROVIDER:
        return
    wanted = roles_from_claims(claims)
    current = set(user.groups.filter(name__in=managed_roles()).values_list("name", flat=True))
    channel = Channel(name="oidc", path=f"oidc:{settings.OIDC_ISSUER}"[:300])
    with role_change_channel(channel):
        added = list(Group.objects.filter(name__in=wanted - current))
        if added:
            user.groups.add(*added)
        removed = list(Group.objects.filter(name__in=current - wanted))
        if removed:
            user.groups.remove(*removed)


def counts_as_second_factor(claims: dict) -> bool:
    if set(_as_list(claims.get("amr"))) & set(settings.OIDC_MFA_AMR):
        return True
    acr = claims.get("acr")
    return bool(acr) and acr in settings.OIDC_MFA_ACR


def remember_provider_second_factor(request, user, sociallogin) -> None:
    if counts_as_second_factor(provider_claims(sociallogin)):
        request.session[PROVIDER_MFA_SESSION_KEY] = str(user.pk)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        return True

    def is_auto_signup_allowed(self, request, sociallogin) -> bool:
        return True

    def pre_social_login(self, request, sociallogin) -> None:
        claims = provider_claims(sociallogin)
        if str(claims.get("iss", "")).rstrip("/") != settings.OIDC_ISSUER:
            # Another issuer's person is another person, whatever the claim.
            raise ImmediateHttpResponse(render(
                request, "account/sso_refused.html", status=403))
        if sociallogin.is_existing:
            apply_provider_roles(sociallogin.user, claims)

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        apply_provider_roles(user, provider_claims(sociallogin))
        return user
