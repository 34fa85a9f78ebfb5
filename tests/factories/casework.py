"""EST test data: personas per role and helpers that go through the real
services (a report made here has its triage task like a real one)."""

from datetime import timedelta
from types import SimpleNamespace

import factory
import pytest
from django.utils import timezone

from accounts.models import Organisation
from accounts.roles import Role
from casework.choices import MeasureStatus
from casework.models import Category, Locality, Measure, Report
from tests.factories.accounts import OrganisationFactory, UserFactory


@pytest.fixture
def est_people(db):
    """One user per role, partners in their real organisations, plus a
    colleague in the police organisation and an outsider with no role."""
    police = OrganisationFactory(name="Polisen", kind=Organisation.Kind.POLICE)
    housing = OrganisationFactory(name="Tranemobostäder", kind=Organisation.Kind.HOUSING)
    tsk = OrganisationFactory(name="TSK", kind=Organisation.Kind.MUNICIPALITY)
    leisure = OrganisationFactory(name="Fritid", kind=Organisation.Kind.LEISURE)
    social = OrganisationFactory(name="IFO", kind=Organisation.Kind.SOCIAL_SERVICES)
    return SimpleNamespace(
        police_org=police, housing_org=housing, tsk_org=tsk,
        coordinator=UserFactory(username="t_samordnare", organisation=tsk,
                                roles=[Role.COORDINATOR]),
        security=UserFactory(username="t_sakerhet", organisation=tsk,
                             roles=[Role.SECURITY_COORDINATOR]),
        planning=UserFactory(username="t_planeringschef", organisation=tsk,
                             roles=[Role.PLANNING_CHIEF]),
        management=UserFactory(username="t_ledning", organisation=tsk,
                               roles=[Role.MANAGEMENT]),
        police=UserFactory(username="t_polis", organisation=police,
                           roles=[Role.POLICE, Role.REPORTER]),
        police_colleague=UserFactory(username="t_polis2", organisation=police,
                                     roles=[Role.POLICE, Role.REPORTER]),
        housing=UserFactory(username="t_bostad", organisation=housing,
                            roles=[Role.HOUSING, Role.REPORTER]),
        reporter=UserFactory(username="t_rapportor", organisation=leisure,
                             roles=[Role.REPORTER]),
        reporter_colleague=UserFactory(username="t_rapportor2", organisation=leisure,
                                       roles=[Role.REPORTER]),
        social=UserFactory(username="t_social", organisation=social,
                           roles=[Role.SOCIAL_SERVICES]),
        outsider=UserFactory(username="t_utomstaende", organisation=leisure, roles=[]),
    )


def make_report(reporter, *, days_ago: int = 1, category: str = "klotter",
                locality: str = "Tranemo", **overrides):
    data = {
        "reporter": reporter,
        "category": Category.objects.get(slug=category),
        "locality": Locality.objects.get(name=locality),
        "occurred_on": timezone.localdate() - timedelta(days=days_ago),
        "description": "Nytt klotter på gaveln.",
        "place": "Centrum",
    }
    data.update(overrides)
    from workflows.services import report_submit

    report, _created = report_submit(**data)
    return report


def triage_task(report):
    from workflows.selectors import triage_task_for_report_id

    return triage_task_for_report_id(report.pk)


def triage(report, user, action="open_case", **kwargs):
    """Claim and decide through the real flow services (no HTTP)."""
    from workflows.demo import triage_demo_report

    return triage_demo_report(report=report, user=user, action=action, **kwargs)


# ---------------------------------------------------------------- factories
# Through the real services: a report has its triage task, a measure its owner
# notice and reminders, a meeting-born measure its decision.

class ReportFactory(factory.Factory):
    """`ReportFactory()`: submitted, in the triage inbox.
    `ReportFactory(triaged=True)`: triaged by the coordinator into a new case
    (`report.case`). `ReportFactory(set_aside=True)`: set aside with a reason."""

    class Meta:
        model = Report

    reporter = factory.SubFactory(UserFactory, roles=[Role.REPORTER])
    category = factory.LazyFunction(lambda: Category.objects.get(slug="klotter"))
    locality = factory.LazyFunction(lambda: Locality.objects.get(name="Tranemo"))
    occurred_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))
    description = "Nytt klotter på gaveln."
    place = "Centrum"
    triaged_by = None
    triage_action = "open_case"

    class Params:
        triaged = factory.Trait(
            triaged_by=factory.SubFactory(UserFactory, roles=[Role.COORDINATOR]))
        set_aside = factory.Trait(triaged=True, triage_action="set_aside")

    @classmethod
    def _create(cls, model_class, *, triaged_by, triage_action, **fields):
        from workflows.services import report_submit

        report, _created = report_submit(**fields)
        if triaged_by is not None:
            triage(report, triaged_by, action=triage_action,
                   reason="Ingen åtgärd behövs." if triage_action == "set_aside" else "")
            report.refresh_from_db()
        return report


class MeasureFactory(factory.Factory):
    """`MeasureFactory()`: decided, owned by a housing-company person, due in
    30 days. `done=True`: followed up as done (reminders withdrawn).
    `from_meeting=True`: decided at a held meeting (`measure.source` is the
    decision), as meetings.decisions makes it."""

    class Meta:
        model = Measure

    actor = factory.SubFactory(UserFactory, roles=[Role.COORDINATOR])
    title = factory.Sequence(lambda n: f"Åtgärd {n}")
    owner = factory.SubFactory(
        UserFactory, roles=[Role.HOUSING, Role.REPORTER],
        organisation=factory.SubFactory(OrganisationFactory, name="Tranemobostäder",
                                        kind=Organisation.Kind.HOUSING))
    owner_organisation = factory.SelfAttribute("owner.organisation")
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    status = MeasureStatus.DECIDED
    meeting = None
    finished = False

    class Params:
        done = factory.Trait(finished=True)
        from_meeting = factory.Trait(meeting=factory.SubFactory(
            "tests.factories.meetings.MeetingFactory", past=True))

    @classmethod
    def _create(cls, model_class, *, actor, meeting, finished, status, **fields):
        from casework import measures
        from meetings.decisions import decision_add

        if meeting is not None:
            measure = decision_add(meeting=meeting, text=fields["title"], actor=actor,
                                   owner=fields["owner"],
                                   owner_organisation=fields["owner_organisation"],
                                   due_date=fields["due_date"]).measure
        else:
            measure = measures.measure_create(actor=actor, status=status, **fields)
        if finished:
            measures.measure_follow_up_add(measure=measure, actor=actor, note="Klart.",
                                           status_after=MeasureStatus.DONE)
            measure.refresh_from_db()
        return measure
