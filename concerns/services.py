"""Every way a concern or referral changes. Keyword-only, each in its own
transaction, rows locked with select_for_update, one access-log row per change
(written in the same transaction: no change without its log row), and the
viewflow process advanced in the same transaction.

Services check access themselves: viewflow's activations do not."""

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.models import User
from accounts.roles import Role
from audit.models import AccessLogEntry
from audit.services import access_log_write
from core.errors import NotAllowed
from core.references import next_reference
from core.retention import delete_files_after_commit
from core.workdays import add_working_days
from notifications.services import (
    email_enqueue,
    email_purge,
    email_purge_count,
    email_withdraw,
)

from .access import Basis, concern_basis, handler_basis, referrals_addressed_to
from .choices import (
    ConcernStatus,
    FeedbackStatus,
    Outcome,
    ReferralKind,
    ReferralStatus,
    Source,
)
from .flows import ConcernFlow
from .models import Concern, ConcernAttachment, ConcernEvent, ConcernProcess, Referral

logger = logging.getLogger(__name__)
Action = AccessLogEntry.Action

# Fields cleared by gallring; what stays (environment, age group, dates,
# routes, outcome) is anonymous and feeds the statistics.
PERSONAL_FIELDS = ("subject_name", "subject_personnummer", "raised_by_role",
                   "raised_by_organisation", "raised_by_contact", "indicators", "place",
                   "risk_assessment", "police_reference", "no_action_reason",
                   "est_report_reference")
REFERRAL_PERSONAL_FIELDS = ("message", "decline_reason")
CONTENT_FIELDS = ("source", "raised_by_role", "raised_by_organisation", "raised_by_contact",
                  "subject_name", "subject_personnummer", "age_group", "child_concerned",
                  "environment", "indicators", "place", "occurred_on", "crime_suspected",
                  "urgency")
# What the coordinator may complete or correct after intake (the edit form).
EDITABLE_FIELDS = tuple(field for field in CONTENT_FIELDS if field != "source")
# Outbox templates about concerns and referrals (reference and link only, but
# their existence and recipients are themselves sensitive).
SENSITIVE_EMAIL_TEMPLATE_PREFIX = "concern_"


@dataclass(frozen=True)
class HandedOverFile:
    """An already stored file handed over with a report (its storage name is
    kept: the row moves, the file stays where it is)."""

    stored_name: str
    filename: str
    mimetype: str
    size: int


def _require_handler(actor) -> str:
    return handler_basis(actor)


def _locked_concern(concern_id: int) -> Concern:
    return Concern.objects.select_for_update().get(pk=concern_id)


def _log(actor, action, basis, obj, request=None):
    object_type = "referral" if isinstance(obj, Referral) else "concern"
    access_log_write(user=actor, action=action, basis=basis, object_type=object_type,
                     object_id=obj.pk, object_reference=obj.reference, request=request)


def _event(concern, actor, kind):
    ConcernEvent.objects.create(concern=concern, actor=actor if actor and actor.pk else None,
                                kind=kind)


def _open_task(concern: Concern, node):
    content_type = ContentType.objects.get_for_model(Concern)
    return (Task.objects.filter(
        process__artifact_content_type=content_type, process__artifact_object_id=concern.pk,
        flow_task=node, status=STATUS.NEW,
    ).order_by("-id").first())


def _run_node(concern: Concern, node) -> None:
    task = _open_task(concern, node)
    if task is None:
        # A process lost or never started (data from before the flow): start
        # one so the flow state follows the concern again.
        logger.warning("concerns: no open %s task for concern %s", node.name, concern.pk)
        return
    node.run(task)


def _not_closed(concern: Concern) -> None:
    if concern.is_closed:
        raise ValidationError(_("The concern is closed. Reopen it before changing it."),
                              code="closed")


def _require_triaged(concern: Concern) -> None:
    _not_closed(concern)
    if concern.status != ConcernStatus.TRIAGED:
        raise ValidationError(_("Triage the concern before choosing a route."),
                              code="not_triaged")


def concern_create(*, actor, data: dict, source: str, request=None,
                   est_report_id: int | None = None, est_report_reference: str = ""
                   ) -> Concern:
    """Record a concern and start its process. `data` holds CONTENT_FIELDS
    (already validated; personnummer normalised). The staff form may call this
    as any logged-in user: it only creates and never shows."""
    basis = concern_basis(actor) if actor is not None else Basis.SYSTEM
    if source == Source.STAFF_FORM:
        basis = Basis.STAFF_FORM
    elif source == Source.EST and basis == Basis.NONE:
        basis = Basis.SYSTEM  # moved over by EST triage, not a read by the actor
    elif basis == Basis.NONE:
        raise NotAllowed(conceal=True)
    with transaction.atomic():
        year = timezone.localdate().year
        concern = Concern(
            reference=next_reference("O", year, 4),
            source=source, est_report_id=est_report_id,
            est_report_reference=est_report_reference,
            created_by=actor if actor is not None and actor.pk else None,
            **{k: v for k, v in data.items() if k in CONTENT_FIELDS and k != "source"},
        )
        concern.full_clean(exclude=["reference"])
        concern.save()
        _event(concern, actor, "created")
        _log(actor, Action.CREATE, basis, concern, request)
        ConcernFlow.start.run(concern=concern)
    return concern


def concern_create_from_est_report(*, actor, report_id: int, report_reference: str,
                                   data: dict, files: list[HandedOverFile] = ()) -> Concern:
    """EST triage handed a report over to the concern track. Called directly by
    `casework.services.report_move_to_concern_track` inside its transaction:
    the concern receives the report's content (`data`: CONTENT_FIELDS) and its
    files, then the caller empties the report; both commit together or not at
    all. A second call for the same report returns the first concern."""
    with transaction.atomic():
        existing = Concern.objects.select_for_update().filter(est_report_id=report_id).first()
        if existing is not None:
            return existing
        concern = concern_create(actor=actor, data=data, source=Source.EST,
                                 est_report_id=report_id,
                                 est_report_reference=report_reference)
        ConcernAttachment.objects.bulk_create(
            ConcernAttachment(concern=concern, file=item.stored_name,
                              filename=item.filename[:200], mimetype=item.mimetype,
                              size=item.size)
            for item in files)
    return concern


def concern_update(*, actor, concern_id: int, data: dict, request=None) -> Concern:
    """Complete or correct the intake details afterwards (e.g. a concern handed
    over from EST arrives without a name or environment). Only EDITABLE_FIELDS;
    not on a closed concern."""
    basis = _require_handler(actor)
    with transaction.atomic():
        concern = _locked_concern(concern_id)
        _not_closed(concern)
        for field in EDITABLE_FIELDS:
            if field in data:
                setattr(concern, field, data[field])
        concern.full_clean(exclude=["reference"])
        concern.save()
        _event(concern, actor, "updated")
        _log(actor, Action.CHANGE, basis, concern, request)
    return concern


def concern_triage(*, actor, concern_id: int, data: dict, request=None) -> Concern:
    """Record or revise the triage (risk assessment, urgency, environment,
    crime suspected). The first triage advances the flow to routing."""
    basis = _require_handler(actor)
    with transaction.atomic():
        concern = _locked_concern(concern_id)
        _not_closed(concern)
        for field in ("risk_assessment", "urgency", "environment", "crime_suspected",
                      "age_group", "child_concerned"):
            if field in data:
                setattr(concern, field, data[field])
        first = concern.status == ConcernStatus.NEW
        concern.status = ConcernStatus.TRIAGED
        concern.triaged_at = timezone.now()
        concern.save()
        _event(concern, actor, "triaged")
        _log(actor, Action.CHANGE, basis, concern, request)
        if first:
            _run_node(concern, ConcernFlow.triage)
    return concern


def referral_recipients(referral: Referral) -> list[User]:
    if referral.receiver_user_id:
        return [referral.receiver_user]
    return list(User.objects.filter(
        organisation_id=referral.receiver_unit_id, is_active=True,
        groups__name=Role.SOCIAL_SERVICES,
    ).exclude(email="").distinct().order_by("pk"))


def _reminder_due(due_on: date):
    """08:00 Stockholm time on the last day to acknowledge."""
    from datetime import datetime, time

    return timezone.make_aware(datetime.combine(due_on, time(8, 0)))


def referral_send(*, actor, concern_id: int, kind: str, receiver_unit=None,
                  receiver_user=None, message: str = "", child_report_made: bool = False,
                  child_report_made_on: date | None = None, request=None) -> Referral:
    """Send a referral (support or exit support) to a named unit or person.
    The receivers get an e-mail with the reference and a link only; a reminder
    is queued for the last day, escalation is the beat task's job."""
    basis = _require_handler(actor)
    if receiver_unit is None and receiver_user is None:
        raise ValidationError(_("Choose a receiving unit or person."), code="no_receiver")
    if kind not in ReferralKind.values:
        raise ValidationError(_("Choose the kind of referral."), code="kind")
    with transaction.atomic():
        concern = _locked_concern(concern_id)
        _require_triaged(concern)
        if concern.child_concerned and not child_report_made:
            raise ValidationError(
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
            raise ValidationError(_("Nobody with an e-mail address receives referrals for "
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
        _event(concern, actor, "referral_sent")
        _log(actor, Action.REFERRAL_SENT, basis, referral, request)
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
            raise ValidationError(_("The referral has already been acknowledged."),
                                  code="already_answered")
        if not accept and not reason.strip():
            raise ValidationError(_("Give a reason for declining."), code="reason")
        concern = Concern.objects.select_for_update().get(pk=referral.concern_id)
        _not_closed(concern)
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
        _event(concern, actor, "referral_accepted" if accept else "referral_declined")
        _log(actor, Action.REFERRAL_ACCEPTED if accept else Action.REFERRAL_DECLINED,
             Basis.RECEIVER, referral, request)
    return referral


def referral_report_status(*, actor, referral_id: int, status: str, request=None) -> Referral:
    """The receiver reports back minimal status only (ongoing / finished /
    no action), never the content of the social-services case."""
    if status not in FeedbackStatus.values:
        raise ValidationError(_("Choose a status."), code="status")
    with transaction.atomic():
        referral = Referral.objects.select_for_update().get(pk=referral_id)
        if not referrals_addressed_to(actor).filter(pk=referral.pk).exists():
            raise NotAllowed(conceal=True)  # not an addressed receiver
        if referral.status != ReferralStatus.ACCEPTED:
            raise ValidationError(_("Only an accepted referral can report status."),
                                  code="not_accepted")
        referral.feedback_status = status
        referral.feedback_at = timezone.now()
        referral.save(update_fields=["feedback_status", "feedback_at"])
        _event(referral.concern, actor, "referral_feedback")
        _log(actor, Action.REFERRAL_FEEDBACK, Basis.RECEIVER, referral, request)
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
            _event(referral.concern, None, "referral_escalated")
            count += 1
    return count


def concern_police_handoff(*, actor, concern_id: int, handed_on: date, channel: str,
                           police_reference: str = "", request=None) -> Concern:
    basis = _require_handler(actor)
    with transaction.atomic():
        concern = _locked_concern(concern_id)
        _require_triaged(concern)
        if handed_on > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."), code="future")
        concern.police_handed_on = handed_on
        concern.police_channel = channel
        concern.police_reference = police_reference
        concern.save()
        _event(concern, actor, "police_handoff")
        _log(actor, Action.CHANGE, basis, concern, request)
    return concern


def concern_no_action(*, actor, concern_id: int, reason: str, request=None) -> Concern:
    basis = _require_handler(actor)
    if not reason.strip():
        raise ValidationError(_("Give a reason."), code="reason")
    with transaction.atomic():
        concern = _locked_concern(concern_id)
        _require_triaged(concern)
        concern.no_action_reason = reason.strip()
        concern.route_no_action = True
        concern.save()
        _event(concern, actor, "no_action")
        _log(actor, Action.CHANGE, basis, concern, request)
    return concern


def concern_routes(concern: Concern) -> list[str]:
    routes = []
    # .all(): a list or export that prefetched the referrals asks no query.
    kinds = {referral.kind for referral in concern.referrals.all()}
    if ReferralKind.SUPPORT in kinds:
        routes.append("social_services")
    if ReferralKind.EXIT in kinds:
        routes.append("exit")
    if concern.police_handed_on:
        routes.append("police")
    if concern.route_no_action:
        routes.append("no_action")
    return routes


def retention_date_for(outcome: str, closed_on: date) -> date:
    years = settings.CONCERN_RETENTION_YEARS.get(outcome, 3)
    try:
        return closed_on.replace(year=closed_on.year + years)
    except ValueError:  # 29 February
        return closed_on.replace(year=closed_on.year + years, day=28)


def concern_close(*, actor, concern_id: int, outcome: str, request=None) -> Concern:
    """Close with an outcome. Needs at least one route; sets the retention
    date from the outcome; completes the process."""
    basis = _require_handler(actor)
    if outcome not in Outcome.values:
        raise ValidationError(_("Choose an outcome."), code="outcome")
    with transaction.atomic():
        concern = _locked_concern(concern_id)
        _require_triaged(concern)
        if not concern_routes(concern):
            raise ValidationError(_("Choose a route (referral, police or no action) before "
                                    "closing."), code="no_route")
        concern.status = ConcernStatus.CLOSED
        concern.outcome = outcome
        concern.closed_at = timezone.now()
        concern.retention_date = retention_date_for(outcome, timezone.localdate())
        concern.save()
        for referral_id in concern.referrals.values_list("pk", flat=True):
            email_withdraw(key_prefix=f"concern-referral-{referral_id}-reminder-")
        _event(concern, actor, "closed")
        _log(actor, Action.CHANGE, basis, concern, request)
        flow = ConcernFlow
        _run_node(concern, flow.routing)
        _run_node(concern, flow.close)
    return concern


def concern_reopen(*, actor, concern_id: int, request=None) -> Concern:
    basis = _require_handler(actor)
    with transaction.atomic():
        concern = _locked_concern(concern_id)
        if not concern.is_closed:
            raise ValidationError(_("The concern is not closed."), code="open")
        if concern.purged_at:
            raise ValidationError(_("The personal data of this concern has been disposed "
                                    "of; it cannot be reopened."), code="purged")
        concern.status = ConcernStatus.NEW
        concern.outcome = ""
        concern.closed_at = None
        concern.retention_date = None
        concern.save()
        _event(concern, actor, "reopened")
        _log(actor, Action.CHANGE, basis, concern, request)
        ConcernFlow.start.run(concern=concern)
    return concern


def concern_delete(*, actor, concern_id: int, request=None) -> None:
    """Delete a concern and its process. The access log keeps its rows (no
    foreign key) and gets one more."""
    basis = _require_handler(actor)
    with transaction.atomic():
        concern = _locked_concern(concern_id)
        _log(actor, Action.DELETE, basis, concern, request)
        content_type = ContentType.objects.get_for_model(Concern)
        processes = ConcernProcess.objects.filter(artifact_content_type=content_type,
                                                  artifact_object_id=concern.pk)
        Task.objects.filter(process__in=processes).delete()
        processes.delete()
        concern.delete()


def _due_for_gallring(today: date):
    return (Concern.objects.filter(status=ConcernStatus.CLOSED, retention_date__lte=today,
                                   purged_at__isnull=True).order_by("pk"))


def concern_gallra_count(today: date) -> int:
    return _due_for_gallring(today).count()


def concern_gallra_references(today: date) -> list[str]:
    return list(_due_for_gallring(today).values_list("reference", flat=True))


def concern_gallra(*, today: date | None = None, dry_run: bool = False) -> list[str]:
    """Dispose of personal data of closed concerns past their retention date:
    the personal fields, the referral texts, the attachments (rows and files)
    and every outbox row about its referrals. Keeps the anonymous fields for
    statistics. Returns the references."""
    today = today or timezone.localdate()
    references = concern_gallra_references(today)
    if dry_run:
        return references
    for concern_id in list(_due_for_gallring(today).values_list("pk", flat=True)):
        with transaction.atomic():
            concern = (Concern.objects.select_for_update(skip_locked=True)
                       .filter(pk=concern_id, purged_at__isnull=True).first())
            if concern is None:
                continue
            for field in PERSONAL_FIELDS:
                setattr(concern, field, "")
            concern.purged_at = timezone.now()
            concern.save()
            concern.referrals.update(**{f: "" for f in REFERRAL_PERSONAL_FIELDS})
            _dispose_attachments(concern)
            email_purge(key_prefixes=[f"concern-referral-{pk}-" for pk in
                                      concern.referrals.values_list("pk", flat=True)])
            _log(None, Action.PURGE, Basis.SYSTEM, concern)
    return references


def _dispose_attachments(concern: Concern) -> None:
    attachments = list(concern.attachments.all())
    delete_files_after_commit(attachment.file for attachment in attachments)
    ConcernAttachment.objects.filter(pk__in=[a.pk for a in attachments]).delete()


def _sensitive_email_cutoff(today: date):
    day = today - timedelta(days=settings.SENSITIVE_EMAIL_RETENTION_DAYS)
    return timezone.make_aware(datetime.combine(day, time.min))


def sensitive_email_gallra_count(today: date) -> int:
    return email_purge_count(template_prefix=SENSITIVE_EMAIL_TEMPLATE_PREFIX,
                             finished_before=_sensitive_email_cutoff(today))


def sensitive_email_gallra(today: date) -> int:
    """Outbox rows about concerns and referrals that left the queue (sent,
    failed, withdrawn) more than SENSITIVE_EMAIL_RETENTION_DAYS ago."""
    return email_purge(template_prefix=SENSITIVE_EMAIL_TEMPLATE_PREFIX,
                       finished_before=_sensitive_email_cutoff(today))
