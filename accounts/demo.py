"""Demo organisations and people. Every person is invented; addresses are
example.org. Usernames are fixed because the README and tests use them."""

import os

from django.contrib.auth.models import Group

from .models import Organisation, User
from .roles import Role

DEMO_PASSWORD_DEFAULT = "tryggsam-demo"  # noqa: S105 (documented demo password)

ORGANISATIONS = [
    # (name, kind, parent)
    ("Tranemo kommun", Organisation.Kind.MUNICIPALITY, None),
    ("Trygg och Säker kommun (TSK)", Organisation.Kind.MUNICIPALITY, "Tranemo kommun"),
    ("Samhällsbyggnad", Organisation.Kind.MUNICIPALITY, "Tranemo kommun"),
    ("Förvaltningsledningen", Organisation.Kind.MUNICIPALITY, "Tranemo kommun"),
    ("Socialtjänsten", Organisation.Kind.SOCIAL_SERVICES, "Tranemo kommun"),
    ("Individ- och familjeomsorg (IFO)", Organisation.Kind.SOCIAL_SERVICES, "Socialtjänsten"),
    ("Barn och unga", Organisation.Kind.SOCIAL_SERVICES, "Socialtjänsten"),
    ("Skola", Organisation.Kind.SCHOOL, "Tranemo kommun"),
    ("Fritid", Organisation.Kind.LEISURE, "Tranemo kommun"),
    ("Polisen", Organisation.Kind.POLICE, None),
    ("Tranemobostäder", Organisation.Kind.HOUSING, None),
]

PEOPLE = [
    # (username, first, last, title, organisation, roles, staff, superuser)
    ("samordnare", "Sara", "Lindqvist", "Trygghetssamordnare",
     "Trygg och Säker kommun (TSK)", [Role.COORDINATOR], False, False),
    ("sakerhet", "Jonas", "Berg", "Säkerhetssamordnare",
     "Trygg och Säker kommun (TSK)", [Role.SECURITY_COORDINATOR, Role.CONCERN_DEPUTY],
     False, False),
    ("folkhalsostrateg", "Maja", "Holm", "Folkhälsostrateg",
     "Trygg och Säker kommun (TSK)", [Role.PUBLIC_HEALTH, Role.GROUP_MEMBER], False, False),
    ("socialtjanst", "Erik", "Nyström", "Enhetschef IFO",
     "Individ- och familjeomsorg (IFO)", [Role.SOCIAL_SERVICES, Role.GROUP_MEMBER],
     False, False),
    ("barnochunga", "Lina", "Ek", "Enhetschef Barn och unga",
     "Barn och unga", [Role.SOCIAL_SERVICES, Role.GROUP_MEMBER], False, False),
    ("polis", "Anders", "Kvist", "Kommunpolis", "Polisen",
     [Role.POLICE, Role.REPORTER, Role.GROUP_MEMBER], False, False),
    ("bostadsbolag", "Karin", "Sjö", "Områdesansvarig", "Tranemobostäder",
     [Role.HOUSING, Role.REPORTER, Role.GROUP_MEMBER], False, False),
    ("rapportor", "Nils", "Falk", "Fritidsledare", "Fritid",
     [Role.REPORTER], False, False),
    ("planeringschef", "Eva", "Strand", "Planeringschef", "Samhällsbyggnad",
     [Role.PLANNING_CHIEF, Role.GROUP_MEMBER], False, False),
    ("ledning", "Per", "Dahl", "Kommunchef", "Förvaltningsledningen",
     [Role.MANAGEMENT], False, False),
    ("logggranskare", "Ingrid", "Moberg", "Dataskyddsombud", "Tranemo kommun",
     [Role.LOG_REVIEWER], False, False),
    ("admin", "Admin", "Tryggsam", "Systemförvaltare", "Tranemo kommun", [], True, True),
]


def demo_password() -> str:
    return os.environ.get("DEMO_PASSWORD", DEMO_PASSWORD_DEFAULT)


def seed(stdout=None) -> None:
    organisations = {}
    for name, kind, parent in ORGANISATIONS:
        organisations[name], _ = Organisation.objects.update_or_create(
            name=name, defaults={"kind": kind, "parent": organisations.get(parent)},
        )
    password = demo_password()
    for username, first, last, title, org, roles, staff, superuser in PEOPLE:
        user, created = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first, "last_name": last, "title": title,
                "email": f"{username}@example.org", "organisation": organisations[org],
                "is_staff": staff, "is_superuser": superuser, "is_active": True,
            },
        )
        # Only a new user gets the demo password: an existing account keeps
        # whatever password its owner chose.
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        user.groups.set(Group.objects.filter(name__in=roles))
