"""DRF token authentication with the per-request user of the login backend.

DRF's TokenAuthentication reads the token joined to its user, and every
access check then reads the user's roles: two queries per API request. Here
the token is read for its user id alone and the user comes from
`UserBackend.get_user` (accounts/user_cache.py): with its roles and
organisation from process memory under the user's version token, or one
query on a miss. A deactivated user's token fails as before (get_user
answers None for an inactive user); a deleted token fails on the next
request (the token is always read)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from .backends import UserBackend


class CachedUserTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        token = (self.get_model().objects.filter(key=key)
                 .only("key", "user_id", "created").first())
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        user = UserBackend().get_user(token.user_id)
        if user is None:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        token.user = user  # the cached user, not a second read
        return (user, token)
