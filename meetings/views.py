"""Thin views: check access (404 when the user may not know the group, 403
when they may see but not run it), validate the form, call a service. Bad
input answers 400 with the form and its Swedish messages kept."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.access import allowed, require

from . import selectors, services
from .calendar import feed_ics, meeting_ics, summary_for
from .forms import (
    AgendaForm,
    DecisionForm,
    GroupForm,
    MemberForm,
    MinutesForm,
    MoveForm,
    PreferencesForm,
    RsvpForm,
    SeriesForm,
)
from .models import Attendee, CalendarFeed, Membership, Rsvp


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


# ---------------------------------------------------------------- groups

@login_required
def group_list(request):
    return render(request, "meetings/group_list.html", {
        "groups": selectors.group_list(request.user),
        "can_add": allowed(request.user, "meetings.add_group"),
    })


@login_required
def group_create(request):
    require(request.user, "meetings.add_group")
    form = GroupForm(request.POST or None)
    saved, group = _form_saved(request, form, lambda data: services.group_create(**data))
    if saved:
        messages.success(request, _("The working group was created."))
        return redirect("meetings:group-detail", pk=group.pk)
    return _form_page(request, form, title=_("New working group"), submit=_("Create"),
                      back=reverse("meetings:group-list"), status=_status(request))


@login_required
def group_edit(request, pk: int):
    group = selectors.group_for_user(request.user, pk)
    _require_manage(request.user, group)
    initial = {"name": group.name, "purpose": group.purpose, "chair": group.chair,
               "secretary": group.secretary, "handles_sensitive": group.handles_sensitive}
    form = GroupForm(request.POST or None, initial=initial)
    saved, _result = _form_saved(
        request, form, lambda data: services.group_update(group=group, **data))
    if saved:
        messages.success(request, _("The working group was saved."))
        return redirect("meetings:group-detail", pk=group.pk)
    return _form_page(request, form, title=_("Edit %(name)s") % {"name": group.name},
                      submit=_("Save"), back=reverse("meetings:group-detail", args=[pk]),
                      status=_status(request))


@login_required
def group_detail(request, pk: int):
    group = selectors.group_for_user(request.user, pk)
    today = timezone.localdate()
    return render(request, "meetings/group_detail.html", {
        "group": group,
        "members": group.memberships.select_related("user__organisation"),
        "series_list": group.series.all(),
        "upcoming": group.meetings.filter(date__gte=today).order_by("date", "start_time")[:6],
        "past": group.meetings.filter(date__lt=today).order_by("-date")[:6],
        "can_manage": allowed(request.user, "meetings.manage_group", group),
        "can_send_input": allowed(request.user, "meetings.send_input", group),
        "year": today.year,
        "next_meeting": selectors.next_meeting(group),
    })


@login_required
def group_year(request, pk: int, year: int):
    group = selectors.group_for_user(request.user, pk)
    if not 2000 <= year <= 2100:
        raise Http404
    meetings = list(selectors.year_meetings(group, year))
    return render(request, "meetings/group_year.html", {
        "group": group, "year": year, "meetings": meetings,
        "previous_year": year - 1, "next_year": year + 1,
        "can_manage": allowed(request.user, "meetings.manage_group", group),
    })


@login_required
def member_add(request, pk: int):
    group = selectors.group_for_user(request.user, pk)
    _require_manage(request.user, group)
    form = MemberForm(request.POST or None)
    saved, _result = _form_saved(
        request, form, lambda data: services.membership_add(group=group, **data))
    if saved:
        messages.success(request, _("The member was added."))
        return redirect("meetings:group-detail", pk=group.pk)
    return _form_page(request, form, title=_("Add a member to %(name)s") % {"name": group.name},
                      submit=_("Add"), back=reverse("meetings:group-detail", args=[pk]),
                      status=_status(request))


@login_required
@require_POST
def member_remove(request, pk: int, member_pk: int):
    group = selectors.group_for_user(request.user, pk)
    _require_manage(request.user, group)
    membership = get_object_or_404(Membership, pk=member_pk, group=group)
    services.membership_remove(membership=membership)
    messages.success(request, _("The member was removed."))
    return redirect("meetings:group-detail", pk=group.pk)


@login_required
def series_create(request, pk: int):
    group = selectors.group_for_user(request.user, pk)
    _require_manage(request.user, group)
    today = timezone.localdate()
    form = SeriesForm(request.POST or None, initial={
        "title": group.name, "starts_on": today, "ends_on": today.replace(month=12, day=31)})
    saved, series = _form_saved(
        request, form, lambda data: services.series_create(group=group, **data))
    if saved:
        count = series.meetings.count()
        messages.success(request, ngettext("The series was created with %(n)s meeting.",
                                           "The series was created with %(n)s meetings.",
                                           count) % {"n": count})
        return redirect("meetings:group-year", pk=group.pk, year=series.starts_on.year)
    return _form_page(request, form, title=_("New meeting series for %(name)s")
                      % {"name": group.name}, submit=_("Create the series"),
                      back=reverse("meetings:group-detail", args=[pk]), status=_status(request))


# ---------------------------------------------------------------- meetings

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
            except ValidationError as error:
                _apply_errors(form, error)
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
            except ValidationError as error:
                _apply_errors(form, error)
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


# ---------------------------------------------------------------- signed links

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


# ---------------------------------------------------------------- mine + feed

@login_required
def my_meetings(request):
    memberships = list(Membership.objects.filter(user=request.user).select_related("group"))
    if request.method == "POST":
        membership = next((m for m in memberships
                           if str(m.pk) == request.POST.get("membership")), None)
        if membership is None:
            raise Http404
        form = PreferencesForm(request.POST, prefix=f"m{membership.pk}")
        if form.is_valid():
            services.membership_set_preferences(membership=membership, **form.cleaned_data)
            messages.success(request, _("Your choice was saved."))
            return redirect("meetings:my-meetings")
        messages.error(request, _("Choose how you want your reminders."))
        return redirect("meetings:my-meetings")
    feed = CalendarFeed.objects.filter(user=request.user).first()
    return render(request, "meetings/my_meetings.html", {
        "upcoming": selectors.upcoming_for_user(request.user, limit=20),
        "memberships": [(m, PreferencesForm(prefix=f"m{m.pk}", initial={
            "delivery": m.delivery, "unsubscribed": m.unsubscribed})) for m in memberships],
        "feed_url": request.build_absolute_uri(
            reverse("meetings:feed", args=[feed.token])) if feed else "",
    })


@login_required
@require_POST
def feed_renew(request):
    """Create the feed, or revoke the old address and make a new one."""
    services.feed_revoke(user=request.user)
    messages.success(request, _("Your calendar address is new; the old one no longer works."))
    return redirect("meetings:my-meetings")


def feed(request, token: str):
    calendar_feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if calendar_feed is None or not calendar_feed.user.is_active:
        raise Http404
    meetings = selectors.feed_meetings(calendar_feed.user)
    ics = feed_ics(meetings, name=_("My meetings (Tryggsam)"))
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response
