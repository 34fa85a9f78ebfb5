"""Helpers the view modules share."""

from django.core.exceptions import ValidationError
from django.shortcuts import render

from core.access import require


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item.messages[0] if item.messages else str(item))
    else:
        for message in error.messages:
            form.add_error(None, message)


def _form_saved(request, form, save):
    """Run `save(cleaned_data)` for a valid POSTed form: (True, its result) when
    it saved, else (False, None) with the service's validation errors put on
    the form, next to the fields they concern."""
    if request.method != "POST" or not form.is_valid():
        return False, None
    try:
        return True, save(form.cleaned_data)
    except ValidationError as error:
        _apply_errors(form, error)
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
