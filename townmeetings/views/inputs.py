"""What becomes of the residents' input: a measure or a report, and the
feedback to the locality's contact person."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import Invalid
from core.forms import service_error_messages

from .. import services
from ..forms import InputMeasureForm, InputReportForm
from ..models import TownMeetingInput
from .common import form_page, form_saved, get_meeting, manage_required


def _get_input(pk: int) -> TownMeetingInput:
    return get_object_or_404(TownMeetingInput.objects.select_related("meeting__locality"), pk=pk)


def _back(item) -> str:
    return reverse("townmeetings:meeting-detail", args=[item.meeting_id]) + "#inspel"


@manage_required
def input_measure(request, pk):
    item = _get_input(pk)
    form = InputMeasureForm(request.POST or None, initial={"title": item.topic})
    saved, _measure = form_saved(request, form, lambda data: services.input_to_measure(
        actor=request.user, item=item, **data))
    if saved:
        messages.success(request, _("The measure is created; its owner is told."))
        return HttpResponseRedirect(_back(item))
    return form_page(request, form, title=_("Measure from “%(topic)s”") % {"topic": item.topic},
                     back=_back(item))


@manage_required
def input_report(request, pk):
    item = _get_input(pk)
    form = InputReportForm(request.POST or None)
    saved, report = form_saved(request, form, lambda data: services.input_to_report(
        actor=request.user, item=item, **data))
    if saved:
        messages.success(request, _("Report %(reference)s is in the triage inbox.") % {
            "reference": report.reference})
        return HttpResponseRedirect(_back(item))
    return form_page(request, form, title=_("Report from “%(topic)s”") % {"topic": item.topic},
                     back=_back(item),
                     lead=_("The input becomes a report in the coordinator's inbox, with the "
                            "safety meeting as its source."))


@manage_required
@require_POST
def meeting_feedback(request, pk):
    meeting = get_meeting(pk)
    try:
        email = services.town_meeting_feedback_send(actor=request.user, meeting=meeting)
    except Invalid as error:
        messages.error(request, service_error_messages(error)[0])
        return HttpResponseRedirect(reverse("townmeetings:meeting-detail", args=[pk]), status=303)
    messages.success(request, _("The feedback is queued for %(email)s.") % {
        "email": email.to_email})
    return HttpResponseRedirect(reverse("townmeetings:meeting-detail", args=[pk]))
