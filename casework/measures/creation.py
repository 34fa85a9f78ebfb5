"""The only place a measure (åtgärd) is created, whatever it comes from: a case
or cases, a lägesbild's analysis, a meeting decision, a safety-walk place, a
survey answer or a medborgarlöfte commitment. In the same transaction the
owner is told (outbox) and the reminders are planned (reminders.py)."""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Invalid
from notifications.services import email_enqueue

from ..choices import OPEN_MEASURE_STATUSES, MeasureStatus, MeasureTerm
from ..models import Measure
from ..rules import may_see_measure_content
from .reminders import key_prefix, reminders_plan
from .targets import measure_target_set


def measure_create(*, actor, title: str, owner_organisation, description: str = "",
                   term: str = MeasureTerm.SHORT, owner=None, due_date: date | None = None,
                   status: str = MeasureStatus.PROPOSED, cases=(), situation_picture=None,
                   source=None, restricted_to_group=None, target: dict | None = None
                   ) -> Measure:
    """A new measure. Its origin is `cases`, `situation_picture` or `source`
    (any other row: a meeting decision, a walk place, a survey result, a
    promise). `restricted_to_group` (a sensitive working group) makes it
    visible to that group's members and the coordinator only: the caller
    copying a sensitive group's content must pass it (see casework.rules).
    An open measure's owner gets a notice and reminders (outbox).
    `target`: what the effect follow-up compares (casework.measures.targets)."""
    with transaction.atomic():
        measure = Measure.objects.create(
            title=title[:200], description=description, term=term,
            owner_organisation=owner_organisation, owner=owner, due_date=due_date,
            status=status, situation_picture=situation_picture, created_by=actor,
            source_type=ContentType.objects.get_for_model(source) if source else None,
            source_id=source.pk if source else None,
            completed_at=timezone.now() if status == MeasureStatus.DONE else None,
            restricted_to_group=restricted_to_group,
        )
        if cases:
            measure.cases.set(cases)
        if target:
            measure_target_set(measure=measure, **target)
        check_restricted_measure(measure)
        owner_notify(measure)
        reminders_plan(measure)
    return measure


def check_restricted_measure(measure: Measure) -> None:
    """A restricted measure stays inside its group: its owner must be allowed
    to see it, and it is never tied to a case or a lägesbild (pages, PDFs and
    mail that reach people outside the group). Raises Invalid; the
    caller's transaction then rolls back."""
    if measure.restricted_to_group_id is None:
        return
    if measure.owner is not None and not may_see_measure_content(measure.owner, measure):
        raise Invalid({"owner": _(
            "The measure comes from a working group that handles sensitive matters: the "
            "responsible person must be a member of that group.")})
    if measure.situation_picture_id is not None or measure.cases.exists():
        raise Invalid({"situation_picture": _(
            "A measure from a working group that handles sensitive matters cannot be tied "
            "to a case or a situation picture.")})


def measure_mail_title(measure: Measure) -> str:
    """How mail names a measure. Mail leaves Tryggsam, so it is judged as a
    reader nobody in particular (casework.rules): a restricted measure by
    number only (Å-12); the link leads to Tryggsam, where the rules decide."""
    if may_see_measure_content(None, measure):
        return measure.title
    return f"Å-{measure.pk}"


def owner_notify(measure: Measure) -> None:
    """Tell the owner of an open measure that it is theirs: its number (and
    title unless restricted), due date and a link. Once per owner: the key
    holds the owner, so a new owner is told and a re-run sends nothing."""
    owner = measure.owner
    if (owner is None or not owner.email or not owner.is_active
            or measure.status not in OPEN_MEASURE_STATUSES):
        return
    if not may_see_measure_content(owner, measure):
        # Never reached through the services (check_restricted_measure
        # refuses such an owner); the admin's form is not checked.
        return
    email_enqueue(
        key=f"{key_prefix(measure)}assigned-u{owner.pk}", to=owner.email,
        template="measure_notice",
        context={"kind": "assigned", "reference": f"Å-{measure.pk}",
                 "title": measure_mail_title(measure),
                 "due_date": measure.due_date.isoformat() if measure.due_date else "",
                 "url": reverse("casework:measure-detail", args=[measure.pk])})
