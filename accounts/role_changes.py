"""Role changes are evidence. Every grant or removal of a role (a Django
group), whichever way it happens (the admin, the identity provider's group
mapping, a management command, a script), is written to the append-only
access log with who did it, when, and through which channel; the log is
reviewed at /logg/.

The one hook is `m2m_changed` on User.groups (both directions: user.groups
and group.user_set), so no path around it exists in Django code. Who acts is
told by the channel: a web request sets it (RoleChangeChannelMiddleware),
the OIDC sign-in sets it, and anything else is a command or a script.

A grant of a role that sees concerns made in the admin waits for a second
person's approval when ROLE_GRANT_NEEDS_APPROVAL is on, and always when
the person grants it to themselves."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AccessLogEntry
from audit.services import access_log_write

from .models import RoleGrantRequest, User
from .roles import ROLES_SEEING_CONCERNS

Action = AccessLogEntry.Action

# Channels where a person grants roles by hand (and approval may apply).
HAND_CHANNELS = ("admin", "web")


@dataclass(frozen=True)
class Channel:
    name: str  # admin, web, oidc, approval, command, system
    path: str  # the request path, "oidc:<issuer>", "manage.py <command>"
    actor: User | None = None
    request: object | None = None


_current = ContextVar("role_change_channel", default=None)


@contextmanager
def role_change_channel(channel: Channel):
    token = _current.set(channel)
    try:
        yield channel
    finally:
        _current.reset(token)


def current_channel() -> Channel:
    channel = _current.get()
    if channel is not None:
        return channel
    argv = sys.argv
    if argv and argv[0].endswith("manage.py") and len(argv) > 1:
        return Channel(name="command", path=f"manage.py {argv[1]}")
    return Channel(name="system", path="")


def channel_for_request(request) -> Channel:
    user = request.user if request.user.is_authenticated else None
    name = "admin" if request.path.startswith("/admin/") else "web"
    return Channel(name=name, path=request.path, actor=user, request=request)


def grant_needs_approval(channel: Channel, user: User, role: str) -> bool:
    if role not in ROLES_SEEING_CONCERNS or channel.name not in HAND_CHANNELS:
        return False
    is_self_grant = channel.actor is not None and channel.actor.pk == user.pk
    return is_self_grant or settings.ROLE_GRANT_NEEDS_APPROVAL


def log_role_change(action: str, user: User, role: str, channel: Channel) -> None:
    access_log_write(
        user=channel.actor, action=action, basis=AccessLogEntry.Basis.ADMINISTRATION,
        object_type="user", object_id=user.pk, object_reference=role[:40],
        request=channel.request, path=channel.path,
        detail=f"{user.get_username()}: {role} ({channel.name})",
    )


def pairs(instance, reverse: bool, pk_set) -> list[tuple[User, Group]]:
    """(user, group) for a change seen from either end of the relation."""
    if reverse:  # group.user_set.add(users…)
        return [(user, instance) for user in User.objects.filter(pk__in=pk_set)]
    return [(instance, group) for group in Group.objects.filter(pk__in=pk_set)]


def hold_grants_needing_approval(instance, reverse: bool, pk_set: set) -> None:
    """Before an add: take the grants that need approval out of `pk_set`
    (Django then inserts only the rest) and queue them instead."""
    channel = current_channel()
    for user, group in pairs(instance, reverse, pk_set):
        if grant_needs_approval(channel, user, group.name):
            pk_set.discard(group.pk if not reverse else user.pk)
            hold_grant(user, group, channel)


def hold_grant(user: User, group: Group, channel: Channel) -> RoleGrantRequest:
    held, _created = RoleGrantRequest.objects.get_or_create(
        user=user, group=group, decision=RoleGrantRequest.Decision.PENDING,
        defaults={"requested_by": channel.actor})
    log_role_change(Action.ROLE_GRANT_HELD, user, group.name, channel)
    if channel.request is not None:
        messages.warning(channel.request, _(
            "The role %(role)s for %(user)s waits for a second person's approval "
            "(Roles waiting for approval).") % {"role": group.name, "user": user})
    return held


def log_changes(action: str, instance, reverse: bool, pk_set) -> None:
    channel = current_channel()
    for user, group in pairs(instance, reverse, pk_set):
        log_role_change(action, user, group.name, channel)


def current_pairs(instance, reverse: bool) -> list[tuple[User, Group]]:
    if reverse:
        return [(user, instance) for user in instance.user_set.all()]
    return [(instance, group) for group in instance.groups.all()]


class ApprovalRefused(PermissionDenied):
    """The person may not decide this request (their own, or not staff)."""


def may_decide(person: User, held: RoleGrantRequest) -> bool:
    """A second person: active staff, neither the one who asked nor the one
    who would get the role."""
    return bool(person.is_active and person.is_staff
                and person.pk not in (held.requested_by_id, held.user_id))


@transaction.atomic
def decide(held: RoleGrantRequest, person: User, *, approve: bool, request=None) -> None:
    held = RoleGrantRequest.objects.select_for_update().get(pk=held.pk)
    if held.decision != RoleGrantRequest.Decision.PENDING or not may_decide(person, held):
        raise ApprovalRefused
    channel = Channel(name="approval", path=request.path if request else "", actor=person,
                      request=request)
    held.decision = (RoleGrantRequest.Decision.APPROVED if approve
                     else RoleGrantRequest.Decision.REFUSED)
    held.decided_by, held.decided_at = person, timezone.now()
    held.save(update_fields=["decision", "decided_by", "decided_at"])
    log_role_change(Action.ROLE_GRANT_APPROVED if approve else Action.ROLE_GRANT_REFUSED,
                    held.user, held.group.name, channel)
    if approve:
        with role_change_channel(channel):
            held.user.groups.add(held.group)
