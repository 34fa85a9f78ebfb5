"""Form behaviour shared by the apps."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.errors import Invalid, ServiceError
from core.workdays import holiday_name

CONFIRM_HOLIDAY = "confirm_holiday"


class HolidayWarningMixin:
    """Warn before saving a date that falls on a Swedish holiday or eve.

    The date fields named in `holiday_fields` get an error naming the holiday,
    and a "Spara ändå" checkbox appears; ticking it saves the date as it is.
    The checkbox never reaches `cleaned_data`, so views can keep passing
    `cleaned_data` on to a service as keyword arguments."""

    holiday_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Hidden until a date needs confirming: most forms never show it.
        self.fields[CONFIRM_HOLIDAY] = forms.BooleanField(
            label=_("Save anyway"), required=False, widget=forms.HiddenInput,
            help_text=_("The date falls on a holiday. Tick to save it anyway."))

    def clean(self):
        data = super().clean()
        confirmed = data.pop(CONFIRM_HOLIDAY, False)
        warned = False
        for name in self.holiday_fields:
            day = data.get(name)
            holiday = holiday_name(day) if day else None
            if holiday and not confirmed:
                self.add_error(name, _("%(date)s is a holiday (%(holiday)s). Choose another "
                                       "day, or tick “Save anyway”.") % {
                    "date": day.isoformat(), "holiday": holiday})
                warned = True
        if warned:
            self.fields[CONFIRM_HOLIDAY].widget = forms.CheckboxInput()
        return data


def service_error_messages(error: ServiceError) -> list[str]:
    """The texts of a service error, for a page that lists them at the top."""
    return error.messages if isinstance(error, Invalid) else [str(error)]


def add_service_error(form, error: ServiceError) -> None:
    """A service's error onto the form, next to the field it concerns (a field
    the form lacks, or none, goes to the form's top). The one way every view
    that keeps a form open shows a refused save."""
    fields = error.field_messages if isinstance(error, Invalid) else {None: [str(error)]}
    for field, texts in fields.items():
        target = field if field in form.fields else None
        for text in texts:
            form.add_error(target, text)
