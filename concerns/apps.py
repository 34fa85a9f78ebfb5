from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _on_report_moved(sender, report_id, actor_id=None, **kwargs):
    """EST triage moved a report over to the concern track."""
    from .services import concern_create_from_report

    concern_create_from_report(report_id=report_id, actor_id=actor_id)


class ConcernsConfig(AppConfig):
    name = "concerns"
    verbose_name = _("Violent-extremism concerns")

    def ready(self):
        import rules

        from core import demo
        from core.navigation import NavItem, register, register_panel

        from .access import (
            can_handle_concerns,
            can_see_referral_inbox,
            can_see_statistics,
            is_municipal_staff,
            may_handle_concerns,
        )
        from .demo import seed
        from .panels import concern_panel, referral_panel

        # Registered here, not in a concerns/rules.py: a module named `rules`
        # inside the app shadows the `rules` package when makemessages runs
        # from the app directory.
        if not rules.perm_exists("concerns.handle_concern"):
            rules.add_perm("concerns.handle_concern", may_handle_concerns)
        register(NavItem("concerns:concern-list", _("Concerns"),
                         visible=can_handle_concerns, order=40, group="concerns"))
        register(NavItem("concerns:concern-report", _("Raise a concern"),
                         visible=lambda user: (is_municipal_staff(user)
                                               and not can_handle_concerns(user)),
                         order=41, group="concerns"))
        register(NavItem("concerns:concern-statistics", _("Statistics"),
                         visible=lambda user: can_see_statistics(user)
                         and not can_handle_concerns(user), order=43, group="concerns"))
        register(NavItem("concerns:referral-inbox", _("Referrals"),
                         visible=can_see_referral_inbox, order=42, group="concerns"))
        register_panel("concerns", concern_panel, order=40)
        register_panel("concern-referrals", referral_panel, order=41)
        demo.register("concerns", seed, order=30)
        try:
            from casework.signals import report_moved_to_concern_track
        except ImportError:
            pass  # the EST helper's signal is not on this branch yet
        else:
            report_moved_to_concern_track.connect(
                _on_report_moved, dispatch_uid="concerns.report_moved_to_concern_track")
