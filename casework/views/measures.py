"""Measure pages: list, create, detail with follow-ups, edit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.access import allowed
from core.errors import Conflict, Invalid
from core.forms import add_service_error
from core.pagination import paginate

from .. import forms, measures, selectors
from ..filters import MeasureFilter
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
    filters = params.copy()
    filters.pop("sida", None)
    measure_filter = MeasureFilter(filters, queryset=selectors.measure_list(
        user=user, owner_id=user.pk if mine else None))
    page = paginate(measure_filter.qs, request)
    measures = page.rows
    today = timezone.localdate()
    for measure in measures:
        measure.is_overdue = selectors.measure_is_overdue(measure, today)
    applied = {k: v for k, v in filters.items()
               if v and k in measure_filter.form.fields and k not in measure_filter.form.errors}
    overdue = measure_filter.form.cleaned_data.get("forsenade") is True
    query = urlencode({**applied, **({"mina": "1"} if mine else {})})
    return render(request, "casework/measure_list.html", {
        "measures": measures, "page": page, "query": query, "filter": measure_filter,
        "overdue": overdue, "mine": mine,
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
