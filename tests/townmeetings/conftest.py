from datetime import date

import pytest

from accounts.models import Organisation
from accounts.roles import Role
from casework.models import Locality
from insights.models import SafetyWalk
from townmeetings import services


@pytest.fixture
def coordinator(make_user):
    return make_user("tm-samordnare", roles=[Role.COORDINATOR])


@pytest.fixture
def manager(make_user):
    return make_user("tm-ledning", roles=[Role.MANAGEMENT])


@pytest.fixture
def outsider(make_user):
    return make_user("tm-rapportor", roles=[Role.REPORTER])


@pytest.fixture
def security(make_user):
    return make_user("tm-sakerhet", roles=[Role.SECURITY_COORDINATOR])


@pytest.fixture
def locality(db):
    loc = Locality.objects.get(name="Dalstorp")
    loc.contact_name = "Ortsrådet Dalstorp"
    loc.contact_email = "kontakt-dalstorp@example.org"
    loc.save()
    return loc


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(name="Samhällsbyggnad test")


@pytest.fixture
def walk(locality):
    return SafetyWalk.objects.create(locality=locality, date=date(2026, 11, 10),
                                     meeting_point="Torget")


@pytest.fixture
def meeting(coordinator, locality, walk):
    return services.town_meeting_create(actor=coordinator, locality=locality,
                                        date=date(2026, 11, 10), venue="Bygdegården",
                                        safety_walk=walk)
