"""Signals of accounts: a deactivated user loses every open session at once;
a freshly enrolled first device (app or key) counts as the session's second
factor;
every role grant and removal goes to the access log."""

from allauth.mfa.signals import authenticator_added
from django.contrib.sessions.models import Session
from django.db.models.signals import m2m_changed, pre_save
from django.dispatch import receiver

from audit.models import AccessLogEntry
from core.session_store import end_session

from .models import User
from .second_factor import DEVICE_TYPES, remember_second_factor


def sessions_end_for_user(user_id: int) -> int:
    """Delete every session that belongs to the user; returns how many."""
    doomed = [
        session.pk
        for session in Session.objects.iterator()
        if str(session.get_decoded().get("_auth_user_id")) == str(user_id)
    ]
    for session_key in doomed:
        # the row and its copy in the session cache (core/session_store.py)
        end_session(session_key)
    return len(doomed)


@receiver(pre_save, sender=User)
def end_sessions_of_deactivated_user(sender, instance: User, **kwargs):
    if instance.pk is None or instance.is_active:
        return
    was_active = User.objects.filter(pk=instance.pk, is_active=True).exists()
    if was_active:
        sessions_end_for_user(instance.pk)


@receiver(authenticator_added)
def new_device_counts_as_second_factor(sender, request, user, authenticator, **kwargs):
    """Activating TOTP needs a valid code from the new device, adding a key a
    signed answer from it: this session has just shown the second factor.
    (A user who had a device already could only reach the page after showing
    it: SecondFactorMiddleware.)"""
    if authenticator.type in DEVICE_TYPES:
        remember_second_factor(request, user, authenticator.type)


@receiver(m2m_changed, sender=User.groups.through)
def role_change_is_logged(sender, instance, action, reverse, pk_set, **kwargs):
    """Every grant and removal of a role goes to the access log (see
    accounts/role_changes.py); grants that need approval are held."""
    from . import role_changes

    if action == "pre_add":
        role_changes.hold_grants_needing_approval(instance, reverse, pk_set)
    elif action == "post_add" and pk_set:
        role_changes.log_changes(AccessLogEntry.Action.ROLE_GRANTED, instance, reverse, pk_set)
    elif action == "post_remove" and pk_set:
        role_changes.log_changes(AccessLogEntry.Action.ROLE_REMOVED, instance, reverse, pk_set)
    elif action == "pre_clear":
        instance._tryggsam_cleared = role_changes.current_pairs(instance, reverse)
    elif action == "post_clear":
        channel = role_changes.current_channel()
        for user, group in getattr(instance, "_tryggsam_cleared", []):
            role_changes.log_role_change(
                AccessLogEntry.Action.ROLE_REMOVED, user, group.name, channel)
