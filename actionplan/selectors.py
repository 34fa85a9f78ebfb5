"""Reads of the action plan: the plan with its goals, each goal's measures
and the latest follow-up, in a fixed number of queries whatever the size."""

from dataclasses import dataclass, field

from django.db.models import Count

from casework.choices import MeasureStatus

from .models import ActionPlan, FollowUp, Goal
from .services import plan_measures


@dataclass
class GoalView:
    goal: Goal
    measures: list = field(default_factory=list)
    assessment: object = None

    def status_counts(self) -> list[tuple[str, int]]:
        """(label, count) of the goal's measures per status, in status order."""
        counts = {}
        for measure in self.measures:
            counts[measure.status] = counts.get(measure.status, 0) + 1
        return [(label, counts[value]) for value, label in MeasureStatus.choices
                if value in counts]


@dataclass
class PlanView:
    plan: ActionPlan
    goals: list
    follow_up: FollowUp | None
    follow_up_years: list


def plan_list():
    """Every plan, newest period first, with its number of goals."""
    return ActionPlan.objects.annotate(goal_count=Count("goals"))


def plan_view(plan: ActionPlan) -> PlanView:
    """Goals, their measures (owner, organisation) and the latest follow-up."""
    goals = [GoalView(goal) for goal in plan.goals.all()]
    by_pk = {view.goal.pk: view for view in goals}
    measures = (plan_measures(plan).select_related("owner", "owner_organisation")
                .order_by("due_date", "pk"))
    for measure in measures:
        by_pk[measure.source_id].measures.append(measure)
    follow_ups = list(plan.follow_ups.order_by("-year").select_related("recorded_by"))
    latest = follow_ups[0] if follow_ups else None
    if latest is not None:
        for assessment in latest.assessments.all():
            if assessment.goal_id in by_pk:
                by_pk[assessment.goal_id].assessment = assessment
    return PlanView(plan=plan, goals=goals, follow_up=latest,
                    follow_up_years=[f.year for f in follow_ups])
