"""Need-to-know for concerns, in one place. Concern content: the coordinator
and the named deputy. A referral: those two and its addressed receivers (the
named person, or the social-services members of the named unit). Everyone
else, superusers included, gets a 404 and a `denied` row in the access log.

Every getter here logs before it returns, so a view cannot show content
without a log row (fail closed: `AuditUnavailable` propagates). Pages that
handle a form fetch with `action=None` and log when they render instead
(`log_shown`), so a re-rendered invalid POST is a logged read like a GET."""

import rules
from django.db.models import Q
from django.http import Http404

from accounts.roles import Role, has_role, is_coordinator
from audit.models import AccessLogEntry
from audit.services import access_log_write
from core.access import require

from .models import Concern, Referral

Basis = AccessLogEntry.Basis


def concern_basis(user) -> str:
    """Basis for concern-wide access (not per referral)."""
    if has_role(user, Role.COORDINATOR):
        return Basis.COORDINATOR
    if has_role(user, Role.CONCERN_DEPUTY):
        return Basis.DEPUTY
    return Basis.NONE


def can_handle_concerns(user) -> bool:
    return concern_basis(user) != Basis.NONE


MUNICIPAL_KINDS = ("municipality", "school", "leisure", "social_services")


def is_municipal_staff(user) -> bool:
    """May use the create-only staff form: anyone employed by the municipality
    (police and the housing company have their own channels to the coordinator)."""
    organisation = getattr(user, "organisation", None)
    return bool(getattr(user, "is_authenticated", False) and user.is_active
                and organisation is not None and organisation.kind in MUNICIPAL_KINDS)


def can_see_statistics(user) -> bool:
    return can_handle_concerns(user) or has_role(user, Role.MANAGEMENT, Role.PLANNING_CHIEF)


def can_see_referral_inbox(user) -> bool:
    return can_handle_concerns(user) or has_role(user, Role.SOCIAL_SERVICES)


def reads_unit_referrals(user) -> bool:
    """A social-services member with an organisation reads its unit's referrals."""
    return bool(user.organisation_id and has_role(user, Role.SOCIAL_SERVICES))


def referrals_addressed_to(user):
    """Referrals addressed to `user`, personally or through their unit
    (`is_receiver` is the same rule for one loaded referral)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Referral.objects.none()
    addressed = Q(receiver_user=user)
    if reads_unit_referrals(user):
        addressed |= Q(receiver_user__isnull=True, receiver_unit_id=user.organisation_id)
    return Referral.objects.filter(addressed)


def referral_basis(user, referral: Referral) -> str:
    basis = concern_basis(user)
    if basis != Basis.NONE:
        return basis
    if is_receiver(user, referral):
        return Basis.RECEIVER
    return Basis.NONE


def is_receiver(user, referral: Referral) -> bool:
    """Whether the referral is addressed to `user`: `referrals_addressed_to`'s
    rule applied to the referral as loaded, so the access check and the page
    need no query of their own (a test holds the two rules to the same
    answers)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if referral.receiver_user_id is not None:
        return referral.receiver_user_id == user.pk
    return reads_unit_referrals(user) and referral.receiver_unit_id == user.organisation_id


@rules.predicate
def may_handle_concerns(user) -> bool:
    return can_handle_concerns(user)


# The concern track's permissions, asked through core.access like every
# other app's (registered in ConcernsConfig.ready). The basis functions above
# stay: the access log records which role gave the access.
PERMISSIONS = {
    "concerns.handle_concern": may_handle_concerns,
    "concerns.raise_concern": rules.predicate(is_municipal_staff),
    "concerns.view_statistics": rules.predicate(can_see_statistics),
    "concerns.view_referral_inbox": rules.predicate(can_see_referral_inbox),
    # The support numbers are reference data, not concern content.
    "concerns.manage_support_contacts": is_coordinator,
}


def handler_basis(actor) -> str:
    """The actor's basis as a concern handler, or NotAllowed (answered 404)."""
    require(actor, "concerns.handle_concern", conceal=True)
    return concern_basis(actor)


def deny(user, request, object_type, object_id):
    """The `denied` row, then 404: what anyone without a basis gets."""
    access_log_write(user=user, action=AccessLogEntry.Action.DENIED, basis=Basis.NONE,
                     object_type=object_type, object_id=object_id, request=request)
    raise Http404


def concern_get_for_user(*, user, pk, request=None, action="read", for_update=False):
    """The concern if the user may see it (logged), else 404 (logged)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    basis = concern_basis(user)
    if basis == Basis.NONE:
        deny(user, request, "concern", pk)
    queryset = Concern.objects.all()
    if for_update:
        queryset = queryset.select_for_update()
    concern = queryset.filter(pk=pk).first()
    if concern is None:
        raise Http404
    if action:
        access_log_write(user=user, action=action, basis=basis, object_type="concern",
                         object_id=concern.pk, object_reference=concern.reference,
                         request=request)
    return concern


def referral_get_for_user(*, user, pk, request=None, action="read"):
    """The referral (with its concern) if the user is coordinator, deputy or an
    addressed receiver (logged), else 404 (logged)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    referral = (Referral.objects.select_related("concern", "receiver_unit", "receiver_user")
                .filter(pk=pk).first())
    basis = referral_basis(user, referral) if referral is not None else Basis.NONE
    if basis == Basis.NONE:
        deny(user, request, "referral", pk)
    if action:
        access_log_write(user=user, action=action, basis=basis, object_type="referral",
                         object_id=referral.pk, object_reference=referral.reference,
                         request=request)
    return referral


def log_shown(*, user, shown, request=None) -> None:
    """Write the `read` row for a page about to show the concern `shown`,
    with the basis the user has for it. Called by the render helper of the
    views, once per rendering, whatever the method. (The referral page
    writes its row in the statement that reads it: referral_page.py.)"""
    access_log_write(user=user, action=AccessLogEntry.Action.READ, basis=concern_basis(user),
                     object_type="concern", object_id=shown.pk,
                     object_reference=shown.reference, request=request)
