"""Referrals (remisser) of a concern to social services or another unit:
sending, the receiver's answer and report-back, and escalation when overdue."""

from datetime import date, datetime, time

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from core.errors import Invalid, NotAllowed
from core.workdays import add_working_days
from notifications.services import (
    email_enqueue,
    email_withdraw,
)

from .access import Basis, referrals_addressed_to
from .choices import (
    FeedbackStatus,
    ReferralKind,
    ReferralStatus,
)
from .models import Concern, Referral
from .steps import (
    Action,
    add_event,
    locked_concern,
    log_access,
    not_closed,
    require_handler,
    require_triaged,
)


def referral_recipients(referral: Referral) -> list[User]:
    if referral.receiver_user_id:
        return [referral.receiver_user]
    return list(User.objects.filter(
        organisation_id=referral.receiver_unit_id, is_active=True,
        groups__name=Role.SOCIAL_SERVICES,
    ).exclude(email="").distinct().order_by("pk"))


def _reminder_due(due_on: date):
    """08:00 Stockholm time on the last day to acknowledge."""

    return timezone.make_aware(datetime.combine(due_on, time(8, 0)))


def referral_send(*, actor, concern_id: int, kind: str, receiver_unit=None,
                  receiver_user=None, message: str = "", child_report_made: bool = False,
                  child_report_made_on: date | None = None, request=None) -> Referral:
    """Send a referral (support or exit support) to a named unit or person.
    The receivers get an e-mail with the reference and a link only; a reminder
    is queued for the last day, escalation is the beat task's job."""
    basis = require_handler(actor)
    if receiver_unit is None and receiver_user is None:
        raise Invalid(_("Choose a receiving unit or person."), code="no_receiver")
    if kind not in ReferralKind.values:
        raise Invalid(_("Choose the kind of referral."), code="kind")
    with transaction.atomic():
        concern = locked_concern(concern_id)
        require_triaged(concern)
        if concern.child_concerned and not child_report_made:
            raise Invalid(
                _("A child is concerned: make a concern report (orosanmälan) to social "
                  "services and record it before referring."), code="child_report")
        today = timezone.localdate()
        referral = Referral.objects.create(
            concern=concern, kind=kind, receiver_unit=receiver_unit,
            receiver_user=receiver_user, message=message,
            child_report_made=child_report_made,
            child_report_made_on=(child_report_made_on or (today if child_report_made
                                                           else None)),
            sent_by=actor, due_on=add_working_days(today, settings.CONCERN_REFERRAL_SLA_DAYS),
        )
        recipients = referral_recipients(referral)
        if not recipients:
            raise Invalid(_("Nobody with an e-mail address receives referrals for "
                            "that unit."), code="no_recipients")
        url = reverse("concerns:referral-detail", args=[referral.pk])
        for person in recipients:
            context = {"reference": concern.reference, "url": url,
                       "due_on": referral.due_on.isoformat()}
            email_enqueue(key=f"concern-referral-{referral.pk}-new-{person.pk}",
                          to=person.email, template="concern_referral_new", context=context)
            email_enqueue(key=f"concern-referral-{referral.pk}-reminder-{person.pk}",
                          to=person.email, template="concern_referral_reminder",
                          context=context, due_at=_reminder_due(referral.due_on))
        add_event(concern, actor, "referral_sent")
        log_access(actor, Action.REFERRAL_SENT, basis, referral, request)
    return referral


def _coordinator_emails() -> list[str]:
    return list(User.objects.filter(is_active=True, groups__name=Role.COORDINATOR)
                .exclude(email="").values_list("email", flat=True).distinct())


def referral_answer(*, actor, referral_id: int, accept: bool, reason: str = "",
                    request=None) -> Referral:
    """Acknowledge (kvittens): accept, or decline with a reason. Only an
    addressed receiver; once. Two receivers at once: the row lock makes the
    second see the first's answer and get a clear error."""
    with transaction.atomic():
        referral = Referral.objects.select_for_update().get(pk=referral_id)
        if not referrals_addressed_to(actor).filter(pk=referral.pk).exists():
            raise NotAllowed(conceal=True)  # not an addressed receiver
        if referral.status != ReferralStatus.SENT:
            raise Invalid(_("The referral has already been acknowledged."),
                          code="already_answered")
        if not accept and not reason.strip():
            raise Invalid(_("Give a reason for declining."), code="reason")
        concern = Concern.objects.select_for_update().get(pk=referral.concern_id)
        not_closed(concern)
        referral.status = ReferralStatus.ACCEPTED if accept else ReferralStatus.DECLINED
        referral.decline_reason = "" if accept else reason.strip()
        referral.answered_at = timezone.now()
        referral.answered_by = actor
        referral.save()
        email_withdraw(key_prefix=f"concern-referral-{referral.pk}-reminder-")
        url = reverse("concerns:concern-detail", args=[concern.pk])
        for address in _coordinator_emails():
            email_enqueue(key=f"concern-referral-{referral.pk}-answered-{address}",
                          to=address, template="concern_referral_answered",
                          context={"reference": concern.reference, "url": url})
        add_event(concern, actor, "referral_accepted" if accept else "referral_declined")
        log_access(actor, Action.REFERRAL_ACCEPTED if accept else Action.REFERRAL_DECLINED,
             Basis.RECEIVER, referral, request)
    return referral


def referral_report_status(*, actor, referral_id: int, status: str, request=None) -> Referral:
    """The receiver reports back minimal status only (ongoing / finished /
    no action), never the content of the social-services case."""
    if status not in FeedbackStatus.values:
        raise Invalid(_("Choose a status."), code="status")
    with transaction.atomic():
        referral = Referral.objects.select_for_update().get(pk=referral_id)
        if not referrals_addressed_to(actor).filter(pk=referral.pk).exists():
            raise NotAllowed(conceal=True)  # not an addressed receiver
        if referral.status != ReferralStatus.ACCEPTED:
            raise Invalid(_("Only an accepted referral can report status."),
                          code="not_accepted")
        referral.feedback_status = status
        referral.feedback_at = timezone.now()
        referral.save(update_fields=["feedback_status", "feedback_at"])
        add_event(referral.concern, actor, "referral_feedback")
        log_access(actor, Action.REFERRAL_FEEDBACK, Basis.RECEIVER, referral, request)
    return referral


def referral_escalate_overdue(*, today: date | None = None) -> int:
    """Escalate unacknowledged referrals past their last day to the
    coordinator (once each: `escalated_at` is claimed by the locked row)."""
    today = today or timezone.localdate()
    count = 0
    for referral_id in (Referral.objects.filter(status=ReferralStatus.SENT, due_on__lt=today,
                                                escalated_at__isnull=True)
                        .values_list("pk", flat=True)):
        with transaction.atomic():
            referral = (Referral.objects.select_for_update(skip_locked=True)
                        .select_related("concern")
                        .filter(pk=referral_id, status=ReferralStatus.SENT,
                                escalated_at__isnull=True).first())
            if referral is None:
                continue
            referral.escalated_at = timezone.now()
            referral.save(update_fields=["escalated_at"])
            url = reverse("concerns:concern-detail", args=[referral.concern_id])
            for address in _coordinator_emails():
                email_enqueue(key=f"concern-referral-{referral.pk}-escalation-{address}",
                              to=address, template="concern_referral_escalation",
                              context={"reference": referral.concern.reference, "url": url,
                                       "due_on": referral.due_on.isoformat()})
            add_event(referral.concern, None, "referral_escalated")
            count += 1
    return count
