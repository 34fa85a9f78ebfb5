"""Safety walks (trygghetsvandringar): list, coverage per term, places,
measures from places and the feedback to the locality's contact."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import uploads
from core.access import allowed

from .. import selectors, services, walk_links
from ..forms import MeasureFromForm, WalkForm, WalkPlaceForm
from ..models import SafetyWalk, WalkPlace
from ..periods import previous_term, term_containing
from .common import local_today, manage_required, view_required


@view_required
def walk_list(request):
    today = local_today()
    term = term_containing(today)
    walks = SafetyWalk.objects.select_related("locality").prefetch_related("places")[:200]
    return render(request, "insights/walk_list.html", {"walks": walks, "term": term})


@view_required
def walk_coverage(request):
    today = local_today()
    term = term_containing(today)
    if request.GET.get("term") == "previous":
        term = previous_term(term)
    rows = selectors.coverage(term, today=today)
    plan = selectors.walk_plan(term, today=today) if term.end >= today else []
    return render(request, "insights/walk_coverage.html", {
        "term": term, "rows": rows, "plan": plan, "is_previous": term.end < today,
        "unwalked": sum(1 for r in rows if not r["walked"] and not r["planned"])})


@manage_required
def walk_create(request):
    form = WalkForm(request.POST or None, initial={"date": local_today()})
    if request.method == "POST" and form.is_valid():
        walk = services.walk_create(created_by=request.user, **{
            k: form.cleaned_data[k] for k in ("locality", "date", "meeting_point", "route",
                                              "organisations", "residents_count",
                                              "safety_meeting_note", "notes",
                                              "safety_meeting") if k in form.cleaned_data})
        messages.success(request, _("The safety walk is saved."))
        return HttpResponseRedirect(reverse("insights:walk-detail", args=[walk.pk]))
    return render(request, "insights/form.html", {
        "form": form, "title": _("New safety walk"), "multipart": False},
        status=400 if form.errors else 200)


@view_required
def walk_detail(request, pk):
    walk = get_object_or_404(SafetyWalk.objects.select_related("locality", "safety_meeting"),
                             pk=pk)
    places = list(walk.places.select_related("locality"))
    measures = selectors.walk_measures(walk)
    return render(request, "insights/walk_detail.html", {
        "walk": walk, "places": [{"place": p, "measures": measures.get(p.pk, [])}
                                 for p in places],
        "meeting_label": selectors.meeting_label(walk.safety_meeting),
        "related_links": walk_links.links_for(request.user, walk),
        "can_manage": allowed(request.user, "insights.manage_insights")})


@manage_required
def walk_place_add(request, pk):
    walk = get_object_or_404(SafetyWalk.objects.select_related("locality"), pk=pk)
    form = WalkPlaceForm(request.POST or None, request.FILES or None,
                         initial={"locality": walk.locality_id})
    if request.method == "POST" and form.is_valid():
        services.walk_place_add(walk=walk, **form.cleaned_data)
        messages.success(request, _("The place is saved."))
        return HttpResponseRedirect(reverse("insights:walk-detail", args=[walk.pk]))
    return render(request, "insights/form.html", {
        "form": form, "title": _("Observed place on %(walk)s") % {"walk": walk},
        "multipart": True, "back": reverse("insights:walk-detail", args=[walk.pk])},
        status=400 if form.errors else 200)


@manage_required
def walk_place_measure(request, pk):
    place = get_object_or_404(WalkPlace.objects.select_related("walk__locality"), pk=pk)
    form = MeasureFromForm(request.POST or None, initial={"title": place.location})
    if request.method == "POST" and form.is_valid():
        services.walk_place_to_measure(place=place, created_by=request.user,
                                       **form.cleaned_data)
        messages.success(request, _("The measure is created; the locality's contact person "
                                    "gets a summary."))
        return HttpResponseRedirect(reverse("insights:walk-detail", args=[place.walk_id]))
    return render(request, "insights/form.html", {
        "form": form, "title": _("Measure for %(place)s") % {"place": place.location},
        "back": reverse("insights:walk-detail", args=[place.walk_id])},
        status=400 if form.errors else 200)


@view_required
def walk_place_photo(request, pk):
    """The place's photo, only through this view (media is not public)."""
    place = get_object_or_404(WalkPlace, pk=pk)
    if not place.photo:
        raise Http404
    return uploads.upload_response(place.photo, download_name=f"foto-{place.pk}",
                                   inline_image=place.photo_reencoded)


@manage_required
@require_POST
def walk_feedback(request, pk):
    walk = get_object_or_404(SafetyWalk.objects.select_related("locality"), pk=pk)
    if services.walk_feedback_enqueue(walk=walk) is None:
        messages.error(request, _("The locality has no contact e-mail address."))
        return HttpResponseRedirect(reverse("insights:walk-detail", args=[walk.pk]), status=303)
    messages.success(request, _("The summary is queued for the locality's contact person."))
    return HttpResponseRedirect(reverse("insights:walk-detail", args=[walk.pk]))
