"""Signed-link pages reached from e-mail without signing in: RSVP and unsubscribe."""

from django.core import signing
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import services
from ..calendar import summary_for
from ..forms import (
    RsvpForm,
)
from ..models import Attendee, Membership, Rsvp


def _link_expired(request, message: str):
    """410 Gone: the link was genuine but is too old to use."""
    return render(request, "meetings/link_error.html", {
        "heading": _("The link has expired"), "message": message}, status=410)


def rsvp_link(request, token: str):
    """The RSVP link of an e-mail. Works without logging in (external members)
    but only for the attendee it was made for: a tampered token answers 400,
    a logged-in user other than the attendee 403. GET only shows the question
    (mail scanners follow links); POST records the answer."""
    try:
        attendee = services.read_rsvp_token(token)
    except services.LinkExpired:
        return _link_expired(request, _("The meeting has already taken place, so the link "
                                        "no longer works."))
    except (signing.BadSignature, Attendee.DoesNotExist):
        return render(request, "meetings/link_error.html", {
            "message": _("The link is not valid. Answer on the meeting page instead.")},
            status=400)
    if request.user.is_authenticated and attendee.user_id and \
            attendee.user_id != request.user.pk:
        return render(request, "meetings/link_error.html", {
            "message": _("This link was sent to someone else.")}, status=403)
    if request.user.is_authenticated and not attendee.user_id and \
            request.user.email.lower() != attendee.email:
        return render(request, "meetings/link_error.html", {
            "message": _("This link was sent to someone else.")}, status=403)
    meeting = attendee.meeting
    initial = request.GET.get("svar")
    form = RsvpForm(request.POST or None,
                    initial={"response": initial if initial in Rsvp.values else None})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.meeting_rsvp(attendee=attendee, response=form.cleaned_data["response"])
            return render(request, "meetings/rsvp_done.html",
                          {"attendee": attendee, "meeting": meeting,
                           "response": Rsvp(form.cleaned_data["response"]).label})
        status = 400
    return render(request, "meetings/rsvp_link.html",
                  {"attendee": attendee, "meeting": meeting, "form": form,
                   "title": summary_for(meeting)}, status=status)


def unsubscribe(request, token: str):
    try:
        membership = services.read_unsubscribe_token(token)
    except services.LinkExpired:
        return _link_expired(request, _("Sign in and choose what you receive under My "
                                        "meetings instead."))
    except (signing.BadSignature, Membership.DoesNotExist):
        return render(request, "meetings/link_error.html", {
            "message": _("The link is not valid.")}, status=400)
    if request.method == "POST":
        services.membership_set_preferences(membership=membership,
                                            delivery=membership.delivery, unsubscribed=True)
        return render(request, "meetings/link_error.html", {
            "heading": _("Unsubscribed"),
            "message": _("You get no more reminders, agendas or minutes from this group. "
                         "Invitations and cancellations still come.")})
    return render(request, "meetings/unsubscribe.html", {"membership": membership})
