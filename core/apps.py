from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from . import navigation

        navigation.register(navigation.NavItem(
            url_name="core:home", label=_("Start"), order=0, visible=lambda user: True,
        ))
        navigation.register(navigation.NavItem(
            url_name="notifications:mailbox", label=_("Local mailbox"), order=900,
            visible=lambda user: user.is_staff, group="review",
        ))
