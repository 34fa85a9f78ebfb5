"""Access matrix rows for the Django admin (/admin/). Source of truth:
audit/admin.py (NeedToKnowAdmin) and tests/audit/test_admin_need_to_know.py.

Only staff get in; everyone else, logged in or not, is sent to the admin's
login page (302). "staff" is a superuser without any Tryggsam role: the rules
bind it like any outsider, so it manages reference data (localities,
categories, organisations, users, groups, the outbox's delivery data) but
never opens a report moved to the concern track, another user's report, a
case, a measure or a working group's meeting: those answer 404 (the IDOR rows
below), exactly like an id that does not exist. Concerns, referrals and the
access log have no admin pages at all (nor the support numbers: the
coordinator keeps them at /oro/stodnummer/), and a concern's viewflow
process is 404 too."""

from datetime import time, timedelta

from django.utils import timezone

from tests.security.builders import once
from tests.security.matrix import ANON, FORBIDDEN, NOT_ALLOWED, NOT_FOUND, OK, Row

TO_ADMIN_LOGIN = 302  # admin_view sends non-staff to /admin/login/?next=…


def staff_gets(status, **others):
    """Staff get `status`; everyone else the admin login."""
    return {ANON: TO_ADMIN_LOGIN, "staff": status, "*": TO_ADMIN_LOGIN, **others}


# ---------------------------------------------------------------- builders

def _report(world, persona, *, moved=False):
    from casework.models import Report
    from tests.factories.casework import make_report

    def build():
        report = make_report(world.user(persona), description="Uppgift i rapporten")
        if moved:
            Report.objects.filter(pk=report.pk).update(status="moved")
        return report

    return once(world, f"admin-report:{persona}:{moved}", build)


def report_of(persona, *, moved=False):
    return lambda world: {"object_id": _report(world, persona, moved=moved).pk}


def _case(world):
    from casework.models import Case

    return once(world, "admin-case", lambda: Case.objects.create(
        reference="A-9999-0001", title="Ärende i matrisen"))


def _picture(world):
    from casework.models import SituationPicture

    def build():
        today = timezone.localdate()
        return SituationPicture.objects.create(
            title="Lägesbild i matrisen", period_kind="custom", period_start=today,
            period_end=today, status="published")

    return once(world, "admin-picture", build)


def _measure(world, persona=None):
    from casework.models import Measure

    def build():
        owner = world.user(persona) if persona else None
        return Measure.objects.create(title="Åtgärd i matrisen", owner=owner,
                                      owner_organisation=world.user("police").organisation)

    return once(world, f"admin-measure:{persona}", build)


def _meeting(world, *, sensitive):
    from meetings import services

    def build():
        group = services.group_create(
            name=f"Admin-matris {'känslig' if sensitive else 'öppen'}",
            chair=world.user("public_health"), handles_sensitive=sensitive)
        services.membership_add(group=group, user=world.user("group_member"))
        day = timezone.localdate() + timedelta(days=10)
        services.series_create(group=group, title="Matrismöte", rrule="FREQ=DAILY;COUNT=1",
                               starts_on=day, ends_on=day, start_time=time(9, 0),
                               end_time=time(10, 0))
        meeting = group.meetings.get()
        meeting.agenda = "Dagordning i matrisen"
        meeting.save(update_fields=["agenda"])
        return meeting

    return once(world, f"admin-meeting:{sensitive}", build)


def _decision(world, *, sensitive):
    from meetings.models import Decision

    return once(world, f"admin-decision:{sensitive}", lambda: Decision.objects.create(
        meeting=_meeting(world, sensitive=sensitive), text="Beslut i matrisen"))


def _process(world, *, concern):
    """A viewflow process: a report's triage flow, or a concern's flow."""
    from viewflow.workflow.models import Process

    from concerns.flows import ConcernFlow

    def build():
        if concern:
            from concerns import services
            from concerns.choices import Source

            services.concern_create(actor=world.user("coordinator"), source=Source.PHONE,
                                    data={"subject_name": "Testa Testsson",
                                          "environment": "right", "age_group": "18_25"})
            return Process.objects.filter(flow_class=ConcernFlow).latest("pk")
        _report(world, "reporter")
        return Process.objects.exclude(flow_class=ConcernFlow).latest("pk")

    return once(world, f"admin-process:{concern}", build)


def _task(world, *, concern):
    return once(world, f"admin-task:{concern}",
                lambda: _process(world, concern=concern).task_set.latest("pk"))


def _reference_object(world, model):
    """One object of a reference-data model (nothing need-to-know in it)."""

    def build():
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog
        from django.contrib.auth.models import Group
        from rest_framework.authtoken.models import Token, TokenProxy

        from accounts.models import Organisation
        from casework.models import Category, Locality
        from meetings.models import WorkingGroup
        from notifications.models import OutgoingEmail

        builders = {
            "group": lambda: Group.objects.order_by("pk").first(),
            # The token admin addresses a token by its user's id (TokenProxy.pk).
            "tokenproxy": lambda: TokenProxy.objects.get(
                key=Token.objects.create(user=world.user("police")).key),
            "accessattempt": lambda: AccessAttempt.objects.create(
                username="okand", ip_address="192.0.2.1", user_agent="matris",
                failures_since_start=1),
            "accesslog": lambda: AccessLog.objects.create(
                username="okand", ip_address="192.0.2.1", user_agent="matris"),
            "accessfailurelog": lambda: AccessFailureLog.objects.create(
                username="okand", ip_address="192.0.2.1", user_agent="matris"),
            "organisation": lambda: Organisation.objects.create(name="Matrisorganisation"),
            "user": lambda: world.user("reporter"),
            "outgoingemail": lambda: OutgoingEmail.objects.create(
                key="matris-1", to_email="matris@example.org", template="matris"),
            "locality": lambda: Locality.objects.order_by("pk").first(),
            "category": lambda: Category.objects.order_by("pk").first(),
            "workinggroup": lambda: WorkingGroup.objects.create(name="Matrisgrupp admin"),
            "meetingseries": lambda: _meeting(world, sensitive=False).series,
        }
        return builders[model]()

    return once(world, f"admin-reference:{model}", build)


def reference_object(model):
    return lambda world: {"object_id": _reference_object(world, model).pk}


# ---------------------------------------------------------------- rows

def object_rows(prefix, kwargs, expect, note):
    """The change, history and delete pages of one object."""
    return [Row(f"admin:{prefix}_{page}", kwargs=kwargs, expect=expect, note=note)
            for page in ("change", "history", "delete")]


SITE_ROWS = [
    Row("admin:index", expect=staff_gets(OK)),
    Row("admin:app_list", kwargs=lambda world: {"app_label": "casework"},
        expect=staff_gets(OK)),
    # A logged-in non-staff user sees the form with "not authorised"; staff
    # are sent on to the index.
    Row("admin:login", expect={ANON: OK, "staff": 302, "*": OK}),
    # Staff: GET must not log out (405); anyone else is sent to the index.
    Row("admin:logout", expect=staff_gets(NOT_ALLOWED), note="GET must not log out"),
    Row("admin:password_change", expect=staff_gets(OK)),
    Row("admin:password_change_done", expect=staff_gets(OK)),
    Row("admin:jsi18n", expect=staff_gets(OK)),
    # Without the widget's parameters the autocomplete refuses.
    Row("admin:autocomplete", expect=staff_gets(FORBIDDEN)),
    Row("admin:view_on_site", kwargs=lambda world: {"content_type_id": 999999,
                                                    "object_id": 1},
        expect=staff_gets(NOT_FOUND), note="unknown content type"),
]

# Reference data: staff manage it (the outbox and axes rows are read-only).
REFERENCE_MODELS = {
    "auth_group": ("group", OK),
    "authtoken_tokenproxy": ("tokenproxy", OK),
    "axes_accessattempt": ("accessattempt", FORBIDDEN),
    "axes_accesslog": ("accesslog", FORBIDDEN),
    "axes_accessfailurelog": ("accessfailurelog", FORBIDDEN),
    "accounts_organisation": ("organisation", OK),
    "accounts_user": ("user", OK),
    "notifications_outgoingemail": ("outgoingemail", FORBIDDEN),
    "casework_locality": ("locality", OK),
    "casework_category": ("category", OK),
    "meetings_workinggroup": ("workinggroup", OK),
    "meetings_meetingseries": ("meetingseries", OK),
}

REFERENCE_ROWS = [
    row
    for prefix, (model, add_status) in REFERENCE_MODELS.items()
    for row in [
        Row(f"admin:{prefix}_changelist", expect=staff_gets(OK)),
        Row(f"admin:{prefix}_add", expect=staff_gets(add_status)),
        *object_rows(prefix, reference_object(model), staff_gets(OK), "reference data"),
    ]
] + [
    Row("admin:auth_user_password_change",
        kwargs=lambda world: {"id": _reference_object(world, "user").pk},
        expect=staff_gets(OK)),
]

NEED_TO_KNOW_ROWS = [
    # Reports: only what casework.view_report allows, never a moved one.
    Row("admin:casework_report_changelist", expect=staff_gets(OK),
        note="lists only the user's own reports"),
    Row("admin:casework_report_changelist", query={"status__exact": "moved"},
        expect=staff_gets(OK), note="the moved filter finds nothing"),
    Row("admin:casework_report_add", expect=staff_gets(OK)),
    *object_rows("casework_report", report_of("reporter", moved=True),
                 staff_gets(NOT_FOUND), "moved to the concern track"),
    *object_rows("casework_report", report_of("reporter"), staff_gets(NOT_FOUND),
                 "another user's report (IDOR)"),
    Row("admin:casework_report_change", kwargs=report_of("staff"), expect=staff_gets(OK),
        note="the superuser's own report"),
    Row("admin:casework_report_change", kwargs=lambda world: {"object_id": 999999999},
        expect=staff_gets(NOT_FOUND), note="no such report"),
    # Cases: EST staff only (casework.view_case binds the superuser).
    Row("admin:casework_case_changelist", expect=staff_gets(FORBIDDEN)),
    Row("admin:casework_case_add", expect=staff_gets(FORBIDDEN),
        note="nor add what one may not see"),
    *object_rows("casework_case", lambda world: {"object_id": _case(world).pk},
                 staff_gets(NOT_FOUND), "EST staff's case"),
    # Lägesbild documents: casework.view_picture_list.
    Row("admin:casework_situationpicture_changelist", expect=staff_gets(OK),
        note="empty for a user without the role"),
    Row("admin:casework_situationpicture_add", expect=staff_gets(OK)),
    *object_rows("casework_situationpicture",
                 lambda world: {"object_id": _picture(world).pk},
                 staff_gets(NOT_FOUND), "published lägesbild"),
    # Measures: casework.view_measure (the admin's own view/change rights).
    Row("admin:casework_measure_changelist", expect=staff_gets(FORBIDDEN)),
    Row("admin:casework_measure_add", expect=staff_gets(FORBIDDEN)),
    *object_rows("casework_measure",
                 lambda world: {"object_id": _measure(world, "planning_chief").pk},
                 staff_gets(NOT_FOUND), "someone else's measure"),
    # Meetings and decisions: meetings.view_group; the sensitive group's are
    # never shown to a superuser who is not a member.
    Row("admin:meetings_meeting_changelist", expect=staff_gets(OK),
        note="lists only groups the user may see"),
    Row("admin:meetings_meeting_add", expect=staff_gets(OK)),
    *object_rows("meetings_meeting",
                 lambda world: {"object_id": _meeting(world, sensitive=True).pk},
                 staff_gets(NOT_FOUND), "sensitive group's meeting"),
    *object_rows("meetings_meeting",
                 lambda world: {"object_id": _meeting(world, sensitive=False).pk},
                 staff_gets(NOT_FOUND), "a group the superuser is not in"),
    Row("admin:meetings_decision_changelist", expect=staff_gets(OK)),
    Row("admin:meetings_decision_add", expect=staff_gets(OK)),
    *object_rows("meetings_decision",
                 lambda world: {"object_id": _decision(world, sensitive=True).pk},
                 staff_gets(NOT_FOUND), "sensitive group's decision"),
    # viewflow: the report flow's processes are visible; the concern flow's
    # are not there at all.
    Row("admin:viewflow_process_changelist", expect=staff_gets(OK)),
    Row("admin:viewflow_process_add", expect=staff_gets(FORBIDDEN)),
    *object_rows("viewflow_process",
                 lambda world: {"object_id": _process(world, concern=False).pk},
                 staff_gets(OK), "a report's triage process"),
    *object_rows("viewflow_process",
                 lambda world: {"object_id": _process(world, concern=True).pk},
                 staff_gets(NOT_FOUND), "a concern's process"),
    Row("admin:viewflow_task_changelist", expect=staff_gets(OK)),
    Row("admin:viewflow_task_add", expect=staff_gets(FORBIDDEN)),
    *object_rows("viewflow_task",
                 lambda world: {"object_id": _task(world, concern=False).pk},
                 staff_gets(OK), "a report's triage task"),
    *object_rows("viewflow_task",
                 lambda world: {"object_id": _task(world, concern=True).pk},
                 staff_gets(NOT_FOUND), "a concern's task"),
]

ROWS = SITE_ROWS + REFERENCE_ROWS + NEED_TO_KNOW_ROWS
