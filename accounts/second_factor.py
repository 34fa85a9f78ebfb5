"""Who must have a second factor, and whether this session has shown one.

A session counts as multi-factor when allauth recorded an `mfa` step in it
(a TOTP code, a WebAuthn key or a recovery code at sign-in or at
re-authentication, or a fresh enrolment of a user's first device, which
proves the device too), or when the identity provider's sign-in said so (see
accounts/oidc.py). Everything else is a password alone."""

import time

from allauth.account.internal.flows.login import (
    get_authentication_records,
    record_authentication,
)
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.urls import reverse

from .roles import ROLES_NEEDING_SECOND_FACTOR, role_names

# Set by the OIDC sign-in when the provider's amr/acr claim counts as MFA.
PROVIDER_MFA_SESSION_KEY = "tryggsam_provider_mfa"


def must_have_second_factor(user) -> bool:
    """Staff (the admin) and every role that sees concerns, referrals or the log."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_staff or user.is_superuser
                or role_names(user) & ROLES_NEEDING_SECOND_FACTOR)


# The devices a sign-in can be confirmed with (recovery codes only stand in
# for a lost one).
DEVICE_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def has_second_factor_device(user) -> bool:
    return Authenticator.objects.filter(user=user, type__in=DEVICE_TYPES).exists()


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def has_security_key(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.WEBAUTHN).exists()


def session_has_second_factor(request) -> bool:
    records = get_authentication_records(request, request.user)
    if any(record.get("method") == "mfa" for record in records):
        return True
    return request.session.get(PROVIDER_MFA_SESSION_KEY) == str(request.user.pk)


def remember_second_factor(request, user, kind: str) -> None:
    """Note in the session that `user` has just shown a second factor."""
    record_authentication(request, user, method="mfa", type=kind)


def session_data_with_second_factor(user) -> dict:
    """The session keys allauth writes after a TOTP sign-in (for tests and for
    the OIDC sign-in, which writes them through `remember_second_factor`)."""
    return {
        "account_authentication_methods": [
            {"method": "mfa", "type": "totp", "at": time.time(), "reauthenticated": True}],
        "account_authentication_methods_user": str(user.pk),
    }


def path_needs_second_factor(path: str) -> bool:
    return path.startswith(settings.MFA_REQUIRED_PATH_PREFIXES)


def path_changes_second_factor(path: str) -> bool:
    """The pages that add, remove or show devices and recovery codes
    (/accounts/2fa/…), except the pages that confirm with a device. A user who
    has a device changes them only in a session that showed one: else a
    password alone (the admin's login page signs in without the code) could
    swap the user's key for an attacker's."""
    if not path.startswith(reverse("mfa_index")):
        return False
    confirming = (reverse("mfa_authenticate"), reverse("mfa_reauthenticate"),
                  reverse("mfa_reauthenticate_webauthn"))
    return path not in confirming


def reauthenticate_url_name(user) -> str:
    """Where a signed-in user with a device confirms it: the code page when
    there is an authenticator app (it links to the key page too), else the
    security-key page."""
    return "mfa_reauthenticate" if has_totp(user) else "mfa_reauthenticate_webauthn"
