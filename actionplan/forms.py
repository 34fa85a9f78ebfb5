"""Forms of the action plan pages. Labels in English (gettext), Swedish on
screen; the services hold the rules, the forms only the shapes."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from accounts.roles import Role, people_with_roles
from core.forms import HolidayWarningMixin
from meetings.models import WorkingGroup

from .models import GoalStatus

YEAR_BOUNDS = {"min_value": 2000, "max_value": 2100}
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200,
                            initial=_("Action plan against violent extremism"))
    start_year = forms.IntegerField(label=_("First year"), **YEAR_BOUNDS)
    end_year = forms.IntegerField(label=_("Last year"), **YEAR_BOUNDS,
                                  help_text=_("The same as the first year for a yearly plan."))
    working_group = forms.ModelChoiceField(
        label=_("Working group"), queryset=WorkingGroup.objects.filter(handles_sensitive=True),
        empty_label=_("Choose a working group"),
        help_text=_("The plan's measures are shown only to this group's members and the "
                    "coordinator."))
    introduction = forms.CharField(label=_("Background and purpose"), required=False,
                                   max_length=20000, widget=forms.Textarea(attrs={"rows": 6}))


class PlanEditForm(PlanForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class AdoptForm(forms.Form):
    adopted_on = forms.DateField(label=_("Adopted on"), widget=DATE_WIDGET,
                                 help_text=_("The day the municipal executive board decided."))
    version = forms.IntegerField(widget=forms.HiddenInput)


class GoalForm(forms.Form):
    title = forms.CharField(label=_("Goal"), max_length=300)
    description = forms.CharField(label=_("Description"), required=False, max_length=10000,
                                  widget=forms.Textarea(attrs={"rows": 3}))


class GoalMeasureForm(HolidayWarningMixin, forms.Form):
    holiday_fields = ("due_date",)

    title = forms.CharField(label=_("Measure"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, max_length=10000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    owner = forms.ModelChoiceField(
        label=_("Responsible person"), required=False, queryset=people_with_roles(),
        empty_label=_("Choose a person"),
        help_text=_("A member of the plan's working group, or the coordinator."))
    owner_organisation = forms.ModelChoiceField(
        label=_("Responsible organisation"), required=False,
        queryset=Organisation.objects.all(), empty_label=_("The person's organisation"))
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        if group is not None:
            self.fields["owner"].queryset = people_with_roles().filter(
                Q(group_memberships__group=group) | Q(groups__name=Role.COORDINATOR)
            ).distinct()


class FollowUpForm(forms.Form):
    """The year's overall assessment and, per goal, a status and a text
    (fields `status_<goal id>` and `assessment_<goal id>`)."""

    summary = forms.CharField(label=_("Overall assessment"), required=False, max_length=20000,
                              widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        for goal in self.goals:
            self.fields[f"status_{goal.pk}"] = forms.ChoiceField(
                label=_("Status of goal %(number)s") % {"number": goal.number},
                choices=[("", _("Choose a status")), *GoalStatus.choices])
            self.fields[f"assessment_{goal.pk}"] = forms.CharField(
                label=_("Assessment of goal %(number)s") % {"number": goal.number},
                max_length=20000, widget=forms.Textarea(attrs={"rows": 3}))

    def goal_rows(self):
        return [(goal, self[f"status_{goal.pk}"], self[f"assessment_{goal.pk}"])
                for goal in self.goals]

    def assessments(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {goal.pk: (data.get(f"status_{goal.pk}", ""),
                          data.get(f"assessment_{goal.pk}", "")) for goal in self.goals}
