"""The action plan against violent extremism (handlingsplan mot våldsbejakande
extremism): a plan per year or period, its goals (mål), and a yearly
follow-up (uppföljning) with an assessment per goal. The plan's measures are
casework Measures whose source is a goal (made only by casework.measures)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")


class GoalStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    PARTLY_MET = "partly_met", _("Partly met")
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")


class ActionPlan(models.Model):
    title = models.CharField(_("title"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    status = models.CharField(_("status"), max_length=8, choices=PlanStatus.choices,
                              default=PlanStatus.DRAFT)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    introduction = models.TextField(_("background and purpose"), blank=True)
    # The sensitive working group the plan's measures are restricted to
    # (visibility travels with the data: casework.rules).
    working_group = models.ForeignKey(
        "meetings.WorkingGroup", verbose_name=_("working group"), on_delete=models.PROTECT,
        related_name="action_plans")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Set by the measure state hook: when one of the plan's measures last
    # changed status (shown on the plan page).
    measures_changed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-start_year", "-end_year", "-id"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.CheckConstraint(condition=models.Q(end_year__gte=models.F("start_year")),
                                   name="actionplan_period_order"),
            models.UniqueConstraint(fields=["start_year", "end_year"],
                                    name="actionplan_one_per_period"),
        ]

    def __str__(self):
        return f"{self.title} {self.period_label}"

    @property
    def period_label(self) -> str:
        if self.start_year == self.end_year:
            return str(self.start_year)
        return f"{self.start_year}–{self.end_year}"


class Goal(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="goals")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("goal"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [models.UniqueConstraint(fields=["plan", "number"],
                                               name="actionplan_goal_number")]

    def __str__(self):
        return f"{self.number}. {self.title}"


class FollowUp(models.Model):
    """The yearly follow-up of a plan: one per plan and year."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="follow_ups")
    year = models.PositiveSmallIntegerField(_("year"))
    summary = models.TextField(_("overall assessment"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        ordering = ["plan", "-year"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [models.UniqueConstraint(fields=["plan", "year"],
                                               name="actionplan_one_follow_up_per_year")]


class GoalAssessment(models.Model):
    """One goal's status and written assessment in a follow-up, with the
    states of its measures as they were when it was recorded."""

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE,
                                  related_name="assessments")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="assessments")
    status = models.CharField(_("status"), max_length=12, choices=GoalStatus.choices)
    assessment = models.TextField(_("assessment"))
    # {"done": 2, "in_progress": 1, ...}: casework MeasureStatus values.
    measure_counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["follow_up", "goal__number"]
        constraints = [models.UniqueConstraint(fields=["follow_up", "goal"],
                                               name="actionplan_one_assessment_per_goal")]
