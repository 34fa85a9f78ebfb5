from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from accounts.roles import Role

from .choices import FeedbackStatus, Outcome, PoliceChannel, ReferralKind, Source
from .models import Concern, SupportContact
from .personnummer import normalise
from .selectors import EARLIEST_STATISTICS_YEAR, quarter_end, quarter_start

DATE = forms.DateInput(attrs={"type": "date"})


class ConcernForm(forms.ModelForm):
    """Intake by the coordinator (and, with fewer fields, the staff form)."""

    source = forms.ChoiceField(label=_("Source"), choices=[
        (v, lbl) for v, lbl in Source.choices if v not in (Source.STAFF_FORM, Source.EST)])

    class Meta:
        model = Concern
        fields = ["source", "raised_by_role", "raised_by_organisation", "raised_by_contact",
                  "subject_name", "subject_personnummer", "age_group", "child_concerned",
                  "environment", "indicators", "crime_suspected", "urgency"]
        widgets = {"indicators": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "subject_name": _("Optional. Record only what is needed."),
            "subject_personnummer": _("Optional. YYYYMMDD-XXXX."),
        }

    def clean_subject_personnummer(self):
        return normalise(self.cleaned_data.get("subject_personnummer", ""))

    def clean(self):
        data = super().clean()
        if data.get("age_group") in ("under_13", "13_17"):
            data["child_concerned"] = True
        return data


class ConcernEditForm(ConcernForm):
    """Complete or correct the intake afterwards (services.EDITABLE_FIELDS);
    the source stays what it was."""

    class Meta(ConcernForm.Meta):
        fields = ["raised_by_role", "raised_by_organisation", "raised_by_contact",
                  "subject_name", "subject_personnummer", "age_group", "child_concerned",
                  "environment", "indicators", "place", "occurred_on", "crime_suspected",
                  "urgency"]
        widgets = {"indicators": forms.Textarea(attrs={"rows": 6}), "occurred_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["source"]

    def clean_occurred_on(self):
        value = self.cleaned_data.get("occurred_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


class StaffConcernForm(ConcernForm):
    """Municipal staff raise a concern. Create only: nothing is shown back."""

    class Meta(ConcernForm.Meta):
        fields = ["raised_by_role", "raised_by_organisation", "raised_by_contact",
                  "subject_name", "subject_personnummer", "age_group", "child_concerned",
                  "environment", "indicators", "crime_suspected"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["source"]


class TriageForm(forms.ModelForm):
    class Meta:
        model = Concern
        fields = ["risk_assessment", "urgency", "environment", "age_group", "child_concerned",
                  "crime_suspected"]
        widgets = {"risk_assessment": forms.Textarea(attrs={"rows": 5})}


class ReferralForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ReferralKind.choices)
    receiver_unit = forms.ModelChoiceField(
        label=_("Receiving unit"), required=False,
        queryset=Organisation.objects.filter(kind=Organisation.Kind.SOCIAL_SERVICES,
                                             parent__isnull=False))
    receiver_user = forms.ModelChoiceField(
        label=_("Receiving person"), required=False,
        queryset=User.objects.filter(is_active=True, groups__name=Role.SOCIAL_SERVICES)
        .distinct().order_by("first_name", "last_name"),
        help_text=_("A named person, or leave empty to address the whole unit."))
    message = forms.CharField(label=_("What the referral needs"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("Only what the receiver needs to act."))
    child_report_made = forms.BooleanField(
        label=_("A concern report (orosanmälan) has been made to social services"),
        required=False)
    child_report_made_on = forms.DateField(label=_("Concern report made on"), required=False,
                                           widget=DATE)

    def __init__(self, *args, concern=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.concern = concern
        if concern is None or not concern.child_concerned:
            del self.fields["child_report_made"]
            del self.fields["child_report_made_on"]
        else:
            # Children go to Barn och unga by default.
            youth = self.fields["receiver_unit"].queryset.filter(name__icontains="barn").first()
            if youth is not None:
                self.initial.setdefault("receiver_unit", youth.pk)

    def clean(self):
        data = super().clean()
        unit, person = data.get("receiver_unit"), data.get("receiver_user")
        if not unit and not person:
            raise forms.ValidationError(_("Choose a receiving unit or person."))
        if unit and person and person.organisation_id != unit.pk:
            self.add_error("receiver_user", _("The person does not belong to the chosen unit."))
        if self.concern is not None and self.concern.child_concerned \
                and not data.get("child_report_made"):
            self.add_error("child_report_made", _(
                "A child is concerned: you have a duty to make a concern report "
                "(orosanmälan) to social services. Make it and record it here."))
        made_on = data.get("child_report_made_on")
        if made_on and made_on > timezone.localdate():
            self.add_error("child_report_made_on", _("The date cannot be in the future."))
        return data


class PoliceForm(forms.Form):
    handed_on = forms.DateField(label=_("Handed over on"), widget=DATE)
    channel = forms.ChoiceField(label=_("Channel"), choices=PoliceChannel.choices)
    police_reference = forms.CharField(label=_("Police reference"), required=False,
                                       max_length=60)

    def clean_handed_on(self):
        value = self.cleaned_data["handed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


class NoActionForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "—")] + Outcome.choices)


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect, choices=[
        ("accept", _("Accept the referral")), ("decline", _("Decline the referral"))])
    reason = forms.CharField(label=_("Reason for declining"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not data.get("reason", "").strip():
            self.add_error("reason", _("Give a reason for declining."))
        return data


class FeedbackForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FeedbackStatus.choices,
                               widget=forms.RadioSelect)


class StatisticsForm(forms.Form):
    """A period of whole quarters (the statistics' granularity, see
    selectors.SMALL), from 2000 to the end of next year."""

    start = forms.DateField(label=_("From"), widget=DATE,
                            help_text=_("The first day of a quarter, e.g. 2026-01-01."))
    end = forms.DateField(label=_("To"), widget=DATE,
                          help_text=_("The last day of a quarter, e.g. 2026-03-31."))

    def clean_start(self):
        start = self.cleaned_data["start"]
        _check_year(start)
        if start != quarter_start(start):
            raise forms.ValidationError(_(
                "Statistics are counted per whole quarter: start on 1 January, 1 April, "
                "1 July or 1 October."))
        return start

    def clean_end(self):
        end = self.cleaned_data["end"]
        _check_year(end)
        if end != quarter_end(end):
            raise forms.ValidationError(_(
                "Statistics are counted per whole quarter: end on 31 March, 30 June, "
                "30 September or 31 December."))
        return end

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The start date must not be after the end date."))
        return data


def _check_year(day) -> None:
    latest = timezone.localdate().year + 1
    if not EARLIEST_STATISTICS_YEAR <= day.year <= latest:
        raise forms.ValidationError(
            _("Choose a date between %(first)s and %(last)s.")
            % {"first": f"{EARLIEST_STATISTICS_YEAR}-01-01", "last": f"{latest}-12-31"})


class SupportContactForm(forms.ModelForm):
    """A support number (concerns/support.py checks the number itself)."""

    class Meta:
        model = SupportContact
        fields = ["name", "phone", "hours", "description", "order", "shown"]
        help_texts = {
            "phone": _("As it should be shown, e.g. 020-100 200; the link to call is made "
                       "from the digits."),
            "hours": _("Optional, e.g. 9–15 on working days."),
            "order": _("Lower numbers are shown first."),
            "shown": _("Untick to hide the number without deleting it."),
        }
