"""DRF token authentication with the per-request user of the login backend.

DRF's TokenAuthentication reads the token joined to its user, and every
access check then reads the user's roles: two queries per API request. Here
the user comes from `UserBackend.get_user` (accounts/user_cache.py): with its
roles and organisation from process memory under the user's version token,
or one query on a miss. The token itself is kept in process memory too,
with the version token its user had when it was read: any change to the
token (deleted, replaced) or to its user gives the user a new version
(accounts/cache_signals.py), so the next request reads the token again and
a deleted one fails there, as before. A deactivated user's token fails as
before (get_user answers None for an inactive user). Redis away: no version,
the token is read on every request."""

import hashlib

from django.core.cache import caches
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from .backends import UserBackend
from .user_cache import LOCAL_TIMEOUT


def _kept_key(key: str) -> str:
    # the token is a secret: its hash names the entry
    return "tryggsam:token:" + hashlib.sha256(key.encode()).hexdigest()


class CachedUserTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        kept = caches["local"].get(_kept_key(key))
        if kept is not None:
            token, version = kept
            user = UserBackend().get_user(token.user_id)
            if user is not None and version is not None and user._tryggsam_version == version:
                token.user = user
                return (user, token)
        return self._read(key)

    def _read(self, key):
        token = (self.get_model().objects.filter(key=key)
                 .only("key", "user_id", "created").first())
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        user = UserBackend().get_user(token.user_id)
        if user is None:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        version = user._tryggsam_version
        if version is not None:
            caches["local"].set(_kept_key(key), (token, version), LOCAL_TIMEOUT)
        token.user = user  # the cached user, not a second read
        return (user, token)
