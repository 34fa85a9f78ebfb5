from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TownMeetingsConfig(AppConfig):
    name = "townmeetings"
    verbose_name = _("Safety meetings")

    def ready(self):
        from casework import measures
        from core import demo, navigation
        from core.access import allowed
        from insights import walk_links

        from . import selectors, services
        from .demo import seed
        from .models import TownMeetingInput

        def can_view(user):
            return allowed(user, "townmeetings.view_townmeeting")

        navigation.register(navigation.NavItem(
            "townmeetings:meeting-list", _("Safety meetings"), visible=can_view, order=61,
            group="meetings"))
        demo.register("townmeetings", seed, order=60)  # after insights: the walks exist
        # A measure made from a meeting's input is a source kind of its own: when
        # its state changes the locality's contact person hears of it (once the
        # feedback has gone out), a required step called by the measure services.
        measures.register_state_hook(TownMeetingInput, services.input_measure_changed)
        # The walk page links to the trygghetsmöte held with the walk (insights
        # cannot import townmeetings: the layers point down).
        walk_links.register("townmeetings", selectors.walk_links)
