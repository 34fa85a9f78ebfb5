"""Access matrix rows for concerns (oro för våldsbejakande extremism) and
their referrals. Source of truth: concerns/access.py and
tests/concerns/test_access.py: concern content is the coordinator's and the
named deputy's ("security" holds the deputy role); everyone else, superusers
included, gets 404 (need-to-know: they may not learn a concern exists). A
referral is also seen by its addressed receivers: the named social-services
person, or the members of the named unit. Any logged-in user may raise a
concern through the staff form, which never shows a concern back."""

from tests.security.builders import once
from tests.security.matrix import ANON, FORBIDDEN, LOGIN, NOT_ALLOWED, NOT_FOUND, OK, Row

HANDLERS = ("coordinator", "security")
UNAUTHENTICATED = 401  # the API answers with a status, not a login redirect
SUBJECT = {"subject_name": "Testa Testsson", "subject_personnummer": "19121212-1212",
           "environment": "right", "age_group": "18_25",
           "indicators": "Hemlig indikator"}


def handlers(status=OK):
    return dict.fromkeys(HANDLERS, status)


def _new_concern(world, *, triaged=True):
    from concerns import services
    from concerns.choices import Source

    actor = world.user("coordinator")
    concern = services.concern_create(actor=actor, data=dict(SUBJECT), source=Source.PHONE)
    if triaged:
        concern = services.concern_triage(actor=actor, concern_id=concern.pk,
                                          data={"risk_assessment": "Hemlig bedömning"})
    return concern


def concern(world):
    return {"pk": once(world, "concern", lambda: _new_concern(world)).pk}


def fresh_concern(world):
    """POST rows change the concern: one per persona."""
    return {"pk": _new_concern(world).pk}


def _concern_attachment(world):
    def build():
        from django.core.files.base import ContentFile

        from concerns.models import ConcernAttachment

        attachment = ConcernAttachment(concern_id=concern(world)["pk"], filename="a.pdf",
                                       mimetype="application/pdf", size=8)
        attachment.file.save("a.pdf", ContentFile(b"%PDF-1.4"), save=False)
        attachment.save()
        return {"pk": attachment.concern_id, "attachment_id": attachment.pk}

    return once(world, "concern-attachment", build)


def _receiver_a():
    """A social-services receiver in unit IFO who is none of the personas."""
    from accounts.models import Organisation
    from accounts.roles import Role
    from tests.factories import OrganisationFactory, UserFactory

    social = OrganisationFactory(name="Socialtjänsten",
                                 kind=Organisation.Kind.SOCIAL_SERVICES)
    ifo = Organisation.objects.get_or_create(
        name="IFO", defaults={"kind": Organisation.Kind.SOCIAL_SERVICES, "parent": social})[0]
    return UserFactory(username="matrix-receiver-a", organisation=ifo,
                       roles=[Role.SOCIAL_SERVICES])


def _referral(world, *, to, unit_only=False):
    from concerns import services
    from concerns.choices import ReferralKind

    concern = _new_concern(world)
    receiver = world.user(to) if to != "receiver_a" else _receiver_a()
    return services.referral_send(
        actor=world.user("coordinator"), concern_id=concern.pk, kind=ReferralKind.SUPPORT,
        receiver_user=None if unit_only else receiver, receiver_unit=receiver.organisation,
        message="Behöver stöd", child_report_made=concern.child_concerned)


def referral_to(to, *, unit_only=False, fresh=False):
    def kwargs(world):
        if fresh:
            return {"pk": _referral(world, to=to, unit_only=unit_only).pk}
        return {"pk": once(world, f"referral:{to}:{unit_only}",
                           lambda: _referral(world, to=to, unit_only=unit_only)).pk}

    return kwargs


def support_contact(world, *, fresh=False):
    """A support number (reference data: the coordinator edits, the others get 403)."""
    def build():
        from concerns.models import SupportContact

        return SupportContact.objects.create(name="Matrisnummer", phone="020-100 200")

    return {"pk": (build() if fresh else once(world, "support-contact", build)).pk}


ROWS = [
    Row("concerns:concern-list", expect={ANON: LOGIN, **handlers(), "*": NOT_FOUND}),
    Row("concerns:concern-list", query={"status": "nonsense"},
        expect={ANON: LOGIN, **handlers(), "*": NOT_FOUND}, note="an odd status filter"),
    Row("concerns:concern-export", expect={ANON: LOGIN, **handlers(), "*": NOT_FOUND}),
    Row("concerns:concern-create", expect={ANON: LOGIN, **handlers(), "*": NOT_FOUND}),
    Row("concerns:concern-create", method="POST", data=lambda world: {"source": "x"},
        expect={ANON: LOGIN, **handlers(400), "*": NOT_FOUND},
        note="bad input is a 400 for handlers"),
    # The staff form: anyone logged in may raise a concern, and sees nothing back.
    Row("concerns:concern-report", expect={ANON: LOGIN, "*": OK}),
    Row("concerns:concern-report", method="POST", data=lambda world: {"indicators": ""},
        expect={ANON: LOGIN, "*": 400}, note="bad input is a 400"),
    Row("concerns:concern-report-thanks", expect={ANON: LOGIN, "*": OK}),
    Row("concerns:concern-statistics",
        expect={ANON: LOGIN, **handlers(), "management": OK, "planning_chief": OK,
                "*": NOT_FOUND}, note="anonymous counts, small numbers suppressed"),
    Row("concerns:concern-statistics", query={"start": "x", "end": "y"},
        expect={ANON: LOGIN, **handlers(400), "management": 400, "planning_chief": 400,
                "*": NOT_FOUND}, note="bad dates are a 400"),
    Row("concerns:concern-detail", kwargs=concern,
        expect={ANON: LOGIN, **handlers(), "*": NOT_FOUND}),
    Row("concerns:concern-detail", kwargs=lambda world: {"pk": 987654},
        expect={ANON: LOGIN, "*": NOT_FOUND}, note="unknown id"),
    Row("concerns:concern-triage", kwargs=concern,
        expect={ANON: LOGIN, **handlers(), "*": NOT_FOUND}),
    Row("concerns:concern-triage", method="POST", kwargs=fresh_concern,
        data=lambda world: {"risk_assessment": "Ny bedömning", "urgency": "nonsense"},
        expect={ANON: LOGIN, **handlers(400), "*": NOT_FOUND}, note="bad input is a 400"),
    Row("concerns:concern-edit", kwargs=concern,
        expect={ANON: LOGIN, **handlers(), "*": NOT_FOUND}),
    Row("concerns:concern-edit", method="POST", kwargs=fresh_concern,
        data=lambda world: {"age_group": "nonsense", "occurred_on": "x"},
        expect={ANON: LOGIN, **handlers(400), "*": NOT_FOUND}, note="bad input is a 400"),
    Row("concerns:concern-attachment", kwargs=_concern_attachment,
        expect={ANON: LOGIN, **handlers(), "*": NOT_FOUND}),
    Row("concerns:concern-attachment",
        kwargs=lambda world: {**_concern_attachment(world), "attachment_id": 987654},
        expect={ANON: LOGIN, "*": NOT_FOUND}, note="unknown attachment"),
    Row("concerns:referral-create", method="POST", kwargs=fresh_concern,
        data=lambda world: {"kind": "nonsense"},
        expect={ANON: LOGIN, **handlers(400), "*": NOT_FOUND}, note="bad input is a 400"),
    Row("concerns:concern-police", method="POST", kwargs=fresh_concern,
        data=lambda world: {"handed_on": "x"},
        expect={ANON: LOGIN, **handlers(400), "*": NOT_FOUND}, note="bad input is a 400"),
    Row("concerns:referral-create", kwargs=concern,
        expect={ANON: LOGIN, **handlers(), "*": NOT_FOUND}),
    Row("concerns:concern-police", kwargs=concern,
        expect={ANON: LOGIN, **handlers(), "*": NOT_FOUND}),
    Row("concerns:concern-no-action", kwargs=concern,
        expect={ANON: LOGIN, **handlers(), "*": NOT_FOUND}),
    Row("concerns:concern-no-action", method="POST", kwargs=fresh_concern,
        data=lambda world: {"reason": "Ingen grund för oro."},
        expect={ANON: LOGIN, **handlers(302), "*": NOT_FOUND}),
    Row("concerns:concern-close", kwargs=concern,
        expect={ANON: LOGIN, **handlers(), "*": NOT_FOUND}),
    Row("concerns:concern-close", method="POST", kwargs=fresh_concern,
        data=lambda world: {"outcome": "nonsense"},
        expect={ANON: LOGIN, **handlers(400), "*": NOT_FOUND}, note="a bad outcome is a 400"),
    Row("concerns:concern-reopen", method="POST", kwargs=fresh_concern,
        expect={ANON: LOGIN, **handlers(409), "*": NOT_FOUND},
        note="an open concern cannot be reopened"),
    Row("concerns:concern-reopen", kwargs=concern,
        expect={ANON: LOGIN, "*": 405}, note="GET changes nothing"),
    # Referrals: the inbox lists only what is addressed to me.
    Row("concerns:referral-inbox",
        expect={ANON: LOGIN, **handlers(), "social_services": OK, "*": NOT_FOUND}),
    Row("concerns:referral-detail", kwargs=referral_to("social_services"),
        expect={ANON: LOGIN, **handlers(), "social_services": OK, "*": NOT_FOUND},
        note="addressed to the social-services persona by name"),
    Row("concerns:referral-detail", kwargs=referral_to("social_services", unit_only=True),
        expect={ANON: LOGIN, **handlers(), "social_services": OK, "*": NOT_FOUND},
        note="addressed to the social-services persona's unit"),
    Row("concerns:referral-detail", kwargs=referral_to("receiver_a"),
        expect={ANON: LOGIN, **handlers(), "*": NOT_FOUND},
        note="IDOR: receiver A's referral, asked for by another social-services user"),
    Row("concerns:referral-detail", method="POST", kwargs=referral_to("receiver_a",
                                                                      fresh=True),
        data=lambda world: {"form": "answer", "decision": "accept"},
        expect={ANON: LOGIN, "*": NOT_FOUND},
        note="IDOR: nobody but receiver A answers receiver A's referral"),
    Row("concerns:referral-detail", method="POST", kwargs=referral_to("social_services",
                                                                      fresh=True),
        data=lambda world: {"form": "answer", "decision": "accept"},
        expect={ANON: LOGIN, "social_services": 302, "*": NOT_FOUND},
        note="the addressed receiver answers; handlers read only"),
    # The read-only API: handlers only, as in the web UI.
    Row("concerns:api-concern-list",
        expect={ANON: UNAUTHENTICATED, **handlers(), "*": NOT_FOUND}),
    Row("concerns:api-concern-detail", kwargs=concern,
        expect={ANON: UNAUTHENTICATED, **handlers(), "*": NOT_FOUND}),
    # Support numbers: reference data, edited by the coordinator only (403, not
    # 404: that they exist is no secret; they are shown on the concern pages).
    Row("concerns:support-contact-list",
        expect={ANON: LOGIN, "coordinator": OK, "*": FORBIDDEN}),
    Row("concerns:support-contact-create",
        expect={ANON: LOGIN, "coordinator": OK, "*": FORBIDDEN}),
    Row("concerns:support-contact-create", method="POST",
        data=lambda world: {"name": "Fel", "phone": "ring oss", "order": 1},
        expect={ANON: LOGIN, "coordinator": 400, "*": FORBIDDEN},
        note="a number without digits is a 400"),
    Row("concerns:support-contact-edit", kwargs=support_contact,
        expect={ANON: LOGIN, "coordinator": OK, "*": FORBIDDEN}),
    Row("concerns:support-contact-edit", kwargs=lambda world: {"pk": 987654},
        expect={ANON: LOGIN, "coordinator": NOT_FOUND, "*": FORBIDDEN}, note="unknown id"),
    Row("concerns:support-contact-delete", method="POST",
        kwargs=lambda world: support_contact(world, fresh=True),
        expect={ANON: LOGIN, "coordinator": 302, "*": FORBIDDEN}),
    Row("concerns:support-contact-delete", kwargs=support_contact,
        expect={ANON: LOGIN, "*": NOT_ALLOWED}, note="GET changes nothing"),
]
