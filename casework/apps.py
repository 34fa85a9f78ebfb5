from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("Casework")

    def ready(self):
        from core import demo, navigation
        from core.access import allowed

        from . import demo as casework_demo

        demo.register("casework", casework_demo.seed, order=25)  # after workflows: reports, cases

        def can(perm):
            return lambda user: allowed(user, perm)

        navigation.register(navigation.NavItem(
            url_name="casework:report-create", label=_("New report"), order=5,
            visible=can("casework.submit_report")))
        navigation.register(navigation.NavItem(
            url_name="casework:report-list", label=_("My reports"), order=6,
            visible=can("casework.submit_report")))
        navigation.register(navigation.NavItem(
            url_name="casework:case-list", label=_("Cases"), order=20,
            visible=can("casework.view_case"), group="est"))
        navigation.register(navigation.NavItem(
            url_name="casework:picture-list", label=_("Situation pictures"), order=21,
            visible=can("casework.view_picture_list"), group="est"))
        navigation.register(navigation.NavItem(
            url_name="casework:measure-list", label=_("Measures"), order=22,
            visible=can("casework.view_measure_list"), group="est"))
        navigation.register_panel("casework-reports", casework_demo.reports_panel, order=20)
        navigation.register_panel("casework-measures", casework_demo.measures_panel, order=22)
        _register_gallring()


def _register_gallring():
    from core import retention

    from . import services

    retention.register(retention.RetentionKind(
        key="moved-reports", label=_("Remnants of reports handed over to the concern track"),
        order=20, count_due=services.moved_report_gallra_count,
        dispose=services.moved_report_gallra))
    retention.register(retention.RetentionKind(
        key="report-attachments", label=_("Report attachments"), order=30,
        count_due=services.report_attachment_gallra_count,
        dispose=services.report_attachment_gallra))
