"""The second factor in tests, in one place.

`Client.force_login` stands for a finished sign-in, so it writes what allauth
writes after a TOTP code: every test that forces a login reaches the areas
behind the second factor, as a real user would after the code. Tests about
password-alone sessions use `force_login_password_only`.

`give_totp` / `totp_code` give a user an authenticator and compute its codes
with pyotp (an implementation apart from allauth's)."""

import pyotp
from django.test.client import ClientMixin

TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DP"  # noqa: S105 (test key)

_force_login = ClientMixin.force_login


def _force_login_with_second_factor(self, user, backend=None):
    _force_login(self, user, backend)
    if getattr(self, "password_only", False):
        return
    from accounts.second_factor import session_data_with_second_factor

    session = self.session
    session.update(session_data_with_second_factor(user))
    session.save()


def pytest_configure(config):
    ClientMixin.force_login = _force_login_with_second_factor


def force_login_password_only(client, user) -> None:
    """A session that showed the password and nothing else."""
    client.password_only = True
    try:
        client.force_login(user)
    finally:
        client.password_only = False


def give_totp(user, secret: str = TEST_TOTP_SECRET) -> str:
    """Make sure `user` has a TOTP device; return its key."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP
    from allauth.mfa.utils import decrypt

    device = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if device is not None:
        return decrypt(device.data["secret"])
    TOTP.activate(user, secret)
    return secret


def totp_code(user, secret: str) -> str:
    """The code the app shows now. allauth refuses a code used once in the
    same 30 seconds (replay); tests that sign in twice within that window
    may reuse it, so the remembered use is forgotten here."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP
    from django.core.cache import cache

    code = pyotp.TOTP(secret).now()
    device = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if device is not None:
        cache.delete(TOTP(device)._get_used_cache_key(code))
    return code
