"""Concerns and referrals, made through concerns.services by the coordinator
(so the flow, the events and the access log are as in real use).

    ConcernFactory()                 new, from a phone call
    ConcernFactory(triaged=True)     triaged, with a risk assessment
    ConcernFactory(referred=True)    triaged and referred to social services
                                     (`concern.referral` is that referral)
    ConcernFactory(closed=True)      triaged, "no action" and closed
"""

import factory

from accounts.models import Organisation
from accounts.roles import Role
from concerns import services
from concerns.choices import ReferralKind, Source
from concerns.models import Concern

from .accounts import OrganisationFactory, UserFactory

SUBJECT = {"subject_name": "Testa Testsson", "subject_personnummer": "19121212-1212",
           "environment": "right", "age_group": "18_25",
           "indicators": "Hemlig indikator om radikalisering"}


class ConcernFactory(factory.Factory):
    class Meta:
        model = Concern

    actor = factory.SubFactory(UserFactory, roles=[Role.COORDINATOR])
    source = Source.PHONE
    data = factory.Dict(SUBJECT)
    risk_assessment = None  # triage with this text
    receiver = None  # refer to this social-services user
    close_reason = None  # record "no action" with this reason, then close

    class Params:
        triaged = factory.Trait(risk_assessment="Hemlig bedömning")
        referred = factory.Trait(
            triaged=True,
            receiver=factory.SubFactory(
                UserFactory, roles=[Role.SOCIAL_SERVICES],
                organisation=factory.SubFactory(
                    OrganisationFactory, name="IFO",
                    kind=Organisation.Kind.SOCIAL_SERVICES)))
        closed = factory.Trait(triaged=True, close_reason="Samråd")

    @classmethod
    def _create(cls, model_class, *, actor, source, data, risk_assessment, receiver,
                close_reason):
        concern = services.concern_create(actor=actor, data=data, source=source)
        if risk_assessment is not None:
            concern = services.concern_triage(actor=actor, concern_id=concern.pk,
                                              data={"risk_assessment": risk_assessment})
        if receiver is not None:
            concern.referral = services.referral_send(
                actor=actor, concern_id=concern.pk, kind=ReferralKind.SUPPORT,
                receiver_user=receiver, receiver_unit=receiver.organisation,
                message="Behöver stöd", child_report_made=concern.child_concerned)
        if close_reason is not None:
            services.concern_no_action(actor=actor, concern_id=concern.pk, reason=close_reason)
            concern = services.concern_close(actor=actor, concern_id=concern.pk,
                                             outcome="no_action")
        return concern
