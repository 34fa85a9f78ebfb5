"""Who may see and change the action plan, in one place. Readers: the
extremism group (the trygghetssamordnare and the named deputy, who handle
concerns) and management (förvaltningsledning). Only the coordinator changes
it. Everyone else, superusers included, gets a 404 and a `denied` row in the
access log, like the concern track (concerns.access). Every read and change
is logged before the content is shown (fail closed: AuditUnavailable
propagates)."""

import rules
from django.http import Http404

from accounts.roles import Role, has_role
from audit.models import AccessLogEntry
from audit.services import access_log_write

from .models import ActionPlan

Basis = AccessLogEntry.Basis
Action = AccessLogEntry.Action


def plan_basis(user) -> str:
    """Why `user` may read the plan (judged for the access log)."""
    if has_role(user, Role.COORDINATOR):
        return Basis.COORDINATOR
    if has_role(user, Role.CONCERN_DEPUTY):
        return Basis.DEPUTY
    if has_role(user, Role.MANAGEMENT):
        return Basis.MANAGEMENT
    return Basis.NONE


def can_read_plan(user) -> bool:
    return plan_basis(user) != Basis.NONE


def can_edit_plan(user) -> bool:
    return has_role(user, Role.COORDINATOR)


PERMISSIONS = {
    "actionplan.view_plan": rules.predicate(can_read_plan),
    "actionplan.change_plan": rules.predicate(can_edit_plan),
}


def deny(user, request, object_type: str = "action-plan", object_id: int | None = None):
    access_log_write(user=user, action=Action.DENIED, basis=Basis.NONE,
                     object_type=object_type, object_id=object_id, request=request)
    raise Http404


def require_reader(user, request) -> str:
    """The reader's basis, or 404 (logged)."""
    basis = plan_basis(user)
    if basis == Basis.NONE:
        deny(user, request, "action-plan-list")
    return basis


def require_editor(user, request, pk: int | None = None) -> str:
    """The coordinator's basis, or 404 (logged): readers who may not edit are
    told nothing more than outsiders."""
    if not can_edit_plan(user):
        deny(user, request, "action-plan", pk)
    return Basis.COORDINATOR


def plan_get_for_user(*, user, pk: int, request=None, action: str | None = Action.READ,
                      edit: bool = False) -> ActionPlan:
    """The plan if the user may read it (or edit it, with `edit`); logged
    with `action` (None: the caller logs). Else 404, logged as denied."""
    basis = require_editor(user, request, pk) if edit else plan_basis(user)
    if basis == Basis.NONE:
        deny(user, request, "action-plan", pk)
    plan = ActionPlan.objects.select_related("working_group").filter(pk=pk).first()
    if plan is None:
        raise Http404
    if action:
        log(user=user, request=request, plan=plan, action=action, basis=basis)
    return plan


def log(*, user, request, plan: ActionPlan, action: str, basis: str | None = None) -> None:
    access_log_write(user=user, action=action, basis=basis or plan_basis(user),
                     object_type="action-plan", object_id=plan.pk,
                     object_reference=f"HP-{plan.pk}", request=request)
