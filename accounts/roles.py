"""The roles of Tryggsam. A role is a Django group (created by migration 0002);
what a role may do is decided by the `rules` predicates of each app, which all
start from the helpers here. Nothing is allowed unless a predicate says so."""

import rules


class Role:
    COORDINATOR = "Trygghetssamordnare"
    SECURITY_COORDINATOR = "Säkerhetssamordnare"
    PUBLIC_HEALTH = "Folkhälsostrateg"
    SOCIAL_SERVICES = "Socialtjänst"
    POLICE = "Polis"
    HOUSING = "Bostadsbolag"
    PLANNING_CHIEF = "Planeringschef"
    MANAGEMENT = "Förvaltningsledning"
    REPORTER = "Rapportör"
    GROUP_MEMBER = "Arbetsgruppsmedlem"
    LOG_REVIEWER = "Logggranskare"
    # The named deputy of the coordinator for violent-extremism concerns.
    CONCERN_DEPUTY = "Ersättare våldsbejakande extremism"

    ALL = (
        COORDINATOR, SECURITY_COORDINATOR, PUBLIC_HEALTH, SOCIAL_SERVICES, POLICE,
        HOUSING, PLANNING_CHIEF, MANAGEMENT, REPORTER, GROUP_MEMBER, LOG_REVIEWER,
        CONCERN_DEPUTY,
    )


# Roles that see concerns, referrals or the access log: a person holding one
# must have a second factor (accounts/second_factor.py); so must staff (admin).
ROLES_NEEDING_SECOND_FACTOR = frozenset({
    Role.COORDINATOR, Role.CONCERN_DEPUTY, Role.SOCIAL_SERVICES, Role.LOG_REVIEWER,
})


# Roles that see concern content: granting one can be made to wait for a
# second person's approval (accounts/role_changes.py).
ROLES_SEEING_CONCERNS = frozenset({Role.COORDINATOR, Role.CONCERN_DEPUTY})


def role_names(user) -> frozenset[str]:
    """The user's role names, read once per user object (one query)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_tryggsam_roles", None)
    if cached is None:
        cached = remember_roles(user, user.groups.values_list("name", flat=True))
    return cached


def remember_roles(user, names) -> frozenset[str]:
    """Keep the role names read with the user (see accounts.backends) on the
    user object for the rest of the request."""
    user._tryggsam_roles = frozenset(names)
    return user._tryggsam_roles


def people_with_roles():
    """Users who can be given a task, a measure or a seat in a group: active
    and holding at least one Tryggsam role (not the bare admin account, not
    a deactivated user), by name."""
    from django.contrib.auth import get_user_model

    return (get_user_model().objects.filter(is_active=True, groups__name__in=Role.ALL)
            .distinct().order_by("first_name", "last_name", "username"))


def has_role(user, *roles: str) -> bool:
    return bool(role_names(user).intersection(roles))


def role_predicate(*roles: str) -> rules.Predicate:
    name = "has_role:" + ",".join(roles)
    return rules.predicate(lambda user: has_role(user, *roles), name=name)


is_coordinator = role_predicate(Role.COORDINATOR)
is_security_coordinator = role_predicate(Role.SECURITY_COORDINATOR)
is_est_staff = role_predicate(Role.COORDINATOR, Role.SECURITY_COORDINATOR)
is_public_health = role_predicate(Role.PUBLIC_HEALTH)
is_social_services = role_predicate(Role.SOCIAL_SERVICES)
is_police = role_predicate(Role.POLICE)
is_housing = role_predicate(Role.HOUSING)
is_planning_chief = role_predicate(Role.PLANNING_CHIEF)
is_management = role_predicate(Role.MANAGEMENT)
is_reporter = role_predicate(Role.REPORTER, Role.POLICE, Role.HOUSING)
is_group_member = role_predicate(Role.GROUP_MEMBER)
is_log_reviewer = role_predicate(Role.LOG_REVIEWER)
is_concern_deputy = role_predicate(Role.CONCERN_DEPUTY)


@rules.predicate
def is_staff_user(user) -> bool:
    return bool(getattr(user, "is_active", False) and user.is_staff)
