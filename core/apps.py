from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.backends.signals import connection_created
        from django.urls import register_converter

        from . import converters, navigation, sessions, timestamps

        user_logged_in.connect(sessions.stamp_login, dispatch_uid="core-idle-session-stamp")
        connection_created.connect(timestamps.use_iso_loader, dispatch_uid="core-iso-timestamps")

        # Before any urls.py is imported (URLconfs load lazily, after ready).
        register_converter(converters.ObjectIdConverter, "id")
        register_converter(converters.YearConverter, "year")

        navigation.register(navigation.NavItem(
            url_name="core:home", label=_("Start"), order=0, visible=lambda user: True,
        ))
        navigation.register(navigation.NavItem(
            url_name="notifications:mailbox", label=_("Local mailbox"), order=900,
            visible=lambda user: user.is_staff and settings.LOCAL_MAILBOX, group="review",
        ))
