"""Access matrix rows for casework (reports, cases, lägesbild documents,
measures, the partner API). Source of truth: casework/rules.py and
tests/casework/test_access.py. A list page the role may not use is 403; an
object the user may not know of is 404 (another organisation's report answers
exactly like a reference that does not exist). "staff" is a Django superuser:
Tryggsam's rules permissions bind superusers too (accounts.User.has_perm), so a
superuser without an EST role is an outsider here like any other."""

from django.utils import timezone

from tests.security.builders import once
from tests.security.matrix import ANON, FORBIDDEN, LOGIN, NOT_FOUND, OK, Row

EST = {"coordinator": OK, "security": OK}
# Report and case objects: by role only, the superuser is not EST staff.
EST_ROLES = {"coordinator": OK, "security": OK}
REPORTERS = {"police": OK, "housing": OK, "reporter": OK, "reporter2": OK}
UNAUTHENTICATED = 401  # the API answers with a status, not a login redirect


def _report(world, persona):
    from tests.factories.casework import make_report

    def build():
        return make_report(world.user(persona))

    return once(world, f"report:{persona}", build)


def report_of(persona):
    return lambda world: {"reference": _report(world, persona).reference}


def _colleague_report(world, persona):
    """A report by a colleague of `persona` (same organisation, same roles)
    who is none of the personas: org-wide reading is for partners only."""
    from accounts.roles import Role
    from tests.factories import UserFactory
    from tests.factories.casework import make_report

    def build():
        owner = world.user(persona)
        roles = [Role.REPORTER] + ([Role.POLICE] if persona == "police" else [])
        colleague = UserFactory(username=f"matrix-colleague-{persona}",
                                organisation=owner.organisation, roles=roles)
        return make_report(colleague)

    return once(world, f"colleague-report:{persona}", build)


def colleague_report_of(persona):
    return lambda world: {"reference": _colleague_report(world, persona).reference}


def _attachment(world, persona):
    def build():
        from django.core.files.base import ContentFile

        from casework.models import ReportAttachment

        report = _report(world, persona)
        attachment = ReportAttachment(report=report, filename="foto.pdf",
                                      mimetype="application/pdf", size=8)
        attachment.file.save("foto.pdf", ContentFile(b"%PDF-1.4"), save=False)
        attachment.save()
        return {"reference": report.reference, "attachment_id": attachment.pk}

    return once(world, f"attachment:{persona}", build)


def _handed_over_report(world):
    """A police report handed over to the concern track (content emptied)."""
    from tests.factories.casework import make_report, triage

    def build():
        report = make_report(world.user("police"))
        triage(report, world.user("coordinator"), action="move_to_concern_track")
        return report

    return once(world, "handed-over-report", build)


def handed_over_report(world):
    return {"reference": _handed_over_report(world).reference}


def _case(world):
    from tests.factories.casework import triage

    return once(world, "case", lambda: triage(_report(world, "housing"),
                                              world.user("coordinator")))


def case(world):
    return {"reference": _case(world).reference}


def case_action(action):
    return lambda world: {"reference": _case(world).reference, "action": action}


def _picture(world, *, published):
    from casework import services

    def build():
        coordinator = world.user("coordinator")
        picture = services.picture_create(
            actor=coordinator, period_kind="month" if published else "week",
            period_start=timezone.localdate())
        if published:
            picture = services.picture_record_analysis(
                picture=picture, actor=world.user("planning_chief"), version=picture.version,
                analysis="Analys.")
            picture = services.picture_publish(picture=picture, actor=coordinator,
                                               version=picture.version)
        return picture

    return once(world, f"picture:{published}", build)


draft = lambda world: {"pk": _picture(world, published=False).pk}  # noqa: E731
published = lambda world: {"pk": _picture(world, published=True).pk}  # noqa: E731


def _measure(world):
    from casework import services

    def build():
        housing = world.user("housing")
        return services.measure_create(actor=world.user("coordinator"), title="Belysning",
                                       owner_organisation=housing.organisation, owner=housing)

    return once(world, "measure", build)


measure = lambda world: {"pk": _measure(world).pk}  # noqa: E731


def _restricted_measure(world):
    """A measure from a sensitive working group's decision: the group-member
    persona is in the group and owns it; the coordinator is not a member."""
    from casework import services
    from meetings import services as meeting_services

    def build():
        member = world.user("group_member")
        group = meeting_services.group_create(
            name=f"Känslig matrisgrupp {timezone.now().timestamp()}", handles_sensitive=True)
        meeting_services.membership_add(group=group, user=member)
        return services.measure_create(actor=world.user("coordinator"), title="Kartläggning",
                                       owner_organisation=member.organisation, owner=member,
                                       restricted_to_group=group)

    return once(world, "restricted-measure", build)


restricted_measure = lambda world: {"pk": _restricted_measure(world).pk}  # noqa: E731
# Only the group's members and the trygghetssamordnare; planeringschef,
# ledning, the säkerhetssamordnare and the superuser may not know it exists.
RESTRICTED_READERS = {"coordinator": OK, "group_member": OK}


ROWS = [
    # Reports: reporters and EST staff submit; a report is seen by its reporter,
    # EST staff, and partner (police/housing) colleagues of its organisation.
    Row("casework:report-create", expect={ANON: LOGIN, **EST, **REPORTERS, "*": FORBIDDEN}),
    Row("casework:report-create", method="POST", data=lambda world: {"description": ""},
        expect={ANON: LOGIN, **{p: 400 for p in {**EST, **REPORTERS}}, "*": FORBIDDEN},
        note="bad input is a 400 for those who may report"),
    Row("casework:report-list", expect={ANON: LOGIN, **EST, **REPORTERS, "*": FORBIDDEN}),
    Row("casework:report-list", query={"organisation": "1", "sida": "x"},
        expect={ANON: LOGIN, **EST, **REPORTERS, "*": FORBIDDEN},
        note="organisation view and a bad page number"),
    Row("casework:report-detail", kwargs=report_of("reporter"),
        expect={ANON: LOGIN, **EST_ROLES, "reporter": OK, "*": NOT_FOUND},
        note="reporter2 (another organisation) is the IDOR check"),
    Row("casework:report-detail", kwargs=report_of("police"),
        expect={ANON: LOGIN, **EST_ROLES, "police": OK, "*": NOT_FOUND},
        note="a partner's report"),
    Row("casework:report-detail", kwargs=colleague_report_of("police"),
        expect={ANON: LOGIN, **EST_ROLES, "police": OK, "*": NOT_FOUND},
        note="a police colleague's report: partners read their organisation's"),
    Row("casework:report-detail", kwargs=colleague_report_of("reporter"),
        expect={ANON: LOGIN, **EST_ROLES, "*": NOT_FOUND},
        note="a school colleague's report: a plain reporter reads only their own"),
    Row("casework:report-detail", kwargs=handed_over_report,
        expect={ANON: LOGIN, "police": OK, "coordinator": 302, "security": 302,
                "*": NOT_FOUND},
        note="handed over to the concern track: the reporting organisation sees the "
             "neutral status, concern handlers are sent on to the concern"),
    Row("casework:report-detail", kwargs=lambda world: {"reference": "R-2026-99999"},
        expect={ANON: LOGIN, "*": NOT_FOUND}, note="unknown reference"),
    Row("casework:report-attachment", kwargs=lambda world: _attachment(world, "reporter"),
        expect={ANON: LOGIN, **EST_ROLES, "reporter": OK, "*": NOT_FOUND}),
    Row("casework:report-attachment",
        kwargs=lambda world: {**_attachment(world, "reporter"), "attachment_id": 987654},
        expect={ANON: LOGIN, "*": NOT_FOUND}, note="unknown attachment"),
    # Cases: EST staff only.
    Row("casework:case-list", expect={ANON: LOGIN, **EST, "*": FORBIDDEN}),
    Row("casework:case-detail", kwargs=case, expect={ANON: LOGIN, **EST_ROLES, "*": NOT_FOUND}),
    Row("casework:case-action", method="POST", kwargs=case_action("anteckning"),
        data=lambda world: {"text": "Anteckning från matrisen"},
        expect={ANON: LOGIN, **{p: 302 for p in EST_ROLES}, "*": NOT_FOUND}),
    Row("casework:case-action", method="POST", kwargs=case_action("status"),
        data=lambda world: {"status": "nonsense"},
        expect={ANON: LOGIN, **{p: 400 for p in EST_ROLES}, "*": NOT_FOUND},
        note="bad status is a 400"),
    Row("casework:case-action", method="POST", kwargs=case_action("okand"),
        data=lambda world: {}, expect={ANON: LOGIN, "*": NOT_FOUND}, note="unknown action"),
    Row("casework:case-action", kwargs=case_action("anteckning"),
        expect={ANON: LOGIN, "*": 405}, note="GET changes nothing"),
    # Lägesbild documents.
    Row("casework:picture-list",
        expect={ANON: LOGIN, **EST, "planning_chief": OK, "management": OK,
                "*": FORBIDDEN}),
    Row("casework:picture-create", expect={ANON: LOGIN, **EST, "*": FORBIDDEN}),
    Row("casework:picture-detail", kwargs=draft,
        expect={ANON: LOGIN, **EST, "planning_chief": OK, "*": NOT_FOUND}),
    Row("casework:picture-detail", kwargs=published,
        expect={ANON: LOGIN, **EST, "planning_chief": OK, "management": OK,
                "*": NOT_FOUND}),
    Row("casework:picture-analysis", kwargs=draft,
        expect={ANON: LOGIN, **EST, "planning_chief": OK, "*": NOT_FOUND}),
    Row("casework:picture-publish", method="POST", kwargs=draft,
        data=lambda world: {"version": "x"},
        expect={ANON: LOGIN, **{p: 302 for p in EST}, "planning_chief": FORBIDDEN,
                "*": NOT_FOUND},
        note="a bad version goes back to the page; only EST staff may publish"),
    Row("casework:picture-pdf", kwargs=draft,
        expect={ANON: LOGIN, **EST, "planning_chief": OK, "*": NOT_FOUND}),
    Row("casework:picture-summary", kwargs=published,
        expect={ANON: LOGIN, **EST, **REPORTERS, "planning_chief": OK, "management": OK,
                "*": NOT_FOUND}),
    Row("casework:picture-summary", kwargs=draft,
        expect={ANON: LOGIN, **EST, "planning_chief": OK, "*": NOT_FOUND},
        note="an unpublished summary"),
    # Measures: the owner follows up their own measure.
    Row("casework:measure-list",
        expect={ANON: LOGIN, **EST, "planning_chief": OK, "management": OK,
                "*": FORBIDDEN}),
    Row("casework:measure-create",
        expect={ANON: LOGIN, **EST, "planning_chief": OK, "*": FORBIDDEN}),
    Row("casework:measure-detail", kwargs=measure,
        expect={ANON: LOGIN, **EST, "planning_chief": OK, "management": OK, "housing": OK,
                "*": NOT_FOUND}),
    Row("casework:measure-detail", method="POST", kwargs=measure,
        data=lambda world: {"note": "Uppföljning"},
        expect={ANON: LOGIN, **{p: 302 for p in EST}, "planning_chief": 302,
                "housing": 302, "management": FORBIDDEN, "*": NOT_FOUND},
        note="follow-up: the owner yes, management reads only"),
    # The effect panel's window (issue 15): same access as the page; a bad
    # window is a 400 only for those who may see the measure at all.
    Row("casework:measure-detail", kwargs=measure, query={"veckor": "8"},
        expect={ANON: LOGIN, **EST, "planning_chief": OK, "management": OK, "housing": OK,
                "*": NOT_FOUND}, note="effect panel with a chosen window"),
    Row("casework:measure-detail", kwargs=measure, query={"veckor": "99"},
        expect={ANON: LOGIN, **{p: 400 for p in EST}, "planning_chief": 400,
                "management": 400, "housing": 400, "*": NOT_FOUND},
        note="effect panel with a bad window"),
    Row("casework:measure-edit", kwargs=measure,
        expect={ANON: LOGIN, **EST, "planning_chief": OK, "housing": OK, "*": NOT_FOUND}),
    Row("casework:measure-edit", method="POST", kwargs=measure,
        data=lambda world: {
            "title": "Belysning i tunneln", "term": "short", "status": "in_progress",
            "owner_organisation": world.user("housing").organisation_id,
            "owner": world.user("housing").pk,
            "version": type(_measure(world)).objects.get(pk=_measure(world).pk).version},
        expect={ANON: LOGIN, **{p: 302 for p in EST}, "planning_chief": 302, "housing": 302,
                "*": NOT_FOUND},
        note="the owner edits their measure; others may not know it"),
    # A sensitive working group's measure stays inside the group.
    Row("casework:measure-detail", kwargs=restricted_measure,
        expect={ANON: LOGIN, **RESTRICTED_READERS, "*": NOT_FOUND},
        note="from a sensitive group's decision"),
    Row("casework:measure-detail", method="POST", kwargs=restricted_measure,
        data=lambda world: {"note": "Uppföljning"},
        expect={ANON: LOGIN, "coordinator": 302, "group_member": 302, "*": NOT_FOUND},
        note="follow-up on a sensitive group's measure: the coordinator and the owner"),
    Row("casework:measure-edit", kwargs=restricted_measure,
        expect={ANON: LOGIN, **RESTRICTED_READERS, "*": NOT_FOUND},
        note="a sensitive group's measure: outsiders may not know it"),
    # The partner API (token or session); unauthenticated is a 401, not a redirect.
    Row("casework:api-report-create", method="POST", data=lambda world: {},
        expect={ANON: UNAUTHENTICATED, **{p: 400 for p in {**EST, **REPORTERS}},
                "*": FORBIDDEN}),
    Row("casework:api-report-detail", kwargs=report_of("police"),
        expect={ANON: UNAUTHENTICATED, **EST_ROLES, "police": OK, "housing": NOT_FOUND,
                "reporter": NOT_FOUND, "reporter2": NOT_FOUND, "*": FORBIDDEN}),
    Row("casework:api-report-detail", kwargs=handed_over_report,
        expect={ANON: UNAUTHENTICATED, "police": OK, "coordinator": NOT_FOUND,
                "security": NOT_FOUND, "housing": NOT_FOUND, "reporter": NOT_FOUND,
                "reporter2": NOT_FOUND, "*": FORBIDDEN},
        note="handed over: its organisation sees the neutral status only"),
    Row("casework:api-report-detail", kwargs=report_of("reporter"),
        expect={ANON: UNAUTHENTICATED, **EST_ROLES, "reporter": OK, "police": NOT_FOUND,
                "housing": NOT_FOUND, "reporter2": NOT_FOUND, "*": FORBIDDEN},
        note="reporter2 is the IDOR check"),
    Row("casework:api-report-detail", kwargs=colleague_report_of("police"),
        expect={ANON: UNAUTHENTICATED, **EST_ROLES, "police": OK, "housing": NOT_FOUND,
                "reporter": NOT_FOUND, "reporter2": NOT_FOUND, "*": FORBIDDEN},
        note="a police colleague's report"),
    Row("casework:api-report-detail", kwargs=colleague_report_of("reporter"),
        expect={ANON: UNAUTHENTICATED, **EST_ROLES, "police": NOT_FOUND,
                "housing": NOT_FOUND, "reporter": NOT_FOUND, "reporter2": NOT_FOUND,
                "*": FORBIDDEN},
        note="a school colleague's report: as on the web, not a plain reporter's"),
]
