"""Trygghetsmöten: the list with coverage per locality and term, planning,
editing, the programme and the announcement texts."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import allowed
from insights.periods import previous_term, term_containing

from .. import selectors, services
from ..forms import InputForm, ProgrammeItemForm, TownMeetingEditForm, TownMeetingForm
from ..models import Session, TownMeetingProgrammeItem
from .common import MANAGE, form_page, form_saved, get_meeting, manage_required, view_required


@view_required
def meeting_list(request):
    today = timezone.localdate()
    term = term_containing(today)
    if request.GET.get("term") == "previous":
        term = previous_term(term)
    rows = selectors.coverage(term, today=today)
    meetings = list(selectors.meeting_list().filter(date__range=(term.start, term.end)))
    return render(request, "townmeetings/meeting_list.html", {
        "term": term, "rows": rows, "counts": selectors.coverage_counts(rows),
        "meetings": meetings, "today": today, "is_previous": term.end < today,
        "can_manage": allowed(request.user, MANAGE)})


@manage_required
def meeting_create(request):
    form = TownMeetingForm(request.POST or None)
    saved, meeting = form_saved(request, form, lambda data: services.town_meeting_create(
        actor=request.user, **data))
    if saved:
        messages.success(request, _("The safety meeting is planned. Check the programme and "
                                    "the announcement texts."))
        return HttpResponseRedirect(reverse("townmeetings:meeting-detail", args=[meeting.pk]))
    return form_page(request, form, title=_("Plan a safety meeting"),
                     back=reverse("townmeetings:meeting-list"),
                     lead=_("The afternoon 14–18 is open to the locality's residents; the "
                            "evening 18–20 is held with the chief executive and the "
                            "locality's representatives. The programme and the announcement "
                            "texts are written for you and can be changed."))


@view_required
def meeting_detail(request, pk):
    meeting = get_meeting(pk)
    programme = list(meeting.programme.all())
    return render(request, "townmeetings/meeting_detail.html", {
        "meeting": meeting, "term": term_containing(meeting.date),
        "afternoon": [i for i in programme if i.session == Session.AFTERNOON],
        "evening": [i for i in programme if i.session == Session.EVENING],
        "inputs": selectors.inputs_with_outcomes(meeting),
        "held": meeting.is_held(), "can_manage": allowed(request.user, MANAGE),
        "programme_form": ProgrammeItemForm(), "input_form": InputForm()})


@manage_required
def meeting_edit(request, pk):
    meeting = get_meeting(pk)
    form = TownMeetingEditForm(request.POST or None, instance=meeting)
    saved, _meeting = form_saved(request, form, lambda data: services.town_meeting_update(
        actor=request.user, meeting=meeting, **data))
    if saved:
        messages.success(request, _("The safety meeting is saved."))
        return HttpResponseRedirect(reverse("townmeetings:meeting-detail", args=[pk]))
    return form_page(request, form, title=_("Edit %(meeting)s") % {"meeting": meeting.reference},
                     back=reverse("townmeetings:meeting-detail", args=[pk]))


@manage_required
def programme_add(request, pk):
    meeting = get_meeting(pk)
    form = ProgrammeItemForm(request.POST or None)
    saved, _item = form_saved(request, form, lambda data: services.programme_item_add(
        actor=request.user, meeting=meeting, **data))
    if saved:
        messages.success(request, _("The programme item is added."))
        return HttpResponseRedirect(reverse("townmeetings:meeting-detail", args=[pk]) + "#program")
    return form_page(request, form, title=_("Programme item for %(meeting)s") % {
        "meeting": meeting.reference}, back=reverse("townmeetings:meeting-detail", args=[pk]))


@manage_required
@require_POST
def programme_remove(request, pk):
    item = get_object_or_404(TownMeetingProgrammeItem.objects.select_related("meeting"), pk=pk)
    services.programme_item_remove(actor=request.user, item=item)
    messages.success(request, _("The programme item is removed."))
    return HttpResponseRedirect(
        reverse("townmeetings:meeting-detail", args=[item.meeting_id]) + "#program")


@manage_required
def input_add(request, pk):
    meeting = get_meeting(pk)
    form = InputForm(request.POST or None)
    saved, _item = form_saved(request, form, lambda data: services.input_add(
        actor=request.user, meeting=meeting, **data))
    if saved:
        messages.success(request, _("The input is recorded."))
        return HttpResponseRedirect(reverse("townmeetings:meeting-detail", args=[pk]) + "#inspel")
    return form_page(request, form, title=_("Input from the residents at %(meeting)s") % {
        "meeting": meeting.reference}, back=reverse("townmeetings:meeting-detail", args=[pk]))
