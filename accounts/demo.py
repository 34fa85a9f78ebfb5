"""Demo organisations and people. Every person is invented; addresses are
example.org. Usernames are fixed because the README and tests use them."""

import os

from django.contrib.auth.models import Group

from .models import Organisation, User
from .roles import Role
from .second_factor import must_have_second_factor

DEMO_PASSWORD_DEFAULT = "tryggsam-demo"  # noqa: S105 (documented demo password)
# The authenticator-app key of every demo user who must have a second factor
# (README: add it to an authenticator app by hand, or `oathtool --totp -b KEY`).
DEMO_TOTP_SECRET_DEFAULT = "TRYGGSAMDEMOTOTPTRYGGSAMDEMOTOTP"  # noqa: S105 (documented demo key)

# Where the monthly feedback on reports goes (invented addresses).
CONTACT_EMAILS = {"Polisen": "kommunpolis@example.org",
                  "Tranemobostäder": "trygghet@example.org"}

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


def demo_totp_secret() -> str:
    return os.environ.get("DEMO_TOTP_SECRET", DEMO_TOTP_SECRET_DEFAULT).strip().upper()


def give_demo_second_factor(user: User, secret: str) -> None:
    """A TOTP device with the documented key, and recovery codes, for a demo
    user whose roles need a second factor. Kept as it is if already right."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP
    from allauth.mfa.utils import decrypt

    device = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if device is not None and decrypt(device.data["secret"]) != secret:
        device.delete()
        device = None
    if device is None:
        TOTP.activate(user, secret)
    if not Authenticator.objects.filter(
            user=user, type=Authenticator.Type.RECOVERY_CODES).exists():
        RecoveryCodes.activate(user)


def seed(stdout=None) -> None:
    organisations = {}
    for name, kind, parent in ORGANISATIONS:
        organisations[name], _ = Organisation.objects.update_or_create(
            name=name, defaults={"kind": kind, "parent": organisations.get(parent),
                                 "contact_email": CONTACT_EMAILS.get(name, "")},
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
        if must_have_second_factor(user):
            give_demo_second_factor(user, demo_totp_secret())
