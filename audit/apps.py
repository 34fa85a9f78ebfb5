from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Access log")

    def ready(self):
        from accounts.roles import is_log_reviewer
        from core.navigation import NavItem, register

        register(NavItem("audit:log", _("Access log"), visible=is_log_reviewer, order=90,
                         group="review"))

        from . import checks  # noqa: F401  (registers the deploy check)
