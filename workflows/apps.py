from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Workflows")

    def ready(self):
        from core import demo, navigation

        from . import demo as workflows_demo
        from . import selectors

        demo.register("workflows", workflows_demo.seed, order=20)

        def is_staff(user):
            from accounts.roles import is_est_staff

            return is_est_staff(user)

        navigation.register(navigation.NavItem(
            url_name="workflows:inbox", label=_("Inbox"), order=10, visible=is_staff))

        def inbox_panel(user):
            if not is_staff(user):
                return None
            from django.urls import reverse

            mine, queue = selectors.start_page_counts(user)
            return navigation.Panel(
                title=_("Triage inbox"), url=reverse("workflows:inbox"), count=mine + queue,
                lines=({"text": _("Mine: %(n)s") % {"n": mine},
                        "url": reverse("workflows:inbox") + "?vy=mine"},
                       {"text": _("Unclaimed: %(n)s") % {"n": queue},
                        "url": reverse("workflows:inbox") + "?vy=queue"}),
            )

        navigation.register_panel("workflows-inbox", inbox_panel, order=10)
        _register_gallring()


def _register_gallring():
    from core import retention

    from . import services

    retention.register(retention.RetentionKind(
        key="workflow-processes", label=_("Ended workflow processes and their tasks"),
        order=60, count_due=services.ended_process_gallra_count,
        dispose=services.ended_process_gallra))
