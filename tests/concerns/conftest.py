"""Personas for concerns: the coordinator (owner), the deputy, two
social-services receivers in different units, and outsiders of every role."""

import pytest

from accounts.models import Organisation
from accounts.roles import Role
from tests.factories.casework import est_people  # noqa: F401  (EST personas, hand-over tests)
from tests.factories.concerns import SUBJECT, ConcernFactory

PASSWORD = "correct horse battery"  # noqa: S105


@pytest.fixture
def units(db):
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


# The state helpers the concern tests call; the states come from ConcernFactory.

def new_concern(actor, **data):
    return ConcernFactory(actor=actor, data={**SUBJECT, **data})


def triaged_concern(actor, **data):
    return ConcernFactory(actor=actor, data={**SUBJECT, **data}, triaged=True)


def referred(actor, receiver, **data):
    concern = ConcernFactory(actor=actor, data={**SUBJECT, **data}, referred=True,
                             receiver=receiver)
    return concern, concern.referral
