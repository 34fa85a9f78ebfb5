from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionPlanConfig(AppConfig):
    name = "actionplan"
    verbose_name = _("Action plan against violent extremism")

    def ready(self):
        import rules

        from casework import measures
        from core import demo
        from core.navigation import NavItem, register

        from . import services
        from .access import PERMISSIONS, can_read_plan
        from .demo import seed
        from .models import Goal

        # Registered here, not in an actionplan/rules.py (see concerns.apps).
        for name, predicate in PERMISSIONS.items():
            if not rules.perm_exists(name):
                rules.add_perm(name, predicate)
        register(NavItem("actionplan:plan-list", _("Action plan"), visible=can_read_plan,
                         order=44, group="concerns"))
        # A measure of the plan has a goal as its source (casework.measures).
        measures.register_state_hook(Goal, services.goal_measure_changed)
        demo.register("actionplan", seed, order=45)
