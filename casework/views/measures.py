"""Measure pages: list, create, detail with follow-ups, edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.models import Organisation
from core.access import allowed
from core.errors import Conflict, Invalid
from core.forms import add_service_error
from core.pagination import paginate

from .. import forms, measures, selectors
from ..choices import MeasureStatus, MeasureTerm
from ..measures import sections as measure_sections
from .common import MAX_BIGINT, _require, _status


def _get_measure(request, pk):
    if pk > MAX_BIGINT:
        raise Http404
    return selectors.measure_for_user(user=request.user, pk=pk, request=request)


@login_required
def measure_list(request):
    user = request.user
    params = request.GET
    mine = params.get("mina") == "1"
    if not (allowed(user, "casework.view_measure_list") or mine):
        raise PermissionDenied
    status = params.get("status") if params.get("status") in MeasureStatus.values else ""
    term = params.get("sikt") if params.get("sikt") in MeasureTerm.values else ""
    try:
        organisation_id = int(params.get("organisation") or 0) or None
    except ValueError:
        organisation_id = None
    if organisation_id is not None and not 0 < organisation_id <= MAX_BIGINT:
        organisation_id = None
    overdue = params.get("forsenade") == "1"
    page = paginate(selectors.measure_list(
        user=user, status=status, organisation_id=organisation_id, overdue=overdue, term=term,
        owner_id=user.pk if mine else None), request)
    measures = page.rows
    today = timezone.localdate()
    for measure in measures:
        measure.is_overdue = selectors.measure_is_overdue(measure, today)
    query = urlencode({k: v for k, v in {
        "status": status, "sikt": term, "organisation": organisation_id or "",
        "forsenade": "1" if overdue else "", "mina": "1" if mine else ""}.items() if v})
    return render(request, "casework/measure_list.html", {
        "measures": measures, "page": page, "query": query,
        "status": status, "term": term, "organisation_id": organisation_id, "overdue": overdue,
        "mine": mine, "statuses": MeasureStatus.choices, "terms": MeasureTerm.choices,
        "organisations": Organisation.objects.only("id", "name"),
        "can_add": allowed(user, "casework.add_measure"),
    })


@login_required
def measure_create(request):
    _require(request.user, "casework.add_measure")
    initial = {}
    if request.GET.get("lagesbild", "").isdigit():
        initial["situation_picture"] = request.GET["lagesbild"]
    form = forms.MeasureForm(request.POST or None, initial=initial, user=request.user)
    status = _status(form, request)
    if request.method == "POST" and form.is_valid():
        data, target = form.split_target()
        data.pop("version", None)
        cases = data.pop("cases", None) or ()
        try:
            measure = measures.measure_create(actor=request.user, cases=cases, target=target,
                                              **data)
        except Invalid as error:
            add_service_error(form, error)
            status = 400
        else:
            messages.success(request, _("The measure is saved."))
            return redirect("casework:measure-detail", measure.pk)
    return render(request, "casework/measure_form.html", {"form": form}, status=status)


@login_required
def measure_detail(request, pk):
    measure = _get_measure(request, pk)
    can_change = allowed(request.user, "casework.change_measure", measure)
    form = forms.FollowUpForm(request.POST or None)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            measures.measure_follow_up_add(measure=measure, actor=request.user,
                                           note=form.cleaned_data["note"],
                                           status_after=form.cleaned_data["status_after"])
            messages.success(request, _("The follow-up is saved."))
            return redirect("casework:measure-detail", measure.pk)
    # Sections of other apps (the effect follow-up): a bad GET parameter of
    # theirs answers 400 with their Swedish error, the rest of the page intact.
    sections = measure_sections.sections_for(request, measure)
    status = max([_status(form, request)] + [section.status for section in sections])
    return render(request, "casework/measure_detail.html", {
        "measure": measure, "form": form, "can_change": can_change,
        "follow_ups": measure.follow_ups.select_related("author"),
        "cases": measure.cases.all(), "sections": sections,
        "is_overdue": selectors.measure_is_overdue(measure),
    }, status=status)


@login_required
def measure_edit(request, pk):
    measure = _get_measure(request, pk)
    if not allowed(request.user, "casework.change_measure", measure):
        raise Http404
    initial = {name: getattr(measure, name) for name in measures.MEASURE_FIELDS}
    initial.update(version=measure.version, cases=list(measure.cases.all()),
                   categories=list(measure.categories.all()),
                   **{name: getattr(measure, name) for name in (
                       "locality", "latitude", "longitude", "radius_m", "buffer_m",
                       "effective_on")})
    form = forms.MeasureForm(request.POST or None, initial=initial, user=request.user)
    status = _status(form, request)
    if request.method == "POST" and form.is_valid():
        data, target = form.split_target()
        version = data.pop("version")
        cases = data.pop("cases", None)  # None: the links stay as they are
        try:
            measures.measure_update(measure=measure, actor=request.user, version=version,
                                    cases=cases, target=target, **data)
        except Conflict as error:
            messages.error(request, str(error))
            status = 409
        except Invalid as error:
            add_service_error(form, error)
            status = 400
        else:
            messages.success(request, _("The measure is saved."))
            return redirect("casework:measure-detail", measure.pk)
    return render(request, "casework/measure_form.html", {"form": form, "measure": measure},
                  status=status)
