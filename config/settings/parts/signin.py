"""Sign-in: passwords (django-axes lockout), a second factor (django-allauth's
`mfa`: TOTP and recovery codes) and, when configured, single sign-on through
the municipality's OpenID Connect provider (allauth's `socialaccount`).

Who must have a second factor is decided in accounts/second_factor.py; this
file only configures the library."""

from config.env import env

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
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Users have no verified e-mail addresses in allauth's sense (no sign-up).
MFA_ALLOW_UNVERIFIED_EMAIL = True
MFA_TOTP_ISSUER = "Tryggsam"
# One step of clock drift either way (phones run a little fast or slow).
MFA_TOTP_TOLERANCE = 1
MFA_RECOVERY_CODE_COUNT = 10

# MFA_REQUIRED_PATH_PREFIXES: the areas that a session reaches only after a
# second factor (or an identity-provider sign-in that counts as one), for
# every user. The roles that must have one at all are in accounts/roles.py.
MFA_REQUIRED_PATH_PREFIXES = tuple(env.list("MFA_REQUIRED_PATH_PREFIXES", default=[
    "/oro/", "/remisser/", "/logg/", "/admin/", "/accounts/behorigheter/"]))

# ROLE_GRANT_NEEDS_APPROVAL: granting a role that sees concerns in the admin
# waits for a second person's approval at /accounts/behorigheter/ (on by
# default in production.py; a self-grant always waits).
ROLE_GRANT_NEEDS_APPROVAL = env.bool("ROLE_GRANT_NEEDS_APPROVAL", default=False)
