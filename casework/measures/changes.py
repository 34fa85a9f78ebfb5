"""Every change to an existing measure: edits, follow-ups (uppföljning) and the
status moves they carry. After each change, in the same transaction, the one
reminder planner brings the outbox in line (a done or cancelled measure has
every pending reminder withdrawn, whatever it came from), a new owner is told,
and the source's app hears of a change of status (sources.py)."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Conflict, Invalid

from ..choices import OPEN_MEASURE_STATUSES, MeasureStatus
from ..models import Measure, MeasureFollowUp
from .creation import check_restricted_measure, owner_notify
from .reminders import reminders_plan, reminders_withdraw
from .sources import source_state_changed
from .targets import measure_target_set

MEASURE_FIELDS = ("title", "description", "term", "owner_organisation", "owner", "due_date",
                  "status", "situation_picture")


def measure_update(*, measure: Measure, actor, version: int, cases=None,
                   target: dict | None = None, **changes) -> Measure:
    """Optimistic concurrency: the edit names the version it started from; if
    someone saved in between, Conflict and nothing is written."""
    unknown = set(changes) - set(MEASURE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    with transaction.atomic():
        current = Measure.objects.select_for_update().get(pk=measure.pk)
        if current.version != version:
            raise Conflict(_("Someone else changed this measure while you were editing "
                              "it. Reload the page and make your change again."))
        old_status, old_owner_id = current.status, current.owner_id
        for name, value in changes.items():
            setattr(current, name, value)
        if current.status == MeasureStatus.DONE and old_status != MeasureStatus.DONE:
            current.completed_at = timezone.now()
        elif current.status != MeasureStatus.DONE:
            current.completed_at = None
        current.version = F("version") + 1
        current.save()
        current.refresh_from_db()
        if cases is not None:
            current.cases.set(cases)
        if target is not None:
            measure_target_set(measure=current, **target)
        check_restricted_measure(current)
        if current.status != old_status:
            MeasureFollowUp.objects.create(
                measure=current, author=actor, status_after=current.status,
                note=_("Status changed to %(status)s.") % {
                    "status": current.get_status_display()})
        _after_change(current, status_changed=current.status != old_status,
                      owner_changed=current.owner_id != old_owner_id)
    return current


def measure_follow_up_add(*, measure: Measure, actor, note: str,
                          status_after: str = "") -> MeasureFollowUp:
    """An uppföljning note; with status_after the measure moves on too."""
    if not note.strip():
        raise Invalid(_("Write a follow-up note."))
    with transaction.atomic():
        current = Measure.objects.select_for_update().get(pk=measure.pk)
        follow_up = MeasureFollowUp.objects.create(
            measure=current, author=actor, note=note.strip(), status_after=status_after)
        if status_after and status_after != current.status:
            current.status = status_after
            current.completed_at = timezone.now() if status_after == MeasureStatus.DONE else None
            current.version += 1
            current.save(update_fields=["status", "completed_at", "version", "updated_at"])
            _after_change(current, status_changed=True, owner_changed=False)
    return follow_up


def measure_saved_in_admin(measure: Measure, *, created: bool, old_status: str | None,
                           old_owner_id: int | None) -> None:
    """The admin saved a measure with its own form (inside its transaction):
    the same follow-through as the services, so an admin edit that closes a
    measure withdraws its reminders too."""
    if created:
        owner_notify(measure)
        reminders_plan(measure)
        return
    _after_change(measure, status_changed=measure.status != old_status,
                  owner_changed=measure.owner_id != old_owner_id)


def _after_change(measure: Measure, *, status_changed: bool, owner_changed: bool) -> None:
    if measure.status not in OPEN_MEASURE_STATUSES:
        reminders_withdraw(measure)
    else:
        if owner_changed:
            owner_notify(measure)
        reminders_plan(measure)
    if status_changed:
        source_state_changed(measure)
