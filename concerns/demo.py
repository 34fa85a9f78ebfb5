"""Demo concerns: invented people only, one concern in each state, referrals
to the demo user `socialtjanst` (IFO). Created through the real services, so
the access log and the outbox get their rows too. Idempotent: does nothing
when the demo concerns are there already."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from accounts.models import Organisation, User

from . import services
from .choices import Environment, Outcome, PoliceChannel, ReferralKind, Source
from .models import Concern

# The demo concerns carry this in the reporter's contact field, shown on the
# page, so it reads as Swedish; LEGACY_MARK is what older demo installations have.
MARK = "Demokontakt "
LEGACY_MARK = "demo:"

CONCERNS = [
    # (key, data, steps)
    ("new", {"environment": Environment.RIGHT, "age_group": "18_25",
             "subject_name": "Kim Exempel (påhittad)",
             "indicators": "Delar våldsbejakande propaganda i en chattgrupp."}, []),
    ("triaged", {"environment": Environment.UNCLEAR, "age_group": "over_25",
                 "indicators": "Anhörig oroad över förändrat beteende."}, ["triage"]),
    ("referred", {"environment": Environment.ISLAMIST, "age_group": "18_25",
                  "subject_name": "Alex Påhittad",
                  "subject_personnummer": "19121212-1212",
                  "indicators": "Vill lämna en grupp och ber om stöd."},
     ["triage", "refer_exit"]),
    ("accepted", {"environment": Environment.LEFT, "age_group": "18_25",
                  "indicators": "Hot mot politiker i sociala medier."},
     ["triage", "refer", "accept", "feedback"]),
    ("declined", {"environment": Environment.OTHER, "age_group": "over_25",
                  "indicators": "Oklar oro från granne."}, ["triage", "refer", "decline"]),
    ("police", {"environment": Environment.RIGHT, "age_group": "over_25",
                "crime_suspected": True, "urgency": "high",
                "indicators": "Uppgifter om vapeninnehav."}, ["triage", "police"]),
    ("closed", {"environment": Environment.RIGHT, "age_group": "18_25",
                "indicators": "Samtal med anhörig."},
     ["triage", "no_action", "close_consultation"]),
]


def seed(stdout=None) -> None:
    if Concern.objects.filter(Q(raised_by_contact__startswith=MARK)
                              | Q(raised_by_contact__startswith=LEGACY_MARK)).exists():
        return
    coordinator = User.objects.filter(username="samordnare").first()
    receiver = User.objects.filter(username="socialtjanst").first()
    if coordinator is None or receiver is None:
        return
    unit = Organisation.objects.filter(name="Individ- och familjeomsorg (IFO)").first()
    for number, (_key, data, steps) in enumerate(CONCERNS, start=1):
        data = {"raised_by_role": "Lärare", "raised_by_organisation": "Skola",
                "raised_by_contact": f"{MARK}{number} (påhittad)", **data}
        concern = services.concern_create(actor=coordinator, data=data, source=Source.PHONE)
        referral = None
        for step in steps:
            if step == "triage":
                services.concern_triage(actor=coordinator, concern_id=concern.pk, data={
                    "risk_assessment": "Bedömning gjord i demo."})
            elif step in ("refer", "refer_exit"):
                referral = services.referral_send(
                    actor=coordinator, concern_id=concern.pk,
                    kind=ReferralKind.EXIT if step == "refer_exit" else ReferralKind.SUPPORT,
                    receiver_unit=unit, receiver_user=receiver,
                    message="Behöver stödsamtal.")
            elif step == "accept":
                services.referral_answer(actor=receiver, referral_id=referral.pk, accept=True)
            elif step == "decline":
                services.referral_answer(actor=receiver, referral_id=referral.pk,
                                         accept=False, reason="Hör till annan kommun.")
            elif step == "feedback":
                services.referral_report_status(actor=receiver, referral_id=referral.pk,
                                                status="ongoing")
            elif step == "police":
                services.concern_police_handoff(
                    actor=coordinator, concern_id=concern.pk,
                    handed_on=timezone.localdate() - timedelta(days=1),
                    channel=PoliceChannel.TIPS, police_reference="5000-K123456-26")
            elif step == "no_action":
                services.concern_no_action(actor=coordinator, concern_id=concern.pk,
                                           reason="Konsultation, ingen åtgärd behövs.")
            elif step == "close_consultation":
                services.concern_close(actor=coordinator, concern_id=concern.pk,
                                       outcome=Outcome.CONSULTATION)
    if stdout is not None:
        stdout.write(f"concerns: {len(CONCERNS)} demo concerns")
