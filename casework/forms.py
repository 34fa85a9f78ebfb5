import uuid
from datetime import date, datetime

from django import forms
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from accounts.roles import people_with_roles
from core import geo, uploads
from core.access import allowed
from core.forms import HolidayWarningMixin

from .choices import CaseStatus, MeasureStatus, MeasureTerm, PartOfDay, PeriodKind, Urgency
from .measures.targets import TARGET_FIELDS
from .models import Case, Category, Locality, SituationPicture

MAX_DESCRIPTION = 5000
MAX_FILES = 5
EARLIEST = date(2000, 1, 1)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={
            "accept": uploads.accept_attribute(uploads.PHOTO_OR_PDF)}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


def validate_occurred(occurred_on, occurred_time, errors_to):
    today = timezone.localdate()
    if occurred_on is None:
        return
    if occurred_on > today:
        errors_to("occurred_on", _("The date cannot be in the future."))
    elif occurred_on < EARLIEST:
        errors_to("occurred_on", _("The date cannot be before 2000."))
    elif occurred_time and occurred_on == today:
        if datetime.combine(occurred_on, occurred_time) > timezone.localtime().replace(
                tzinfo=None):
            errors_to("occurred_time", _("The time cannot be in the future."))


class ReportForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("What happened?"), queryset=Category.objects.filter(is_active=True),
        empty_label=_("Choose a category"),
        error_messages={"invalid_choice": _("Choose a category from the list.")})
    locality = forms.ModelChoiceField(
        label=_("Locality"), queryset=Locality.objects.filter(is_active=True),
        empty_label=_("Choose a locality"),
        error_messages={"invalid_choice": _("Choose a locality from the list.")})
    place = forms.CharField(label=_("Place"), max_length=200, required=False,
                            help_text=_("For example a street, a park or a school yard."))
    occurred_on = forms.DateField(label=_("Date"), widget=forms.DateInput(
        attrs={"type": "date"}, format="%Y-%m-%d"))
    occurred_time = forms.TimeField(label=_("Time"), required=False, widget=forms.TimeInput(
        attrs={"type": "time"}, format="%H:%M"), help_text=_("Leave empty if you do not know."))
    part_of_day = forms.ChoiceField(label=_("Part of day (if the time is unknown)"),
                                    choices=PartOfDay.choices, initial=PartOfDay.UNKNOWN)
    description = forms.CharField(
        label=_("Description"), max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 6, "aria-describedby": "id_description_help"}),
        help_text=_("Describe what happened and what you saw. Do not name private persons: "
                    "describe them instead (e.g. 'a group of about five youths')."))
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices,
                                initial=Urgency.NORMAL)
    latitude = forms.DecimalField(label=_("Latitude"), required=False, max_digits=9,
                                  decimal_places=6, validators=[geo.validate_latitude],
                                  widget=forms.NumberInput(attrs={"step": "any"}))
    longitude = forms.DecimalField(label=_("Longitude"), required=False, max_digits=9,
                                   decimal_places=6, validators=[geo.validate_longitude],
                                   widget=forms.NumberInput(attrs={"step": "any"}))
    attachments = MultipleFileField(
        label=_("Photos or PDF"), required=False,
        help_text=_("Optional. At most 5 files of 10 MB each."))
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4().hex)
        self.fields["description"].error_messages["max_length"] = _(
            "The description is too long (at most %(limit_value)d characters).")

    def clean_description(self):
        text = self.cleaned_data["description"].strip()
        if not text:
            raise forms.ValidationError(_("Describe what happened."))
        return text

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("At most 5 files."))
        return [uploads.check_upload(f, accept=uploads.PHOTO_OR_PDF) for f in files]

    def clean(self):
        data = super().clean()
        validate_occurred(data.get("occurred_on"), data.get("occurred_time"), self.add_error)
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        return data


FILTER_ATTRS = {"data-filter": _("Filter the list"),
                "data-filter-count": _("%s matching cases")}


class CaseChoiceField(forms.ModelChoiceField):
    """A case as the picker shows it: reference, title, locality, category."""

    def label_from_instance(self, case):
        where = ", ".join(str(part) for part in (case.locality, case.category) if part)
        return f"{case.reference} {case.title}" + (f" ({where})" if where else "")


class CaseMultipleChoiceField(CaseChoiceField, forms.ModelMultipleChoiceField):
    pass


def open_cases():
    return (Case.objects.exclude(status=CaseStatus.CLOSED)
            .select_related("locality", "category").order_by("-created_at"))


def cases_like(report):
    """Open cases in the report's locality or category, those in both first:
    where a report about the same incident most likely belongs."""
    same_place = Q(locality=report.locality_id)
    same_kind = Q(category=report.category_id)
    likeness = models.Case(models.When(same_place & same_kind, then=models.Value(0)),
                           default=models.Value(1), output_field=models.IntegerField())
    return (open_cases().filter(same_place | same_kind)
            .annotate(likeness=likeness).order_by("likeness", "-created_at"))


class TriageForm(forms.Form):
    OPEN_CASE = "open_case"
    ADD_TO_CASE = "add_to_case"
    SET_ASIDE = "set_aside"
    MOVE = "move_to_concern_track"
    ACTIONS = [
        (OPEN_CASE, _("Open a new case")),
        (ADD_TO_CASE, _("Add to an existing case (same incident)")),
        (SET_ASIDE, _("Set aside with a reason")),
        (MOVE, _("Move to the violent-extremism concern track")),
    ]
    action = forms.ChoiceField(label=_("Decision"), choices=ACTIONS, widget=forms.RadioSelect)
    title = forms.CharField(label=_("Case title"), max_length=200, required=False)
    case = CaseChoiceField(label=_("Existing case"), required=False, queryset=open_cases(),
                           empty_label=_("Choose a case"),
                           widget=forms.Select(attrs=FILTER_ATTRS))
    reason = forms.CharField(label=_("Reason for setting aside"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, report=None, all_cases=False, **kwargs):
        super().__init__(*args, **kwargs)
        # Offered: the open cases in the report's locality or category. A
        # posted choice is checked against every open case, so a case found
        # through "all open cases" is accepted too.
        if report is not None and not all_cases and not self.is_bound:
            self.fields["case"].queryset = cases_like(report)
            self.fields["case"].help_text = _(
                "Open cases in the report's locality or category. Show all open cases to "
                "choose another.")

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action == self.ADD_TO_CASE and not data.get("case"):
            self.add_error("case", _("Choose the case to add the report to."))
        if action == self.SET_ASIDE and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give a reason for setting the report aside."))
        return data


class CaseStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=[
        c for c in CaseStatus.choices if c[0] != CaseStatus.CLOSED])
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, allowed=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Offer only the moves the transition table allows; a posted form keeps
        # every status so the service can say why a move is refused.
        if allowed is not None:
            self.fields["status"].choices = [
                c for c in self.fields["status"].choices if c[0] in allowed]


class CaseCloseForm(forms.Form):
    outcome = forms.CharField(label=_("What came of it"), max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("Shown to the reporters. No names of private persons."))
    version = forms.IntegerField(widget=forms.HiddenInput)


class CaseNoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class PictureCreateForm(forms.Form):
    period_kind = forms.ChoiceField(label=_("Period"), choices=PeriodKind.choices,
                                    initial=PeriodKind.WEEK)
    period_start = forms.DateField(label=_("A day in the period (first day if custom)"),
                                   widget=forms.DateInput(attrs={"type": "date"},
                                                          format="%Y-%m-%d"))
    period_end = forms.DateField(label=_("Last day (custom period only)"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"},
                                                        format="%Y-%m-%d"))
    title = forms.CharField(label=_("Title"), max_length=200, required=False)

    def clean(self):
        data = super().clean()
        start = data.get("period_start")
        if start and start < EARLIEST:
            self.add_error("period_start", _("The date cannot be before 2000."))
        if data.get("period_kind") == PeriodKind.CUSTOM:
            end = data.get("period_end")
            if not end:
                self.add_error("period_end", _("A custom period needs a last day."))
            elif start and end < start:
                self.add_error("period_end", _("The period must end on or after its first day."))
        return data


class PictureNotesForm(forms.Form):
    highlights = forms.CharField(label=_("Highlights"), required=False, max_length=10000,
                                 widget=forms.Textarea(attrs={"rows": 4}))
    notes = forms.CharField(label=_("Notes"), required=False, max_length=10000,
                            widget=forms.Textarea(attrs={"rows": 4}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class PictureAnalysisForm(forms.Form):
    analysis = forms.CharField(label=_("Joint analysis"), max_length=20000,
                               widget=forms.Textarea(attrs={"rows": 6}))
    version = forms.IntegerField(widget=forms.HiddenInput)
    ROWS = 3

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.all()
        for i in range(1, self.ROWS + 1):
            self.fields[f"measure_{i}_title"] = forms.CharField(
                label=_("Proposed measure %(n)s") % {"n": i}, max_length=200, required=False)
            self.fields[f"measure_{i}_term"] = forms.ChoiceField(
                label=_("Term of measure %(n)s") % {"n": i}, choices=MeasureTerm.choices,
                initial=MeasureTerm.SHORT, required=False)
            self.fields[f"measure_{i}_organisation"] = forms.ModelChoiceField(
                label=_("Responsible organisation for measure %(n)s") % {"n": i},
                queryset=organisations, required=False)

    def clean(self):
        data = super().clean()
        measures = []
        for i in range(1, self.ROWS + 1):
            title = (data.get(f"measure_{i}_title") or "").strip()
            if not title:
                continue
            organisation = data.get(f"measure_{i}_organisation")
            if organisation is None:
                self.add_error(f"measure_{i}_organisation",
                               _("Choose who is responsible for the measure."))
                continue
            measures.append({"title": title, "term": data.get(f"measure_{i}_term") or "short",
                             "owner_organisation": organisation})
        data["proposed_measures"] = measures
        return data


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class MeasureForm(HolidayWarningMixin, forms.Form):
    holiday_fields = ("due_date",)

    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, max_length=10000,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    term = forms.ChoiceField(label=_("Term"), choices=MeasureTerm.choices,
                             initial=MeasureTerm.SHORT)
    owner_organisation = forms.ModelChoiceField(label=_("Responsible organisation"),
                                                queryset=Organisation.objects.all())
    owner = forms.ModelChoiceField(label=_("Responsible person"), required=False,
                                   queryset=people_with_roles())
    due_date = forms.DateField(label=_("Due date"), required=False, widget=forms.DateInput(
        attrs={"type": "date"}, format="%Y-%m-%d"))
    status = forms.ChoiceField(label=_("Status"), choices=MeasureStatus.choices,
                               initial=MeasureStatus.PROPOSED)
    cases = CaseMultipleChoiceField(
        label=_("Cases"), required=False,
        queryset=Case.objects.select_related("locality", "category"),
        widget=forms.SelectMultiple(attrs={**FILTER_ATTRS, "size": 8}))
    situation_picture = forms.ModelChoiceField(label=_("Situation picture"), required=False,
                                               queryset=SituationPicture.objects.all())
    # What the effect follow-up compares (casework.measures.targets).
    locality = forms.ModelChoiceField(
        label=_("Locality"), required=False, queryset=Locality.objects.filter(is_active=True),
        help_text=_("Where the measure acts; its effect is followed up in the reports there."))
    categories = forms.ModelMultipleChoiceField(
        label=_("Report categories targeted"), required=False,
        queryset=Category.objects.filter(is_active=True), widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: all categories."))
    latitude = forms.DecimalField(label=_("Latitude"), required=False, max_digits=9,
                                  decimal_places=6, validators=[geo.validate_latitude],
                                  help_text=_("A place within the locality, e.g. 57.485012."))
    longitude = forms.DecimalField(label=_("Longitude"), required=False, max_digits=9,
                                   decimal_places=6, validators=[geo.validate_longitude])
    place_from_reports = forms.BooleanField(
        label=_("Use the place of the cases' reports"), required=False,
        help_text=_("Without coordinates above: the mean position of the reports of the "
                    "linked cases."))
    radius_m = forms.IntegerField(label=_("Radius around the place (m)"), required=False,
                                  min_value=10, max_value=5000,
                                  help_text=_("Reports this close to the place count as "
                                              "the place's. Empty: 250 m."))
    buffer_m = forms.IntegerField(label=_("Surrounding zone for displacement (m)"),
                                  required=False, min_value=10, max_value=5000,
                                  help_text=_("A ring outside the radius where reports that "
                                              "moved next door would show. Empty: none."))
    effective_on = forms.DateField(
        label=_("Took effect"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The day the measure began to act. Empty: the day it was created."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The choices list every case and lägesbild: only for those who plan
        # measures (EST staff, the planning chief). A partner who owns the
        # measure edits it without them, and its links stay as they are.
        if user is not None and not allowed(user, "casework.add_measure"):
            del self.fields["cases"]
            del self.fields["situation_picture"]
        elif not self.is_bound:
            # Offered: the open cases and those already linked (a closed one
            # stays chosen); a posted choice is checked against every case.
            linked = [getattr(c, "pk", c) for c in self.initial.get("cases") or ()]
            self.fields["cases"].queryset = Case.objects.select_related(
                "locality", "category").filter(~Q(status=CaseStatus.CLOSED) | Q(pk__in=linked)
                                               ).order_by("-created_at")

    def clean_due_date(self):
        due = self.cleaned_data.get("due_date")
        if due and due < EARLIEST:
            raise forms.ValidationError(_("The date cannot be before 2000."))
        return due

    def clean_effective_on(self):
        day = self.cleaned_data.get("effective_on")
        if day and day < EARLIEST:
            raise forms.ValidationError(_("The date cannot be before 2000."))
        return day

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            self.add_error("latitude", _("Give both latitude and longitude, or neither."))
        return cleaned

    def split_target(self) -> tuple[dict, dict]:
        """(the measure's own fields, its target for measure_target_set)."""
        data = dict(self.cleaned_data)
        target = {name: data.pop(name) for name in TARGET_FIELDS if name in data}
        return data, target


class FollowUpForm(forms.Form):
    note = forms.CharField(label=_("Follow-up"), max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 3}))
    status_after = forms.ChoiceField(label=_("Status after the follow-up"), required=False,
                                     choices=[("", _("Unchanged"))] + list(MeasureStatus.choices))


class ReassignForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Give the task to"), queryset=User.objects.none())

    def __init__(self, *args, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        if users is not None:
            self.fields["user"].queryset = users
