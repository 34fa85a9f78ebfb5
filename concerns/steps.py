"""What every concern service does on the way: the shared constants, the
row lock, the access-log row, the timeline event and the step of the flow."""

import logging
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from audit.models import AccessLogEntry
from audit.services import access_log_write
from core.errors import Invalid

from .access import handler_basis
from .choices import (
    ConcernStatus,
)
from .models import Concern, ConcernEvent, Referral

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


def require_handler(actor) -> str:
    return handler_basis(actor)


def locked_concern(concern_id: int) -> Concern:
    return Concern.objects.select_for_update().get(pk=concern_id)


def log_access(actor, action, basis, obj, request=None):
    object_type = "referral" if isinstance(obj, Referral) else "concern"
    access_log_write(user=actor, action=action, basis=basis, object_type=object_type,
                     object_id=obj.pk, object_reference=obj.reference, request=request)


def add_event(concern, actor, kind):
    ConcernEvent.objects.create(concern=concern, actor=actor if actor and actor.pk else None,
                                kind=kind)


def open_task(concern: Concern, node):
    content_type = ContentType.objects.get_for_model(Concern)
    return (Task.objects.filter(
        process__artifact_content_type=content_type, process__artifact_object_id=concern.pk,
        flow_task=node, status=STATUS.NEW,
    ).order_by("-id").first())


def run_node(concern: Concern, node) -> None:
    task = open_task(concern, node)
    if task is None:
        # A process lost or never started (data from before the flow): start
        # one so the flow state follows the concern again.
        logger.warning("concerns: no open %s task for concern %s", node.name, concern.pk)
        return
    node.run(task)


def not_closed(concern: Concern) -> None:
    if concern.is_closed:
        raise Invalid(_("The concern is closed. Reopen it before changing it."),
                      code="closed")


def require_triaged(concern: Concern) -> None:
    not_closed(concern)
    if concern.status != ConcernStatus.TRIAGED:
        raise Invalid(_("Triage the concern before choosing a route."),
                      code="not_triaged")
