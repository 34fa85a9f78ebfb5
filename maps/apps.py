from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MapsConfig(AppConfig):
    name = "maps"
    verbose_name = _("Map")

    def ready(self):
        from core import navigation

        from .selectors import may_see_map

        # With the EST pages (cases, lägesbild, measures): the map shows their
        # places; for a reader who has only the map it stands on its own.
        navigation.register(navigation.NavItem("maps:map", _("Map"), visible=may_see_map,
                                               order=23, group="est"))
