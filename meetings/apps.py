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
