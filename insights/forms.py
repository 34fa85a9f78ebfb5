from datetime import date

from django import forms
from django.core.validators import MinValueValidator
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from accounts.roles import people_with_roles
from casework.choices import PeriodKind
from casework.models import Category, Locality
from core import geo, uploads
from core.forms import HolidayWarningMixin

from .models import CitizenPromise, PromiseSignatory, SafetyWalk, Survey, WalkPlace


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DashboardFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Period"), choices=PeriodKind.choices,
                             initial=PeriodKind.MONTH)
    day = forms.DateField(label=_("Date in the period"), required=False, widget=DateInput())
    start = forms.DateField(label=_("From (custom period)"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To (custom period)"), required=False, widget=DateInput())
    localities = forms.ModelMultipleChoiceField(label=_("Localities"), required=False,
                                                queryset=Locality.objects.order_by("name"),
                                                widget=forms.CheckboxSelectMultiple)
    categories = forms.ModelMultipleChoiceField(label=_("Categories"), required=False,
                                                queryset=Category.objects.order_by("sort_order",
                                                                                   "name"),
                                                widget=forms.CheckboxSelectMultiple)

    def clean(self):
        data = super().clean()
        if data.get("kind") == PeriodKind.CUSTOM:
            start, end = data.get("start"), data.get("end")
            if not start or not end:
                raise forms.ValidationError(_("A custom period needs a start and an end date."))
            if end < start:
                raise forms.ValidationError(_("The end date is before the start date."))
            if (end - start).days > 3660:
                raise forms.ValidationError(_("A custom period can be at most ten years."))
        return data


class WalkForm(forms.ModelForm):
    class Meta:
        model = SafetyWalk
        fields = ["locality", "date", "meeting_point", "route", "organisations",
                  "residents_count", "safety_meeting", "safety_meeting_note", "notes"]
        widgets = {"date": DateInput(), "organisations": forms.CheckboxSelectMultiple,
                   "route": forms.Textarea(attrs={"rows": 3}),
                   "notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "safety_meeting": _("The trygghetsmöte the walk is tied to, if any."),
            "safety_meeting_note": _("When the meeting is not in Tryggsam: where and when."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locality"].queryset = Locality.objects.filter(is_active=True)
        from .selectors import meeting_label, safety_meeting_choices

        meeting = self.fields["safety_meeting"]
        meeting.queryset = safety_meeting_choices(date.today())
        meeting.label_from_instance = meeting_label


class WalkPlaceForm(forms.ModelForm):
    # Not the model field: the photo reaches the service as a CheckedUpload
    # (type by content, re-encoded), never as the raw upload.
    photo = forms.FileField(
        label=capfirst(WalkPlace._meta.get_field("photo").verbose_name), required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": uploads.accept_attribute(uploads.PHOTO)}))

    class Meta:
        model = WalkPlace
        fields = ["locality", "location", "latitude", "longitude", "category", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}),
                   "latitude": forms.NumberInput(attrs={"step": "any"}),
                   "longitude": forms.NumberInput(attrs={"step": "any"})}
        help_texts = {"latitude": _("Optional, for the map: e.g. 57.485012.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["latitude"].validators.append(geo.validate_latitude)
        self.fields["longitude"].validators.append(geo.validate_longitude)

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        return uploads.check_upload(photo, accept=uploads.PHOTO) if photo else None

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        return cleaned


class MeasureFromForm(HolidayWarningMixin, forms.Form):
    holiday_fields = ("due_date",)

    title = forms.CharField(label=_("Measure"), max_length=200)
    owner_organisation = forms.ModelChoiceField(label=_("Responsible organisation"),
                                                queryset=Organisation.objects.order_by("name"))
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())


class SurveyUploadForm(forms.Form):
    year = forms.IntegerField(label=_("Survey year"), min_value=2000, max_value=2100,
                              initial=lambda: date.today().year)
    file = forms.FileField(label=_("File (CSV or XLSX)"),
                           help_text=_("Columns: fråga; svarsalternativ; andel or antal; "
                                       "optionally kön, åldersgrupp, ort. At most 50 MB."))
    invited = forms.IntegerField(label=_("Invited"), min_value=1, max_value=10_000_000,
                                 required=False,
                                 help_text=_("How many the survey was sent to (optional)."))
    respondents = forms.IntegerField(label=_("Respondents"), min_value=0,
                                     max_value=10_000_000, required=False,
                                     help_text=_("How many answered (optional)."))

    def clean(self):
        data = super().clean()
        check_respondents(self, data)
        return data


def check_respondents(form, data) -> None:
    """More respondents than invited is a typing error, never a rate over 100 %."""
    invited, respondents = data.get("invited"), data.get("respondents")
    if invited is not None and respondents is not None and respondents > invited:
        form.add_error("respondents", _("There cannot be more respondents than invited."))


class SurveyFactsForm(forms.ModelForm):
    """The coordinator's part of a survey year: the numbers, the wish question
    and the written analysis."""

    class Meta:
        model = Survey
        fields = ["invited", "respondents", "wish_question", "analysis"]
        widgets = {"analysis": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invited"].min_value = 1
        self.fields["invited"].validators.append(MinValueValidator(1))
        self.fields["wish_question"] = forms.ChoiceField(
            label=_("Question with the wishes"), required=False,
            choices=[("", _("Found from the wording (önskar, prioriterar)"))]
            + [(q, q) for q in questions],
            help_text=_("Its most common answers are shown as the top wishes."))

    def clean(self):
        data = super().clean()
        check_respondents(self, data)
        return data


class PromiseForm(forms.ModelForm):
    class Meta:
        model = CitizenPromise
        fields = ["title", "locality", "area_description", "period_start", "period_end", "text"]
        widgets = {"period_start": DateInput(), "period_end": DateInput()}

    def clean(self):
        data = super().clean()
        # On the end date: the model's constraint (promise_period_order) is
        # then not checked again, and its name never reaches the user.
        if data.get("period_start") and data.get("period_end") and \
                data["period_end"] < data["period_start"]:
            self.add_error("period_end", _("The end date is before the start date."))
        return data


class SignatoryForm(forms.ModelForm):
    class Meta:
        model = PromiseSignatory
        fields = ["organisation", "signed_by", "signed_on"]
        widgets = {"signed_on": DateInput()}


class CommitmentForm(HolidayWarningMixin, forms.Form):
    holiday_fields = ("follow_up_on",)

    title = forms.CharField(label=_("Commitment"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    owner_organisation = forms.ModelChoiceField(label=_("Responsible organisation"),
                                                queryset=Organisation.objects.order_by("name"))
    owner = forms.ModelChoiceField(label=_("Responsible person"), required=False,
                                   queryset=people_with_roles())
    follow_up_on = forms.DateField(label=_("Follow-up date"), widget=DateInput())


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
