"""The login backend: Django's ModelBackend, with a cheaper per-request user.

Every authenticated request loads its user from the session. Tryggsam then
needs the user's roles (every access check) and organisation (the menu, the
partner-organisation rules) on almost every page, so `get_user` reads all three
in one query on PostgreSQL instead of three. The roles are read fresh on every
request, as before: a role taken away in the admin stops working at once."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import OuterRef

from .roles import remember_roles

UserModel = get_user_model()


class UserBackend(ModelBackend):
    def get_user(self, user_id):
        users = UserModel._default_manager.select_related("organisation").filter(pk=user_id)
        if connection.vendor == "postgresql":
            from django.contrib.postgres.expressions import ArraySubquery

            users = users.annotate(role_list=ArraySubquery(
                Group.objects.filter(user=OuterRef("pk")).values("name")))
        user = users.first()
        if user is None or not self.user_can_authenticate(user):
            return None
        if hasattr(user, "role_list"):
            remember_roles(user, user.role_list)
        return user
