"""The login backend: Django's ModelBackend, with a cheaper per-request user.

Every authenticated request loads its user from the session. Tryggsam then
needs the user's roles (every access check) and organisation (the menu, the
partner-organisation rules) on almost every page. `get_user` serves the user
with both from process memory under the user's version token
(accounts/user_cache.py); on a miss it reads all three in one query on
PostgreSQL. Any change to the user, its roles or its organisation replaces
the token: a role taken away in the admin stops working on the next request."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import OuterRef

from . import user_cache
from .roles import remember_roles

UserModel = get_user_model()


class UserBackend(ModelBackend):
    def get_user(self, user_id):
        version = user_cache.version_of(user_id)
        user = user_cache.cached_user(user_id, version)
        if user is None:
            user = self._read_user(user_id)
            if user is not None:
                user_cache.remember_user(user, version)
        if user is None or not self.user_can_authenticate(user):
            return None
        # what else may be kept per user and version (the menu's per-user items)
        user._tryggsam_version = version
        return user

    @staticmethod
    def _read_user(user_id):
        users = UserModel._default_manager.select_related("organisation").filter(pk=user_id)
        if connection.vendor == "postgresql":
            from django.contrib.postgres.expressions import ArraySubquery

            users = users.annotate(role_list=ArraySubquery(
                Group.objects.filter(user=OuterRef("pk")).values("name")))
        user = users.first()
        if user is not None and hasattr(user, "role_list"):
            remember_roles(user, user.role_list)
        return user
