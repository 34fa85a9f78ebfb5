"""A user who is deactivated loses every open session at once: the sessions are
deleted in the same transaction, so even a request already under way cannot
renew them. (Django also refuses inactive users on each request.)"""

from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.contrib.sessions.models import Session
from django.db.models.signals import pre_save
from django.dispatch import receiver

from .models import User
from .second_factor import remember_second_factor


def sessions_end_for_user(user_id: int) -> int:
    """Delete every session that belongs to the user; returns how many."""
    doomed = [
        session.pk
        for session in Session.objects.iterator()
        if str(session.get_decoded().get("_auth_user_id")) == str(user_id)
    ]
    Session.objects.filter(pk__in=doomed).delete()
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
    """Activating TOTP needs a valid code from the new device: this session
    has just shown the second factor."""
    if authenticator.type == Authenticator.Type.TOTP:
        remember_second_factor(request, user, Authenticator.Type.TOTP)
