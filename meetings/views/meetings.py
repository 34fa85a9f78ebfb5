"""Meeting pages: detail, agenda, move, cancel, minutes, decisions, RSVP, calendar."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import allowed
from core.errors import Invalid
from core.forms import add_service_error

from .. import selectors, services
from ..calendar import meeting_ics
from ..forms import (
    AgendaForm,
    DecisionForm,
    MinutesForm,
    MoveForm,
    RsvpForm,
)
from .common import _form_page, _form_saved, _require_manage, _status


@login_required
def meeting_detail(request, pk: int):
    meeting = selectors.meeting_for_user(request.user, pk)
    attendees = list(meeting.attendees.all())
    mine = next((a for a in attendees if a.user_id == request.user.pk), None)
    return render(request, "meetings/meeting_detail.html", {
        "meeting": meeting, "group": meeting.group, "attendees": attendees, "mine": mine,
        "rsvp_form": RsvpForm(initial={"response": mine.response if mine else None}),
        "decisions": [(decision, decision.measure is not None and allowed(
            request.user, "casework.view_measure", decision.measure))
            for decision in meeting.decisions.select_related(
                "measure__owner", "measure__owner_organisation")],
        "decision_form": DecisionForm(),
        "can_manage": allowed(request.user, "meetings.manage_group", meeting.group),
        "is_past": meeting.starts_at <= timezone.now(),
    })


@login_required
def meeting_agenda(request, pk: int):
    meeting = selectors.meeting_for_user(request.user, pk)
    _require_manage(request.user, meeting.group)
    status = 200
    if request.method == "POST" and request.POST.get("action") == "redraft":
        meeting = services.meeting_agenda_draft(meeting=meeting, force=True)
        messages.success(request, _("The agenda was drafted again."))
        return redirect("meetings:meeting-agenda", pk=meeting.pk)
    if request.method == "POST":
        form = AgendaForm(request.POST)
        if form.is_valid():
            send = request.POST.get("action") == "send"
            try:
                meeting = services.meeting_agenda_save(
                    meeting=meeting, agenda=form.cleaned_data["agenda"], send=send)
            except Invalid as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The agenda was sent to the members.") if send
                                 else _("The agenda was saved."))
                return redirect("meetings:meeting-detail", pk=meeting.pk)
        status = 400
    else:
        if not meeting.agenda and not meeting.is_cancelled:
            meeting = services.meeting_agenda_draft(meeting=meeting)
        form = AgendaForm(initial={"agenda": meeting.agenda})
    return render(request, "meetings/agenda_form.html",
                  {"meeting": meeting, "group": meeting.group, "form": form}, status=status)


@login_required
def meeting_move(request, pk: int):
    meeting = selectors.meeting_for_user(request.user, pk)
    _require_manage(request.user, meeting.group)
    form = MoveForm(request.POST or None, initial={
        "date": meeting.date, "start_time": meeting.start_time,
        "end_time": meeting.end_time, "place": meeting.place})
    saved, _result = _form_saved(
        request, form, lambda data: services.meeting_move(meeting=meeting, **data))
    if saved:
        messages.success(request, _("The meeting was moved and the members get an "
                                    "updated invitation."))
        return redirect("meetings:meeting-detail", pk=meeting.pk)
    return _form_page(request, form, title=_("Move the meeting of %(date)s")
                      % {"date": meeting.date.isoformat()}, submit=_("Move"),
                      back=reverse("meetings:meeting-detail", args=[pk]), status=_status(request))


@login_required
def meeting_cancel(request, pk: int):
    meeting = selectors.meeting_for_user(request.user, pk)
    _require_manage(request.user, meeting.group)
    if request.method == "POST":
        services.meeting_cancel(meeting=meeting)
        messages.success(request, _("The meeting was cancelled and the members told."))
        return redirect("meetings:meeting-detail", pk=meeting.pk)
    return _form_page(request, forms.Form(), title=_("Cancel the meeting of %(date)s")
                      % {"date": meeting.date.isoformat()}, submit=_("Cancel the meeting"),
                      lead=_("Every member gets a cancellation for their calendar."),
                      back=reverse("meetings:meeting-detail", args=[pk]), danger=True)


@login_required
def meeting_minutes(request, pk: int):
    meeting = selectors.meeting_for_user(request.user, pk)
    _require_manage(request.user, meeting.group)
    form = MinutesForm(request.POST or None, initial={"minutes": meeting.minutes})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            approve = request.POST.get("action") == "approve"
            try:
                services.meeting_minutes_save(meeting=meeting,
                                              minutes=form.cleaned_data["minutes"],
                                              approve=approve)
            except Invalid as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The minutes were approved and sent.") if approve
                                 else _("The minutes were saved."))
                return redirect("meetings:meeting-detail", pk=meeting.pk)
        status = 400
    return render(request, "meetings/minutes_form.html",
                  {"meeting": meeting, "group": meeting.group, "form": form}, status=status)


@login_required
def decision_add(request, pk: int):
    meeting = selectors.meeting_for_user(request.user, pk)
    _require_manage(request.user, meeting.group)
    form = DecisionForm(request.POST or None)
    saved, _result = _form_saved(request, form, lambda data: services.decision_add(
        meeting=meeting, actor=request.user, **data))
    if saved:
        messages.success(request, _("The decision was recorded."))
        return redirect("meetings:meeting-detail", pk=meeting.pk)
    return _form_page(request, form, title=_("New decision"), submit=_("Record the decision"),
                      back=reverse("meetings:meeting-detail", args=[pk]), status=_status(request))


@login_required
@require_POST
def meeting_rsvp(request, pk: int):
    meeting = selectors.meeting_for_user(request.user, pk)
    attendee = selectors.attendee_for(meeting, request.user)
    if attendee is None:
        raise PermissionDenied
    form = RsvpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Answer yes, no or maybe."))
        return redirect("meetings:meeting-detail", pk=meeting.pk)
    services.meeting_rsvp(attendee=attendee, response=form.cleaned_data["response"])
    messages.success(request, _("Your answer was saved."))
    return redirect("meetings:meeting-detail", pk=meeting.pk)


@login_required
def meeting_calendar(request, pk: int):
    meeting = selectors.meeting_for_user(request.user, pk)
    ics = meeting_ics(meeting, method="CANCEL" if meeting.is_cancelled else "PUBLISH")
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="mote-{meeting.pk}.ics"'
    return response
