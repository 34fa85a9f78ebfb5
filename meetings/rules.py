"""Who may see and run working groups. Members see their groups; EST staff
and management see the groups that do not handle sensitive matters; a
sensitive group is seen by its members and the trygghetssamordnare only. The
chair, the secretary and the coordinator run a group's meetings.

Code asks `core.access.allowed` / `require` (rules only), not `user.has_perm`: Django lets an
active superuser pass every `user.has_perm`, and need-to-know must hold for
the system administrator too."""

import rules

from accounts.roles import is_coordinator, is_est_staff, is_management


def _group(obj):
    return getattr(obj, "group", obj)


@rules.predicate
def is_member(user, obj) -> bool:
    group = _group(obj)
    if group is None or not user.is_authenticated:
        return False
    return group.memberships.filter(user=user).exists()


@rules.predicate
def is_chair_or_secretary(user, obj) -> bool:
    group = _group(obj)
    return group is not None and user.is_authenticated and user.pk in (
        group.chair_id, group.secretary_id)


@rules.predicate
def is_open_group(user, obj) -> bool:
    group = _group(obj)
    return group is not None and not group.handles_sensitive


@rules.predicate
def takes_input(user, obj) -> bool:
    group = _group(obj)
    return group is not None and group.takes_input


can_view = is_coordinator | is_chair_or_secretary | is_member | (
    is_open_group & (is_est_staff | is_management))
can_manage = is_coordinator | is_chair_or_secretary

rules.add_perm("meetings.view_group", can_view)
rules.add_perm("meetings.manage_group", can_manage)
rules.add_perm("meetings.add_group", is_coordinator)
# Input to the coordinator's inbox: the group's members and the coordinator.
rules.add_perm("meetings.send_input", takes_input & (is_coordinator | is_member))
