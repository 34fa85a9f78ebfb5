"""What replaces a user's version token (accounts/user_cache.py): every change
to the user, its roles, its organisation, the role's group or the user's API
token (accounts/api_auth.py keeps tokens under the version). Querysets'
`update()` sends no signal: code that changes users in bulk calls
`user_cache.bump` itself."""

from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from rest_framework.authtoken.models import Token

from . import user_cache
from .models import Organisation, User


@receiver(post_save, sender=User)
@receiver(post_delete, sender=User)
def user_changed(sender, instance: User, **kwargs):
    user_cache.bump([instance.pk])


@receiver(m2m_changed, sender=User.groups.through)
def roles_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear" and reverse:
        # the group's members, before they are gone
        instance._tryggsam_cache_members = list(instance.user_set.values_list("pk", flat=True))
    elif action not in ("post_add", "post_remove", "post_clear"):
        return
    elif not reverse:
        user_cache.bump([instance.pk])
    elif action == "post_clear":
        user_cache.bump(getattr(instance, "_tryggsam_cache_members", []))
    else:
        user_cache.bump(pk_set or [])


@receiver(post_save, sender=Group)
@receiver(pre_delete, sender=Group)
def group_changed(sender, instance: Group, **kwargs):
    if instance.pk is not None:
        user_cache.bump(instance.user_set.values_list("pk", flat=True))


@receiver(post_save, sender=Organisation)
@receiver(pre_delete, sender=Organisation)
def organisation_changed(sender, instance: Organisation, **kwargs):
    if instance.pk is not None:
        user_cache.bump(User.objects.filter(organisation=instance).values_list("pk", flat=True))


@receiver(post_save, sender=Token)
@receiver(post_delete, sender=Token)
def token_changed(sender, instance: Token, **kwargs):
    user_cache.bump([instance.user_id])
