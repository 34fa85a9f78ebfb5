"""EST test data: personas per role and helpers that go through the real
services (a report made here has its triage task like a real one)."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from accounts.models import Organisation
from accounts.roles import Role
from casework.models import Category, Locality
from tests.factories.accounts import OrganisationFactory, UserFactory


def ensure_reference_data():
    """Localities, categories and role groups come from data migrations; a transactional
    test elsewhere may have flushed them. Put them back (idempotent)."""
    import importlib

    from django.apps import apps
    from django.contrib.auth.models import Group

    for role in Role.ALL:  # the role groups come from a data migration too
        Group.objects.get_or_create(name=role)
    migration = importlib.import_module("casework.migrations.0002_reference_data")
    migration.add_reference_data(apps, None)


@pytest.fixture
def est_people(db):
    """One user per role, partners in their real organisations, plus a
    colleague in the police organisation and an outsider with no role."""
    ensure_reference_data()
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
