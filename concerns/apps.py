from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConcernsConfig(AppConfig):
    name = "concerns"
    verbose_name = _("Violent-extremism concerns")

    def ready(self):
        import rules

        from core import demo
        from core.navigation import NavItem, register, register_panel

        from .access import (
            PERMISSIONS,
            can_handle_concerns,
            can_see_referral_inbox,
            can_see_statistics,
            is_municipal_staff,
        )
        from .demo import seed
        from .panels import concern_panel, referral_panel

        # Registered here, not in a concerns/rules.py: a module named `rules`
        # inside the app shadows the `rules` package when makemessages runs
        # from the app directory.
        for name, predicate in PERMISSIONS.items():
            if not rules.perm_exists(name):
                rules.add_perm(name, predicate)
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
        _register_gallring()


def _register_gallring():
    from core import retention

    from . import services

    retention.register(retention.RetentionKind(
        key="concerns", label=_("Concerns past their retention date"), order=10,
        count_due=services.concern_gallra_count,
        dispose=lambda today: len(services.concern_gallra(today=today)),
        list_due=services.concern_gallra_references))
    retention.register(retention.RetentionKind(
        key="concern-emails", label=_("E-mails about concerns and referrals"), order=50,
        count_due=services.sensitive_email_gallra_count,
        dispose=services.sensitive_email_gallra))
