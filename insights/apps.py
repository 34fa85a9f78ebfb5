from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "insights"
    verbose_name = _("Situation analytics, safety walks and surveys")

    def ready(self):
        from casework import measures
        from casework.measures import sections as measure_sections
        from core import demo, navigation
        from core.access import allowed

        from . import effect_demo, services, signals
        from .demo import seed
        from .models import WalkPlace
        from .views import effects as effect_views

        def can_view(user):
            return allowed(user, "insights.view_insights")

        navigation.register(navigation.NavItem("insights:dashboard", _("Analytics"),
                                               visible=can_view, order=60))
        navigation.register(navigation.NavItem("insights:walk-list", _("Safety walks"),
                                               visible=can_view, order=62, group="meetings"))
        navigation.register_panel("insights-coverage", signals.coverage_panel, order=80)
        measure_sections.register("insights-effect", effect_views.measure_section, order=50)
        demo.register("insights", seed, order=50)
        demo.register("insights-effects", effect_demo.seed, order=55)
        # A walk's summary follows its measures' state: a required step, so a
        # direct call from the measure services, not a post_save signal.
        measures.register_state_hook(WalkPlace, services.walk_measure_changed)
        _register_gallring()


def _register_gallring():
    from core import retention

    from . import services

    retention.register(retention.RetentionKind(
        key="walk-photos", label=_("Safety-walk photos"), order=40,
        count_due=services.walk_photo_gallra_count, dispose=services.walk_photo_gallra))
