"""Sign-in: passwords (django-axes lockout), a second factor (django-allauth's
`mfa`: TOTP, WebAuthn security keys and passkeys, recovery codes) and, when
configured, single sign-on through the municipality's OpenID Connect provider
(allauth's `socialaccount`).

Who must have a second factor is decided in accounts/second_factor.py; this
file only configures the library."""

from config.env import env, secret

# allauth's account app: Tryggsam keeps its own login page (accounts/views.py)
# and hands the signed-in user to allauth's login stages, so the second factor
# is asked for by the library. Nobody signs up: accounts are made by an admin
# or by the identity provider's first sign-in.
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = False
# A person who just proved who they are need not do it again to enrol a
# second factor; after 15 minutes they must (password or code).
ACCOUNT_REAUTHENTICATION_TIMEOUT = 15 * 60
# django-axes counts failures and locks out; allauth's own limits would only
# add a second, differently worded lockout.
ACCOUNT_RATE_LIMITS = {"login_failed": None}

MFA_ADAPTER = "accounts.adapters.SecondFactorAdapter"
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
# WebAuthn (security keys, platform passkeys) as a second factor after the
# password; not as a password replacement (passkey login stays off: every
# sign-in starts with the password or the identity provider).
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_PASSKEY_SIGNUP_ENABLED = False
# The browser proves the key's origin; allauth's switch to skip that check is
# never on. Browsers and fido2 treat http://localhost as secure, so `make run`
# and the browser tests work on http://localhost:<port> (not 127.0.0.1: an IP
# address cannot be a WebAuthn relying party id).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = False
# A PIN or fingerprint on the key is asked for where the key has one.
MFA_WEBAUTHN_USER_VERIFICATION = "preferred"
# A malformed answer from the browser is a Swedish error, not a 500.
MFA_FORMS = {
    "add_webauthn": "accounts.forms.AddSecurityKeyForm",
    "authenticate_webauthn": "accounts.forms.AuthenticateSecurityKeyForm",
    "reauthenticate_webauthn": "accounts.forms.ReauthenticateSecurityKeyForm",
}
# Users have no verified e-mail addresses in allauth's sense (no sign-up).
MFA_ALLOW_UNVERIFIED_EMAIL = True
MFA_TOTP_ISSUER = "Tryggsam"
# One step of clock drift either way (phones run a little fast or slow).
MFA_TOTP_TOLERANCE = 1
MFA_RECOVERY_CODE_COUNT = 10

# MFA_REQUIRED_PATH_PREFIXES: the areas that a session reaches only after a
# second factor (or an identity-provider sign-in that counts as one), for
# every user. The roles that must have one at all are in accounts/roles.py.
# (/api/oro/ is the concerns' API: a signed-in browser session reaches it too;
# partner systems' token requests are not sessions and are not affected.)
MFA_REQUIRED_PATH_PREFIXES = tuple(env.list("MFA_REQUIRED_PATH_PREFIXES", default=[
    "/oro/", "/remisser/", "/logg/", "/admin/", "/api/oro/", "/accounts/behorigheter/"]))

# ROLE_GRANT_NEEDS_APPROVAL: granting a role that sees concerns in the admin
# waits for a second person's approval at /accounts/behorigheter/ (on by
# default in production.py; a self-grant always waits).
ROLE_GRANT_NEEDS_APPROVAL = env.bool("ROLE_GRANT_NEEDS_APPROVAL", default=False)

# Single sign-on through the municipality's OpenID Connect provider (Entra
# ID, AD FS, Keycloak, a federation gateway): authorization code flow with
# PKCE, endpoints from ISSUER/.well-known/openid-configuration. docs/sign-in.md
# tells the IT department how to register Tryggsam.
# OIDC_ISSUER: the issuer URL; empty (default) means no single sign-on.
# OIDC_CLIENT_ID, OIDC_CLIENT_SECRET (or OIDC_CLIENT_SECRET_FILE).
# OIDC_PROVIDER_NAME: shown in messages ("kommunens konto").
# OIDC_UID_CLAIM: the claim that identifies a person (default "sub"; Entra ID:
#   "oid" is stable across applications). Users are matched on the issuer and
#   this claim only, never on e-mail.
# OIDC_SCOPES: scopes asked for (default "openid,profile,email").
# OIDC_GROUPS_CLAIM: the claim listing the person's groups (default "groups").
# OIDC_ROLE_MAP: provider group → Tryggsam role(s), "group=Role;group2=Role|Role".
# OIDC_ROLES_FROM_PROVIDER: when true (default when a map is given) the mapped
#   roles follow the provider at every sign-in: added and removed. When false,
#   roles are kept locally in Tryggsam (the admin) and the map is not used.
# OIDC_MFA_AMR / OIDC_MFA_ACR: amr values (any of them) or acr values that
#   count as a second factor done at the provider, e.g. "mfa" or
#   "http://schemas.microsoft.com/claims/multipleauthn". Empty (default):
#   the local second factor is asked for as well.
# OIDC_PROVIDER_LOGOUT: when true (default) signing out of a session begun at
#   the provider also ends the provider's session (RP-initiated logout), if
#   the provider's discovery document has an end_session_endpoint: the browser
#   is sent there with id_token_hint and post_logout_redirect_uri = Tryggsam's
#   login page, which the IT department registers at the provider.
# LOCAL_PASSWORD_LOGIN_FOR_SSO_USERS: false refuses the local password to
#   anyone who has signed in through the provider (staff use the provider
#   only); partners with local accounts are unaffected.
OIDC_PROVIDER_ID = "kommun"
OIDC_ISSUER = env.str("OIDC_ISSUER", default="").rstrip("/")
OIDC_CLIENT_ID = env.str("OIDC_CLIENT_ID", default="")
OIDC_CLIENT_SECRET = secret("OIDC_CLIENT_SECRET", default="") or ""
OIDC_PROVIDER_NAME = env.str("OIDC_PROVIDER_NAME", default="kommunens konto")
OIDC_UID_CLAIM = env.str("OIDC_UID_CLAIM", default="sub")
OIDC_SCOPES = env.list("OIDC_SCOPES", default=["openid", "profile", "email"])
OIDC_GROUPS_CLAIM = env.str("OIDC_GROUPS_CLAIM", default="groups")
OIDC_ROLE_MAP = {
    group.strip(): [role.strip() for role in roles.split("|") if role.strip()]
    for group, _sep, roles in (
        pair.partition("=") for pair in env.str("OIDC_ROLE_MAP", default="").split(";"))
    if group.strip()
}
OIDC_ROLES_FROM_PROVIDER = env.bool("OIDC_ROLES_FROM_PROVIDER", default=bool(OIDC_ROLE_MAP))
OIDC_MFA_AMR = env.list("OIDC_MFA_AMR", default=[])
OIDC_MFA_ACR = env.list("OIDC_MFA_ACR", default=[])
OIDC_PROVIDER_LOGOUT = env.bool("OIDC_PROVIDER_LOGOUT", default=True)
LOCAL_PASSWORD_LOGIN_FOR_SSO_USERS = env.bool("LOCAL_PASSWORD_LOGIN_FOR_SSO_USERS",
                                              default=True)


def openid_connect_providers(issuer: str, client_id: str, client_secret: str) -> dict:
    """allauth's provider settings for one issuer (none when not configured)."""
    apps = []
    if issuer:
        apps.append({
            "provider_id": OIDC_PROVIDER_ID, "name": OIDC_PROVIDER_NAME,
            "client_id": client_id, "secret": client_secret,
            "settings": {"server_url": issuer, "uid_field": OIDC_UID_CLAIM,
                         "scope": OIDC_SCOPES, "fetch_userinfo": True},
        })
    return {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": apps}}


SOCIALACCOUNT_PROVIDERS = openid_connect_providers(
    OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET)
SOCIALACCOUNT_ADAPTER = "accounts.oidc.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
SOCIALACCOUNT_EMAIL_REQUIRED = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False


def provider_origin(issuer: str) -> str:
    """scheme://host[:port] of the issuer: the login form's POST is
    redirected there, which the CSP's form-action must allow."""
    from urllib.parse import urlsplit

    parts = urlsplit(issuer)
    return f"{parts.scheme}://{parts.netloc}"


def with_provider_form_action(policy: dict, issuer: str) -> dict:
    import copy

    policy = copy.deepcopy(policy)
    if issuer:
        policy["DIRECTIVES"]["form-action"].append(provider_origin(issuer))
    return policy
