from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from accounts.roles import people_with_roles
from core.forms import HolidayWarningMixin

from . import schedule
from .models import Delivery, HolidayPolicy, Rsvp

User = get_user_model()


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


def _users():
    return User.objects.filter(is_active=True).order_by("first_name", "last_name")


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    purpose = forms.CharField(label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 3}),
                              required=False)
    chair = forms.ModelChoiceField(label=_("Chair"), queryset=_users(), required=False)
    secretary = forms.ModelChoiceField(label=_("Secretary"), queryset=_users(), required=False)
    handles_sensitive = forms.BooleanField(
        label=_("Handles sensitive matters"), required=False,
        help_text=_("Only members and the trygghetssamordnare see the group; e-mails and "
                    "invitations carry nothing but time, place and a link."))
    takes_input = forms.BooleanField(
        label=_("Members send input to the coordinator"), required=False,
        help_text=_("The group's page gets a form for input (underlag); what is sent lands "
                    "in the coordinator's inbox as a report with the group as its source."))


class MemberForm(forms.Form):
    user = forms.ModelChoiceField(label=_("User in Tryggsam"), queryset=_users(),
                                  required=False)
    name = forms.CharField(label=_("Or an external person: name"), max_length=200,
                           required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    # A CharField: the service gives the Swedish message for a malformed address.
    email = forms.CharField(label=_("E-mail"), max_length=254, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("user") and not data.get("name") and not data.get("email"):
            raise forms.ValidationError(_("Choose a user or enter an external person."))
        return data


def _ordinal_choices():
    return [(n, schedule.ORDINALS[n]) for n in (1, 2, 3, 4, -1)]


class ScheduleFields(forms.Form):
    """The schedule builder: the three patterns working groups use, or an
    RFC 5545 rule for anything else. `clean()` leaves only `rrule` behind."""

    pattern = forms.ChoiceField(label=_("How often"), choices=schedule.PATTERNS,
                                initial=schedule.MONTHLY_WEEKDAY, widget=forms.RadioSelect)
    weekday = forms.TypedChoiceField(
        label=_("Weekday"), coerce=int, initial=1, required=False, empty_value=None,
        choices=lambda: list(enumerate(str(day) for day in schedule.WEEKDAYS.values())))
    interval = forms.IntegerField(
        label=_("Every how many weeks"), min_value=1, max_value=8, initial=1, required=False,
        help_text=_("1 = every week, 2 = every other week."))
    ordinal = forms.TypedChoiceField(label=_("Which one in the month"), coerce=int,
                                     choices=_ordinal_choices, initial=2, required=False,
                                     empty_value=None)
    months = forms.TypedMultipleChoiceField(
        label=_("Months"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
        choices=lambda: [(number, str(name)) for number, name in schedule.MONTHS.items()],
        help_text=_("None ticked: every month."))
    day = forms.IntegerField(label=_("Date in the month"), min_value=1, max_value=31,
                             initial=1, required=False,
                             help_text=_("Months without that date are skipped."))
    rrule = forms.CharField(
        label=_("Rule (advanced)"), max_length=500, required=False,
        help_text=_("Only for the advanced choice, e.g. FREQ=MONTHLY;BYDAY=2TU."))

    BUILDER = ("pattern", "weekday", "interval", "ordinal", "months", "day")
    # what each pattern needs filled in (the others are ignored)
    NEEDS = {schedule.WEEKLY: ("weekday", "interval"),
             schedule.MONTHLY_WEEKDAY: ("weekday", "ordinal"),
             schedule.MONTHLY_DATE: ("day",), schedule.CUSTOM: ()}

    def clean(self):
        data = super().clean()
        pattern = data.get("pattern")
        for name in self.NEEDS.get(pattern, ()):
            if data.get(name) is None and name not in self.errors:
                self.add_error(name, forms.Field.default_error_messages["required"])
        if pattern == schedule.CUSTOM:
            if not data.get("rrule", "").strip():
                self.add_error("rrule", _("Write the rule, or choose one of the patterns."))
        elif pattern and not any(name in self.errors for name in self.BUILDER):
            data["rrule"] = schedule.Schedule(
                pattern, weekday=data["weekday"] or 0, interval=data["interval"] or 1,
                ordinal=data["ordinal"] or 1, day=data["day"] or 1,
                months=tuple(data.get("months") or ())).rrule()
        for name in self.BUILDER:
            data.pop(name, None)
        return data


class SeriesForm(ScheduleFields):
    title = forms.CharField(label=_("Title"), max_length=200)
    field_order = ["title", *ScheduleFields.BUILDER, "rrule"]
    starts_on = forms.DateField(label=_("First date"), widget=DateInput())
    ends_on = forms.DateField(label=_("Last date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput())
    end_time = forms.TimeField(label=_("End time"), widget=TimeInput())
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    online_link = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    holiday_policy = forms.ChoiceField(label=_("When a meeting falls on a holiday"),
                                       choices=HolidayPolicy.choices,
                                       initial=HolidayPolicy.LEAVE)
    reminder_days = forms.CharField(label=_("Reminders, days before"), initial="7, 1",
                                    help_text=_("Comma separated, sent at 08:00."))

    def clean_reminder_days(self):
        raw = self.cleaned_data["reminder_days"]
        try:
            return [int(part) for part in raw.replace(";", ",").split(",") if part.strip()]
        except ValueError as error:
            raise forms.ValidationError(_("Enter whole numbers of days, e.g. 7, 1.")) from error


class MoveForm(HolidayWarningMixin, forms.Form):
    holiday_fields = ("date",)

    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput())
    end_time = forms.TimeField(label=_("End time"), widget=TimeInput())
    place = forms.CharField(label=_("Place"), max_length=200, required=False)


class AgendaForm(forms.Form):
    agenda = forms.CharField(label=_("Agenda"), required=False,
                             widget=forms.Textarea(attrs={"rows": 18, "cols": 90}))


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), required=False,
                              widget=forms.Textarea(attrs={"rows": 14, "cols": 90}))


class DecisionForm(HolidayWarningMixin, forms.Form):
    holiday_fields = ("due_date",)

    text = forms.CharField(label=_("Decision"), max_length=300)
    make_measure = forms.BooleanField(label=_("Turn it into a measure"), required=False,
                                      initial=True)
    owner = forms.ModelChoiceField(label=_("Responsible person"), queryset=people_with_roles(),
                                   required=False)
    owner_organisation = forms.ModelChoiceField(
        label=_("Responsible organisation"), queryset=Organisation.objects.order_by("name"),
        required=False, help_text=_("Leave empty to use the responsible person's."))
    due_date = forms.DateField(label=_("Due date"), widget=DateInput(), required=False)


class RsvpForm(forms.Form):
    response = forms.ChoiceField(label=_("Will you attend?"), widget=forms.RadioSelect,
                                 choices=[(Rsvp.YES, _("Yes")), (Rsvp.NO, _("No")),
                                          (Rsvp.MAYBE, _("Maybe"))])


class PreferencesForm(forms.Form):
    delivery = forms.ChoiceField(label=_("Reminders"), choices=Delivery.choices)
    unsubscribed = forms.BooleanField(label=_("No non-essential e-mail"), required=False,
                                      help_text=_("Invitations and cancellations still "
                                                  "come."))
