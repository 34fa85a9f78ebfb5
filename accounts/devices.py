"""Resetting a person's second factor after the device and the recovery
codes are lost: the one way to remove someone else's authenticator app and
security keys (allauth's admin pages for them are switched off because they
show secrets; a person removes their own devices on their own pages)."""

from allauth.mfa.models import Authenticator
from django.db import transaction

from audit.models import AccessLogEntry
from audit.services import access_log_write

from .signals import sessions_end_for_user


def second_factor_reset(*, user, reason: str, path: str) -> int:
    """Delete every authenticator of `user` (app, keys, recovery codes), log
    it, and end the user's sessions; returns how many were deleted. The user
    enrols a new device at the next sign-in (the role still requires one).
    The log row and the deletion commit together."""
    with transaction.atomic():
        removed, _by_model = Authenticator.objects.filter(user=user).delete()
        access_log_write(
            user=None, action=AccessLogEntry.Action.DELETE,
            basis=AccessLogEntry.Basis.ADMINISTRATION, object_type="second factor",
            object_id=user.pk, object_reference=user.get_username()[:40], path=path,
            detail=f"{user.get_username()}: {removed} removed; {reason}"[:300],
        )
    sessions_end_for_user(user.pk)
    return removed
