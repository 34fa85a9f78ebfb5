"""Every way a concern or referral changes. Keyword-only, each in its own
transaction, rows locked with select_for_update, one access-log row per change
(written in the same transaction: no change without its log row), and the
viewflow process advanced in the same transaction.

Services check access themselves: viewflow's activations do not."""

from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task

from core.errors import Invalid, NotAllowed
from core.references import next_reference
from notifications.services import (
    email_withdraw,
)

from .access import Basis, concern_basis
from .choices import (
    ConcernStatus,
    Outcome,
    ReferralKind,
    Source,
)
from .flows import ConcernFlow
from .models import Concern, ConcernAttachment, ConcernProcess
from .steps import (
    CONTENT_FIELDS,
    EDITABLE_FIELDS,
    PERSONAL_FIELDS,
    Action,
    HandedOverFile,
    add_event,
    locked_concern,
    log_access,
    not_closed,
    require_handler,
    require_triaged,
    run_node,
)


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
        _full_clean(concern)
        concern.save()
        add_event(concern, actor, "created")
        log_access(actor, Action.CREATE, basis, concern, request)
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
    basis = require_handler(actor)
    with transaction.atomic():
        concern = locked_concern(concern_id)
        not_closed(concern)
        for field in EDITABLE_FIELDS:
            if field in data:
                setattr(concern, field, data[field])
        _full_clean(concern)
        concern.save()
        add_event(concern, actor, "updated")
        log_access(actor, Action.CHANGE, basis, concern, request)
    return concern


def concern_triage(*, actor, concern_id: int, data: dict, request=None) -> Concern:
    """Record or revise the triage (risk assessment, urgency, environment,
    crime suspected). The first triage advances the flow to routing."""
    basis = require_handler(actor)
    with transaction.atomic():
        concern = locked_concern(concern_id)
        not_closed(concern)
        for field in ("risk_assessment", "urgency", "environment", "crime_suspected",
                      "age_group", "child_concerned"):
            if field in data:
                setattr(concern, field, data[field])
        first = concern.status == ConcernStatus.NEW
        concern.status = ConcernStatus.TRIAGED
        concern.triaged_at = timezone.now()
        concern.save()
        add_event(concern, actor, "triaged")
        log_access(actor, Action.CHANGE, basis, concern, request)
        if first:
            run_node(concern, ConcernFlow.triage)
    return concern


def concern_police_handoff(*, actor, concern_id: int, handed_on: date, channel: str,
                           police_reference: str = "", request=None) -> Concern:
    basis = require_handler(actor)
    with transaction.atomic():
        concern = locked_concern(concern_id)
        require_triaged(concern)
        if handed_on > timezone.localdate():
            raise Invalid(_("The date cannot be in the future."), code="future")
        concern.police_handed_on = handed_on
        concern.police_channel = channel
        concern.police_reference = police_reference
        concern.save()
        add_event(concern, actor, "police_handoff")
        log_access(actor, Action.CHANGE, basis, concern, request)
    return concern


def concern_no_action(*, actor, concern_id: int, reason: str, request=None) -> Concern:
    basis = require_handler(actor)
    if not reason.strip():
        raise Invalid(_("Give a reason."), code="reason")
    with transaction.atomic():
        concern = locked_concern(concern_id)
        require_triaged(concern)
        concern.no_action_reason = reason.strip()
        concern.route_no_action = True
        concern.save()
        add_event(concern, actor, "no_action")
        log_access(actor, Action.CHANGE, basis, concern, request)
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
    basis = require_handler(actor)
    if outcome not in Outcome.values:
        raise Invalid(_("Choose an outcome."), code="outcome")
    with transaction.atomic():
        concern = locked_concern(concern_id)
        require_triaged(concern)
        if not concern_routes(concern):
            raise Invalid(_("Choose a route (referral, police or no action) before "
                            "closing."), code="no_route")
        concern.status = ConcernStatus.CLOSED
        concern.outcome = outcome
        concern.closed_at = timezone.now()
        concern.retention_date = retention_date_for(outcome, timezone.localdate())
        concern.save()
        for referral_id in concern.referrals.values_list("pk", flat=True):
            email_withdraw(key_prefix=f"concern-referral-{referral_id}-reminder-")
        add_event(concern, actor, "closed")
        log_access(actor, Action.CHANGE, basis, concern, request)
        flow = ConcernFlow
        run_node(concern, flow.routing)
        run_node(concern, flow.close)
    return concern


def concern_reopen(*, actor, concern_id: int, request=None) -> Concern:
    basis = require_handler(actor)
    with transaction.atomic():
        concern = locked_concern(concern_id)
        if not concern.is_closed:
            raise Invalid(_("The concern is not closed."), code="open")
        if concern.purged_at:
            raise Invalid(_("The personal data of this concern has been disposed "
                            "of; it cannot be reopened."), code="purged")
        concern.status = ConcernStatus.NEW
        concern.outcome = ""
        concern.closed_at = None
        concern.retention_date = None
        concern.save()
        add_event(concern, actor, "reopened")
        log_access(actor, Action.CHANGE, basis, concern, request)
        ConcernFlow.start.run(concern=concern)
    return concern


def concern_delete(*, actor, concern_id: int, request=None) -> None:
    """Delete a concern and its process. The access log keeps its rows (no
    foreign key) and gets one more."""
    basis = require_handler(actor)
    with transaction.atomic():
        concern = locked_concern(concern_id)
        log_access(actor, Action.DELETE, basis, concern, request)
        content_type = ContentType.objects.get_for_model(Concern)
        processes = ConcernProcess.objects.filter(artifact_content_type=content_type,
                                                  artifact_object_id=concern.pk)
        Task.objects.filter(process__in=processes).delete()
        processes.delete()
        concern.delete()


# Referrals and gallring have their own modules; their services are imported
# here too, so `concerns.services.<name>` keeps working for every caller.
from .gallring import (  # noqa: E402
    concern_gallra,
    concern_gallra_count,
    concern_gallra_references,
    sensitive_email_gallra,
    sensitive_email_gallra_count,
)
from .referrals import (  # noqa: E402
    referral_answer,
    referral_escalate_overdue,
    referral_recipients,
    referral_report_status,
    referral_send,
)

__all__ = [
    "concern_close", "concern_create", "concern_create_from_est_report", "concern_delete",
    "concern_gallra", "concern_gallra_count", "concern_gallra_references", "concern_no_action",
    "concern_police_handoff", "concern_reopen", "concern_routes", "concern_triage",
    "concern_update", "CONTENT_FIELDS", "EDITABLE_FIELDS", "HandedOverFile", "PERSONAL_FIELDS",
    "referral_answer", "referral_escalate_overdue", "referral_recipients",
    "referral_report_status", "referral_send", "retention_date_for", "sensitive_email_gallra",
    "sensitive_email_gallra_count",
]


def _full_clean(concern) -> None:
    """The model's own field checks, answered as the services' error."""
    try:
        concern.full_clean(exclude=["reference"])
    except ValidationError as error:
        raise Invalid.from_validation_error(error) from error
