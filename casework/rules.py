"""Who may see and do what in EST. Deny by default: every permission is a
predicate over roles (accounts.roles) and, for objects, ownership."""

import rules

from accounts.roles import (
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


@rules.predicate
def is_published(user, picture) -> bool:
    return picture is not None and picture.status == "published"


is_partner = is_police | is_housing

rules.add_perm("casework.submit_report", is_reporter | is_est_staff)
rules.add_perm("casework.view_report",
               is_est_staff | is_own_report | (is_partner & is_own_organisation_report))
rules.add_perm("casework.triage_report", is_est_staff)
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
rules.add_perm("casework.view_measure",
               is_est_staff | is_planning_chief | is_management | is_measure_owner)
rules.add_perm("casework.add_measure", is_est_staff | is_planning_chief)
rules.add_perm("casework.change_measure", is_est_staff | is_planning_chief | is_measure_owner)
