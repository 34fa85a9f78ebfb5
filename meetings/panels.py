"""The menu item and the start-page panel ("my next meetings")."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.roles import Role, has_role
from core.navigation import Panel


def nav_visible(user) -> bool:
    if has_role(user, Role.COORDINATOR, Role.SECURITY_COORDINATOR, Role.MANAGEMENT,
                Role.GROUP_MEMBER):
        return True
    return user.group_memberships.exists()


def build_panel(user):
    from .selectors import upcoming_for_user

    meetings = list(upcoming_for_user(user, limit=3))
    if not meetings and not has_role(user, Role.COORDINATOR, Role.GROUP_MEMBER):
        return None
    return Panel(
        title=_("My next meetings"), url=reverse("meetings:my-meetings"),
        lines=tuple({"text": f"{m.date:%Y-%m-%d} {m.start_time:%H:%M} {m.title}",
                     "url": reverse("meetings:meeting-detail", args=[m.pk])}
                    for m in meetings),
        empty_text=_("No meetings planned."),
    )
