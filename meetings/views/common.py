"""Helpers the view modules share."""

from django.shortcuts import render

from core.access import require
from core.errors import Invalid
from core.forms import add_service_error


def _form_saved(request, form, save):
    """Run `save(cleaned_data)` for a valid POSTed form: (True, its result) when
    it saved, else (False, None) with the service's validation errors put on
    the form, next to the fields they concern."""
    if request.method != "POST" or not form.is_valid():
        return False, None
    try:
        return True, save(form.cleaned_data)
    except Invalid as error:
        add_service_error(form, error)
        return False, None


def _status(request) -> int:
    """A form page shown again after a POST is a rejected submission: 400."""
    return 400 if request.method == "POST" else 200


def _require_manage(user, group) -> None:
    require(user, "meetings.manage_group", group)


def _form_page(request, form, *, title, submit, back, lead="", status=200, danger=False):
    return render(request, "meetings/form_page.html", {
        "form": form, "title": title, "submit": submit, "back": back, "lead": lead,
        "danger": danger,
    }, status=status)
