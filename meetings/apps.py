from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Working groups and meetings")

    def ready(self):
        from core import demo, navigation

        from . import demo as meetings_demo
        from .panels import build_panel, nav_visible

        demo.register("meetings", meetings_demo.seed, order=40)
        navigation.register(navigation.NavItem(
            "meetings:group-list", _("Working groups"), visible=nav_visible, order=40,
            group="meetings", per_user=True))
        navigation.register_panel("meetings-next", build_panel, order=40)
        _membership_changes_renew_the_cached_user()


def _membership_changes_renew_the_cached_user():
    """The menu's "Working groups" item depends on membership (nav_visible);
    a member's cached user and menu are renewed when it changes."""
    from django.db.models.signals import post_delete, post_save

    from accounts import user_cache

    from .models import Membership

    def membership_changed(sender, instance, **kwargs):
        user_cache.bump([instance.user_id])

    post_save.connect(membership_changed, sender=Membership, weak=False,
                      dispatch_uid="meetings-membership-user-cache")
    post_delete.connect(membership_changed, sender=Membership, weak=False,
                        dispatch_uid="meetings-membership-user-cache")
