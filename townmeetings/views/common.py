"""What the trygghetsmöte views share: permission decorators, loading a
meeting, and putting a service's refusal (core.errors.Invalid) on the form."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from core.access import allowed
from core.errors import Invalid
from core.forms import add_service_error

from .. import selectors

VIEW = "townmeetings.view_townmeeting"
MANAGE = "townmeetings.manage_townmeeting"


def _requires(perm):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not allowed(request.user, perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)
        return wrapped
    return decorator


view_required = _requires(VIEW)
manage_required = _requires(MANAGE)


def get_meeting(pk: int):
    meeting = selectors.meeting_detail(pk)
    if meeting is None:
        raise Http404
    return meeting


def form_saved(request, form, save):
    """(True, result) when a POSTed form is valid and the service saved it;
    otherwise (False, None) with the service's errors put on the form."""
    if request.method != "POST" or not form.is_valid():
        return False, None
    try:
        return True, save(form.cleaned_data)
    except Invalid as error:
        add_service_error(form, error)
        return False, None


def form_page(request, form, *, title, back, submit=None, lead=""):
    """The form again: 400 after a rejected POST (the input is kept)."""
    return render(request, "townmeetings/form.html", {
        "form": form, "title": title, "back": back, "submit": submit, "lead": lead},
        status=400 if request.method == "POST" else 200)
