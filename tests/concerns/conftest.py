"""Personas for concerns: the coordinator (owner), the deputy, two
social-services receivers in different units, and outsiders of every role."""

import pytest
from django.contrib.auth.models import Group

from accounts.models import Organisation
from accounts.roles import Role
from concerns import services
from concerns.choices import ReferralKind, Source
from tests.factories.casework import est_people  # noqa: F401  (EST personas, hand-over tests)

PASSWORD = "correct horse battery"  # noqa: S105


@pytest.fixture
def units(db):
    # Transactional tests (browser, concurrency) flush the tables, role groups
    # from the data migration included: make sure they exist.
    for role in Role.ALL:
        Group.objects.get_or_create(name=role)
    social = Organisation.objects.get_or_create(
        name="Socialtjänsten", defaults={"kind": Organisation.Kind.SOCIAL_SERVICES})[0]
    ifo = Organisation.objects.get_or_create(
        name="IFO", defaults={"kind": Organisation.Kind.SOCIAL_SERVICES, "parent": social})[0]
    youth = Organisation.objects.get_or_create(
        name="Barn och unga", defaults={"kind": Organisation.Kind.SOCIAL_SERVICES,
                                        "parent": social})[0]
    return {"ifo": ifo, "youth": youth}


@pytest.fixture
def people(make_user, units):
    return {
        "coordinator": make_user("samordnare", roles=[Role.COORDINATOR]),
        "deputy": make_user("ersattare", roles=[Role.SECURITY_COORDINATOR,
                                                Role.CONCERN_DEPUTY]),
        "receiver_a": make_user("soc_a", roles=[Role.SOCIAL_SERVICES],
                                organisation=units["ifo"]),
        "receiver_b": make_user("soc_b", roles=[Role.SOCIAL_SERVICES],
                                organisation=units["youth"]),
        "security": make_user("sakerhet2", roles=[Role.SECURITY_COORDINATOR]),
        "public_health": make_user("folkhalsa", roles=[Role.PUBLIC_HEALTH]),
        "police": make_user("polis", roles=[Role.POLICE, Role.REPORTER]),
        "housing": make_user("bostad", roles=[Role.HOUSING, Role.REPORTER]),
        "planning": make_user("plan", roles=[Role.PLANNING_CHIEF]),
        "management": make_user("ledning", roles=[Role.MANAGEMENT]),
        "reporter": make_user("rapportor", roles=[Role.REPORTER]),
        "group": make_user("grupp", roles=[Role.GROUP_MEMBER]),
        "log_reviewer": make_user("logg", roles=[Role.LOG_REVIEWER]),
        "superuser": make_user("admin", is_superuser=True, is_staff=True),
    }


SUBJECT = {"subject_name": "Testa Testsson", "subject_personnummer": "19121212-1212",
           "environment": "right", "age_group": "18_25",
           "indicators": "Hemlig indikator om radikalisering"}


def new_concern(actor, **data):
    return services.concern_create(actor=actor, data={**SUBJECT, **data}, source=Source.PHONE)


def triaged_concern(actor, **data):
    concern = new_concern(actor, **data)
    return services.concern_triage(actor=actor, concern_id=concern.pk,
                                   data={"risk_assessment": "Hemlig bedömning"})


def referred(actor, receiver, **data):
    concern = triaged_concern(actor, **data)
    referral = services.referral_send(actor=actor, concern_id=concern.pk,
                                      kind=ReferralKind.SUPPORT, receiver_user=receiver,
                                      receiver_unit=receiver.organisation,
                                      message="Behöver stöd",
                                      child_report_made=concern.child_concerned)
    return concern, referral
