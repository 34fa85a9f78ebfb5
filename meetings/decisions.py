"""Decisions in the minutes, and the measures they become (through
casework.measures, the one place measures are made)."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from casework.choices import MeasureStatus
from casework.measures import measure_create
from casework.models import Measure
from core.errors import Invalid

from .models import Decision, Meeting, WorkingGroup
from .occurrences import lock_meeting


def decision_add(*, meeting: Meeting, text: str, actor, owner=None, owner_organisation=None,
                 due_date: date | None = None, description: str = "",
                 make_measure: bool = True) -> Decision:
    """Record a decision; with `make_measure` it becomes a casework Measure
    (source = the decision) and its owner is told and reminded before the due
    date, like the owner of any measure (casework.measures)."""
    text = (text or "").strip()
    if not text:
        raise Invalid({"text": _("Write the decision.")})
    with transaction.atomic():
        meeting = lock_meeting(meeting)
        decision = Decision.objects.create(meeting=meeting, text=text[:300], created_by=actor)
        if make_measure:
            organisation = owner_organisation or (owner.organisation if owner else None)
            if organisation is None:
                raise Invalid({"owner_organisation": _(
                    "Choose the organisation responsible for the measure.")})
            if due_date is not None and due_date < meeting.date:
                raise Invalid({"due_date": _(
                    "The due date must not be before the meeting.")})
            # Visibility travels with the data: a sensitive group's decision
            # makes a measure only that group (and the coordinator) may see.
            # The measures module tells the owner and plans the reminders.
            measure = measure_create(
                actor=actor, title=text[:200], description=description, owner=owner,
                owner_organisation=organisation, due_date=due_date,
                status=MeasureStatus.DECIDED, source=decision,
                restricted_to_group=restriction_for(meeting.group))
            decision.measure = measure
            decision.save(update_fields=["measure"])
    return decision


def restriction_for(group: WorkingGroup) -> WorkingGroup | None:
    """The group a copy of this group's meeting content is restricted to."""
    return group if group.handles_sensitive else None


def group_measures_restrict(*, group: WorkingGroup) -> int:
    """Bring the restriction of the measures made from the group's decisions
    in step with the group (called when `handles_sensitive` changes; rows
    made before the restriction existed were filled by migration
    meetings 0004). Returns how many measures changed."""
    measure_ids = Decision.objects.filter(
        meeting__group=group, measure__isnull=False).values("measure_id")
    return Measure.objects.filter(pk__in=measure_ids).exclude(
        restricted_to_group=restriction_for(group)).update(
        restricted_to_group=restriction_for(group))
