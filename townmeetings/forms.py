from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from casework.models import Category, Locality
from core.forms import HolidayWarningMixin
from insights.forms import DateInput

from .models import Session, TownMeeting, TownMeetingInput, TownMeetingProgrammeItem


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


def _walk_label(walk) -> str:
    return f"{walk.date.isoformat()} {walk.locality.name}"


class TownMeetingForm(HolidayWarningMixin, forms.ModelForm):
    holiday_fields = ("date",)

    class Meta:
        model = TownMeeting
        fields = ["locality", "date", "venue", "invited_experts", "safety_walk",
                  "contact_name", "contact_email"]
        widgets = {"date": DateInput(), "invited_experts": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "safety_walk": _("The safety walk held together with the meeting, if any."),
            "contact_name": _("Leave empty to use the locality's contact person."),
            "contact_email": _("Leave empty to use the locality's contact e-mail."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from insights.models import SafetyWalk

        self.fields["locality"].queryset = Locality.objects.filter(is_active=True)
        self.fields["locality"].empty_label = _("Choose a locality")
        walk = self.fields["safety_walk"]
        walk.queryset = SafetyWalk.objects.select_related("locality").order_by("-date", "id")
        walk.empty_label = _("No safety walk")
        walk.label_from_instance = _walk_label


class TownMeetingEditForm(TownMeetingForm):
    class Meta(TownMeetingForm.Meta):
        fields = [*TownMeetingForm.Meta.fields, "residents_count", "announcement_web",
                  "announcement_social", "announcement_newspaper"]
        widgets = {**TownMeetingForm.Meta.widgets,
                   "announcement_web": forms.Textarea(attrs={"rows": 12}),
                   "announcement_social": forms.Textarea(attrs={"rows": 4}),
                   "announcement_newspaper": forms.Textarea(attrs={"rows": 6})}
        help_texts = {**TownMeetingForm.Meta.help_texts,
                      "announcement_web": _("Empty a text to have it written again "
                                            "from the meeting's data.")}


class ProgrammeItemForm(forms.ModelForm):
    class Meta:
        model = TownMeetingProgrammeItem
        fields = ["session", "starts_at", "ends_at", "title", "speaker"]
        widgets = {"starts_at": TimeInput(), "ends_at": TimeInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Required, so no empty "---------" choice: the evening is the usual addition.
        self.fields["session"].choices = Session.choices
        self.fields["session"].initial = Session.EVENING


class InputForm(forms.ModelForm):
    class Meta:
        model = TownMeetingInput
        fields = ["topic", "place", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class InputMeasureForm(HolidayWarningMixin, forms.Form):
    holiday_fields = ("due_date",)

    title = forms.CharField(label=_("Measure"), max_length=200)
    owner_organisation = forms.ModelChoiceField(
        label=_("Responsible organisation"), queryset=Organisation.objects.order_by("name"),
        empty_label=_("Choose an organisation"))
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())


class InputReportForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.filter(is_active=True),
        empty_label=_("Choose a category"),
        error_messages={"invalid_choice": _("Choose a category from the list.")})
