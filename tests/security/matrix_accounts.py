"""Sign-in pages: the second factor (django-allauth's mfa) and the aliases
allauth's pages use. Personas sign in with `force_login`, which stands for a
finished sign-in with the second factor (tests/support/second_factor.py);
they have no authenticator app of their own. What a password-alone session
gets in the sensitive areas is in test_second_factor_matrix.py."""

from tests.security.matrix import ANON, LOGIN, NOT_ALLOWED, NOT_FOUND, OK, Row

ROWS = [
    Row("account_login", expect={ANON: OK, "*": 302}, note="same page as login"),
    Row("account_logout", method="POST", expect={ANON: 302, "*": 302}),
    Row("account_logout", expect={ANON: NOT_ALLOWED, "*": NOT_ALLOWED},
        note="GET must not log out"),
    Row("account_reauthenticate", expect={ANON: LOGIN, "*": OK}),
    Row("second-factor-setup", expect={ANON: LOGIN, "*": OK}),
    Row("mfa_index", expect={ANON: LOGIN, "*": OK}),
    Row("mfa_activate_totp", expect={ANON: LOGIN, "*": OK}),
    # Only in the middle of a sign-in (after the password): otherwise back to
    # the login page, or for a signed-in user on to the start page.
    Row("mfa_authenticate", expect={ANON: LOGIN, "*": 302}),
    # Without an app there is nothing to confirm with: the password page.
    Row("mfa_reauthenticate", expect={ANON: LOGIN, "*": 302}),
    Row("mfa_deactivate_totp", expect={ANON: LOGIN, "*": NOT_FOUND}),
    Row("mfa_view_recovery_codes", expect={ANON: LOGIN, "*": NOT_FOUND}),
    Row("mfa_download_recovery_codes", expect={ANON: LOGIN, "*": NOT_FOUND}),
    Row("mfa_generate_recovery_codes", expect={ANON: LOGIN, "*": OK}),
    # Security keys (WebAuthn).
    Row("mfa_list_webauthn", expect={ANON: LOGIN, "*": OK}),
    Row("mfa_add_webauthn", expect={ANON: LOGIN, "*": OK}),
    # Without a key there is nothing to confirm with: the password page.
    Row("mfa_reauthenticate_webauthn", expect={ANON: LOGIN, "*": 302}),
    # Only one's own key: the coordinator's key is not found for anyone else.
    Row("mfa_remove_webauthn", kwargs=lambda world: _key_of(world, "coordinator"),
        expect={ANON: LOGIN, "coordinator": OK, "*": NOT_FOUND}),
    Row("mfa_remove_webauthn", method="POST",
        kwargs=lambda world: _key_of(world, "coordinator"), data=lambda world: {},
        expect={ANON: LOGIN, "coordinator": 302, "*": NOT_FOUND}),
]


def _key_of(world, persona: str) -> dict:
    """A stored security key of `persona` (its name is all the pages read)."""
    from allauth.mfa.models import Authenticator

    key = Authenticator.objects.create(
        user=world.user(persona), type=Authenticator.Type.WEBAUTHN,
        data={"name": "Nyckel", "credential": {}})
    return {"pk": key.pk}


def _held_grant(world):
    from django.contrib.auth.models import Group

    from accounts.models import RoleGrantRequest
    from accounts.roles import Role
    from tests.factories import UserFactory

    held = RoleGrantRequest.objects.create(
        user=UserFactory(), group=Group.objects.get_or_create(name=Role.COORDINATOR)[0],
        requested_by=None)
    return {"pk": held.pk}


ROWS += [
    # The queue of role grants waiting for a second person: staff only.
    Row("role-grant-requests", expect={ANON: LOGIN, "staff": OK, "*": NOT_FOUND}),
    Row("role-grant-decide", method="POST", kwargs=_held_grant,
        data=lambda world: {"decision": "refuse"},
        expect={ANON: LOGIN, "staff": 302, "*": NOT_FOUND}),
    Row("role-grant-decide", method="POST", kwargs=lambda world: {"pk": 987654321},
        data=lambda world: {"decision": "approve"},
        expect={ANON: LOGIN, "staff": NOT_FOUND, "*": NOT_FOUND}, note="unknown id"),
    Row("role-grant-decide", expect={ANON: NOT_ALLOWED, "*": NOT_ALLOWED},
        kwargs=lambda world: {"pk": 1}, note="GET decides nothing"),
]

# Single sign-on. Without a configured provider (the test settings) its pages
# answer 404; tests/accounts/test_oidc.py runs them against a real provider.
SSO = {"provider_id": "kommun"}
ROWS += [
    Row("openid_connect_login", method="POST", kwargs=lambda world: SSO,
        expect={ANON: NOT_FOUND, "*": NOT_FOUND}, note="no provider configured"),
    Row("openid_connect_callback", kwargs=lambda world: SSO,
        expect={ANON: NOT_FOUND, "*": NOT_FOUND}, note="no provider configured"),
    Row("socialaccount_login_cancelled", expect={ANON: OK, "*": OK}),
    Row("socialaccount_login_error", expect={ANON: 401, "*": 401}),  # allauth: 401 page
    # Only in the middle of a first sign-in that needs more data: otherwise
    # back to the login page (a signed-in user on to the start page).
    Row("socialaccount_signup", expect={ANON: LOGIN, "*": 302}),
]
