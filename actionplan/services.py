"""Every change to an action plan, its goals and its yearly follow-up. The
plan's measures are made by casework.measures (measure_create, the one place
measures are made: the owner is told and reminded there), with a goal as the
source and restricted to the plan's sensitive working group."""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.choices import MeasureStatus
from casework.measures import measure_create
from casework.models import Measure
from core.errors import Conflict, Invalid

from .models import ActionPlan, FollowUp, Goal, GoalAssessment, GoalStatus, PlanStatus

PLAN_FIELDS = ("title", "start_year", "end_year", "introduction", "working_group")


def _check_period(start_year: int, end_year: int) -> None:
    if end_year < start_year:
        raise Invalid({"end_year": _("The last year must not be before the first.")})
    if ActionPlan.objects.filter(start_year=start_year, end_year=end_year).exists():
        raise Invalid({"start_year": _(
            "There is already an action plan for this period.")})


def _check_group(working_group) -> None:
    if not working_group.handles_sensitive:
        raise Invalid({"working_group": _(
            "Choose a working group that handles sensitive matters: the plan's measures "
            "are shown only to its members and the coordinator.")})


def plan_create(*, actor, title: str, start_year: int, end_year: int, working_group,
                introduction: str = "") -> ActionPlan:
    """A new plan in draft. One plan per period (the database holds the rule
    too: a concurrent twin fails on the unique constraint)."""
    title = (title or "").strip()
    if not title:
        raise Invalid({"title": _("Give the plan a title.")})
    _check_group(working_group)
    with transaction.atomic():
        _check_period(start_year, end_year)
        try:
            with transaction.atomic():
                return ActionPlan.objects.create(
                    title=title[:200], start_year=start_year, end_year=end_year,
                    working_group=working_group, introduction=introduction.strip(),
                    created_by=actor)
        except IntegrityError:
            raise Invalid({"start_year": _(
                "There is already an action plan for this period.")}) from None


def _lock(plan: ActionPlan, version: int | None = None) -> ActionPlan:
    current = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if version is not None and current.version != version:
        raise Conflict(_("Someone else changed the action plan while you were editing it. "
                         "Reload the page and make your change again."))
    return current


def plan_update(*, plan: ActionPlan, actor, version: int, **changes) -> ActionPlan:
    """Edit the plan's text and period (optimistic concurrency by version).
    The period of an adopted plan is what was adopted: it cannot change."""
    unknown = set(changes) - set(PLAN_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    with transaction.atomic():
        current = _lock(plan, version)
        if not (changes.get("title", current.title) or "").strip():
            raise Invalid({"title": _("Give the plan a title.")})
        period = (changes.get("start_year", current.start_year),
                  changes.get("end_year", current.end_year))
        if period != (current.start_year, current.end_year):
            if current.status == PlanStatus.ADOPTED:
                raise Invalid({"start_year": _(
                    "The period of an adopted plan cannot change: write a new plan.")})
            _check_period(*period)
        if "working_group" in changes and changes["working_group"].pk != current.working_group_id:
            _check_group(changes["working_group"])
            # The measures are restricted to the group and owned by its members:
            # moving them would need new owners, so the group stays.
            if plan_measures(current).exists():
                raise Invalid({"working_group": _(
                    "The plan already has measures restricted to its working group: the "
                    "group cannot change.")})
        for name, value in changes.items():
            setattr(current, name, value.strip() if isinstance(value, str) else value)
        current.version = F("version") + 1
        current.save()
        current.refresh_from_db()
    return current


def plan_adopt(*, plan: ActionPlan, actor, version: int, adopted_on: date) -> ActionPlan:
    """Mark the plan as adopted (antagen) on the day of the decision. A plan
    without goals has nothing to adopt."""
    with transaction.atomic():
        current = _lock(plan, version)
        if not current.goals.exists():
            raise Invalid({"adopted_on": _("Add at least one goal before adopting.")})
        if adopted_on > timezone.localdate():
            raise Invalid({"adopted_on": _("The adoption date cannot be in the future.")})
        current.status, current.adopted_on = PlanStatus.ADOPTED, adopted_on
        current.version = F("version") + 1
        current.save(update_fields=["status", "adopted_on", "version", "updated_at"])
        current.refresh_from_db()
    return current


def goal_add(*, plan: ActionPlan, actor, title: str, description: str = "") -> Goal:
    """The next goal of the plan (numbered in order, under the plan's lock)."""
    title = (title or "").strip()
    if not title:
        raise Invalid({"title": _("Write the goal.")})
    with transaction.atomic():
        current = _lock(plan)
        number = (current.goals.aggregate(n=Max("number"))["n"] or 0) + 1
        return Goal.objects.create(plan=current, number=number, title=title[:300],
                                   description=description.strip())


def goal_update(*, goal: Goal, actor, title: str, description: str = "") -> Goal:
    """Change the goal's text (its number stays)."""
    title = (title or "").strip()
    if not title:
        raise Invalid({"title": _("Write the goal.")})
    with transaction.atomic():
        _lock(goal.plan)
        current = Goal.objects.select_for_update().get(pk=goal.pk)
        current.title, current.description = title[:300], description.strip()
        current.save(update_fields=["title", "description"])
    return current


def goal_removable(goal: Goal) -> str:
    """Why the goal cannot be removed (a Swedish text), or "" when it can: a
    goal with measures, or assessed in a recorded follow-up, stays."""
    if plan_measures(goal.plan).filter(source_id=goal.pk).exists():
        return _("The goal has measures and cannot be removed. Its measures are followed "
                 "up under it.")
    if goal.assessments.exists():
        return _("The goal is assessed in a recorded follow-up and cannot be removed.")
    return ""


def goal_remove(*, goal: Goal, actor) -> None:
    """Remove a goal without measures; the later goals move up one number so
    the plan's goals stay numbered 1, 2, 3..."""
    with transaction.atomic():
        plan = _lock(goal.plan)
        current = Goal.objects.select_for_update().get(pk=goal.pk)
        if reason := goal_removable(current):
            raise Invalid(reason, code="goal_in_use")
        current.delete()
        # One by one in number order: the (plan, number) constraint holds at every step.
        for later in plan.goals.filter(number__gt=current.number).order_by("number"):
            later.number -= 1
            later.save(update_fields=["number"])


def goal_measure_add(*, goal: Goal, actor, title: str, owner_organisation, owner=None,
                     due_date: date | None = None, description: str = "") -> Measure:
    """A measure (åtgärd) of the goal, made by casework.measures: its owner is
    told and reminded before the due date like any measure's, and closing it
    follows the measure rules. Restricted to the plan's working group, so only
    its members and the coordinator see it outside the plan (an owner outside
    the group is refused there)."""
    title = (title or "").strip()
    if not title:
        raise Invalid({"title": _("Write the measure.")})
    if owner is not None and owner_organisation is None:
        owner_organisation = owner.organisation
    if owner_organisation is None:
        raise Invalid({"owner_organisation": _(
            "Choose the organisation responsible for the measure.")})
    with transaction.atomic():
        plan = _lock(goal.plan)
        if due_date is not None and due_date.year > plan.end_year + 1:
            raise Invalid({"due_date": _(
                "The due date lies too far beyond the plan's period.")})
        return measure_create(
            actor=actor, title=title, description=description.strip(), owner=owner,
            owner_organisation=owner_organisation, due_date=due_date,
            status=MeasureStatus.DECIDED, source=goal,
            restricted_to_group=plan.working_group)


def plan_measures(plan: ActionPlan):
    """The measures whose source is one of the plan's goals."""
    return Measure.objects.filter(
        source_type=ContentType.objects.get_for_model(Goal),
        source_id__in=plan.goals.values("pk"))


def goal_measure_changed(measure: Measure) -> None:
    """State hook (registered with casework.measures): a measure of a goal
    changed status; the plan page shows when that last happened."""
    ActionPlan.objects.filter(goals__pk=measure.source_id).update(
        measures_changed_at=timezone.now())


def follow_up_record(*, plan: ActionPlan, actor, year: int, summary: str,
                     assessments: dict[int, tuple[str, str]]) -> FollowUp:
    """Record (or record again) the follow-up of `year`: for every goal of
    the plan a status and a written assessment (`assessments`: goal id ->
    (status, text)), and the goal's measures' states as they are now."""
    if year < plan.start_year or year > plan.end_year:
        raise Invalid({"year": _("The year must lie within the plan's period.")})
    with transaction.atomic():
        current = _lock(plan)
        goals = list(current.goals.all())
        if not goals:
            raise Invalid({"year": _("The plan has no goals to follow up.")})
        errors = {}
        for goal in goals:
            status, text = assessments.get(goal.pk, ("", ""))
            if status not in GoalStatus.values:
                errors[f"status_{goal.pk}"] = _("Choose a status for goal %(number)s.") % {
                    "number": goal.number}
            if not (text or "").strip():
                errors[f"assessment_{goal.pk}"] = _(
                    "Write an assessment of goal %(number)s.") % {"number": goal.number}
        if errors:
            raise Invalid(errors)
        follow_up, _created = FollowUp.objects.update_or_create(
            plan=current, year=year,
            defaults={"summary": summary.strip(), "recorded_by": actor})
        counts = _measure_counts(current)
        follow_up.assessments.all().delete()
        GoalAssessment.objects.bulk_create([
            GoalAssessment(follow_up=follow_up, goal=goal,
                           status=assessments[goal.pk][0],
                           assessment=assessments[goal.pk][1].strip(),
                           measure_counts=counts.get(goal.pk, {}))
            for goal in goals])
    return follow_up


def _measure_counts(plan: ActionPlan) -> dict[int, dict[str, int]]:
    rows = (plan_measures(plan).order_by().values("source_id", "status")
            .annotate(n=Count("pk")))
    counts: dict[int, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["source_id"], {})[row["status"]] = row["n"]
    return counts
