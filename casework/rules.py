"""Who may see and do what in EST. Deny by default: every permission is a
predicate over roles (accounts.roles) and, for objects, ownership."""

import rules
from django.db.models import Q

from accounts.roles import (
    Role,
    has_role,
    is_est_staff,
    is_housing,
    is_management,
    is_planning_chief,
    is_police,
    is_reporter,
)


@rules.predicate
def is_own_report(user, report) -> bool:
    return report is not None and report.reporter_id == user.pk


@rules.predicate
def is_own_organisation_report(user, report) -> bool:
    return (report is not None and user.organisation_id is not None
            and report.organisation_id == user.organisation_id)


@rules.predicate
def is_measure_owner(user, measure) -> bool:
    return measure is not None and measure.owner_id == user.pk


# ---------------------------------------------------------------- sensitive groups
#
# A measure copied from a sensitive working group's meeting carries
# `restricted_to_group`. Its content (title, description, follow-ups, even its
# existence) is for that group's members and the trygghetssamordnare only.
# The rule is written twice, as an object predicate and as a queryset filter
# (lists, counts, digests, reports); tests/meetings/test_sensitive_content.py
# checks that the two agree for every role.


def measure_content_q(user) -> Q:
    """The measures whose content `user` may see (None: nobody in particular,
    e.g. a document that leaves Tryggsam): unrestricted ones, and restricted
    ones only for the coordinator and the restricting group's members."""
    unrestricted = Q(restricted_to_group__isnull=True)
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return unrestricted
    if has_role(user, Role.COORDINATOR):
        return Q()
    return unrestricted | Q(restricted_to_group__memberships__user=user)


@rules.predicate
def may_see_measure_content(user, measure) -> bool:
    """Object form of `measure_content_q` (same rule). Without an object (a
    model-level check such as the admin's "may view measures at all") the
    content rule has nothing to judge; the object checks decide per measure."""
    if measure is None:
        return True
    if measure.restricted_to_group_id is None:
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if has_role(user, Role.COORDINATOR):
        return True
    return is_member_of_restricting_group(user, measure)


@rules.predicate
def is_member_of_restricting_group(user, measure) -> bool:
    if measure is None or measure.restricted_to_group_id is None:
        return False
    if not getattr(user, "is_authenticated", False):
        return False
    return type(measure).objects.filter(
        pk=measure.pk, restricted_to_group__memberships__user=user).exists()


@rules.predicate
def is_published(user, picture) -> bool:
    return picture is not None and picture.status == "published"


is_partner = is_police | is_housing

rules.add_perm("casework.submit_report", is_reporter | is_est_staff)
rules.add_perm("casework.view_report",
               is_est_staff | is_own_report | (is_partner & is_own_organisation_report))
rules.add_perm("casework.view_case", is_est_staff)
rules.add_perm("casework.change_case", is_est_staff)
rules.add_perm("casework.view_picture_list", is_est_staff | is_planning_chief | is_management)
rules.add_perm("casework.view_picture",
               is_est_staff | is_planning_chief | (is_management & is_published))
rules.add_perm("casework.view_picture_summary",
               is_est_staff | is_planning_chief | ((is_management | is_reporter) & is_published))
rules.add_perm("casework.change_picture", is_est_staff)
rules.add_perm("casework.analyse_picture", is_est_staff | is_planning_chief)
rules.add_perm("casework.view_measure_list", is_est_staff | is_planning_chief | is_management)
# A sensitive group's measure: the usual readers only when they are in its
# audience, and the group's own members (who decided it) may read it too.
rules.add_perm("casework.view_measure",
               ((is_est_staff | is_planning_chief | is_management | is_measure_owner)
                & may_see_measure_content) | is_member_of_restricting_group)
rules.add_perm("casework.add_measure", is_est_staff | is_planning_chief)
rules.add_perm("casework.change_measure",
               (is_est_staff | is_planning_chief | is_measure_owner) & may_see_measure_content)
