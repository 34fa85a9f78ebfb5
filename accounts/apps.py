from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("People and organisations")

    def ready(self):
        from core import demo

        from . import demo as accounts_demo
        from . import signals  # noqa: F401

        demo.register("accounts", accounts_demo.seed, order=0)
