from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import AccessLogEntry


class LogFilterForm(forms.Form):
    user = forms.CharField(label=_("User name"), required=False, max_length=150)
    reference = forms.CharField(label=_("Reference"), required=False, max_length=40)
    action = forms.ChoiceField(label=pgettext_lazy("access log", "Action"), required=False,
                               choices=[("", _("All"))] + list(AccessLogEntry.Action.choices))
    start = forms.DateField(label=_("From"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}))
    view = forms.ChoiceField(label=_("Saved view"), required=False, choices=[
        ("", _("All rows")), ("no-referral", _("Reads by users without a referral")),
    ])

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The start date must not be after the end date."))
        return data
