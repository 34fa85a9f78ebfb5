"""Thin views: check access, validate a form, call a selector or a service."""

from datetime import date
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casework.choices import PeriodKind
from casework.models import Locality
from core import uploads

from . import charts, exports, imports, reports, selectors, services, statistics
from .forms import (
    CommitmentForm,
    DashboardFilterForm,
    MeasureFromForm,
    PromiseForm,
    SignatoryForm,
    SurveyUploadForm,
    WalkForm,
    WalkPlaceForm,
)
from .models import CitizenPromise, SafetyWalk, Survey, SurveyImport, SurveyResult, WalkPlace
from .periods import Period, previous_term, term_containing


def _requires(perm):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)
        return wrapped
    return decorator


view_required = _requires("insights.view_insights")
manage_required = _requires("insights.manage_insights")


def _today() -> date:
    return timezone.localdate()


# -- lägesbild analytics -----------------------------------------------------------

def _dashboard_context(request):
    """(context, status): the filter form, the period and the data. A bad
    filter gives the form with Swedish errors and status 400."""
    form = DashboardFilterForm(request.GET or None)
    if request.GET and not form.is_valid():
        return {"form": form}, 400
    cleaned = form.cleaned_data if request.GET else {}
    kind = cleaned.get("kind") or PeriodKind.MONTH
    if kind == PeriodKind.CUSTOM:
        period = statistics.period_for(kind, cleaned["start"], cleaned["end"])
    else:
        period = statistics.period_for(kind, cleaned.get("day") or _today())
    localities = list(cleaned.get("localities") or [])
    categories = list(cleaned.get("categories") or [])
    data = statistics.dashboard(period, localities=localities, categories=categories)
    tables = exports.dashboard_tables(data)
    query = urlencode(request.GET, doseq=True)
    return {"form": form, "data": data, "tables": tables, "query": query,
            "period": period, "localities": localities, "categories": categories}, 200


def _dashboard_charts(data):
    categories = data["categories"]
    return {
        "categories": charts.bar_chart(
            [r["name"] for r in categories],
            [{"name": data["period"].label(), "values": [r["count"] for r in categories]},
             {"name": data["previous_period"].label(),
              "values": [r["previous"]["before"] for r in categories]},
             {"name": data["last_year_period"].label(),
              "values": [r["last_year"]["before"] for r in categories]}],
            title=_("Reports per category"), chart_id="chart-categories",
            description=_("Bar chart; the same numbers are in the table below.")),
        "trend": charts.line_chart(
            data["trend"]["periods"], data["trend"]["series"], title=_("Trend per category"),
            chart_id="chart-trend",
            description=_("Line chart; the same numbers are in the table below.")),
    }


def _map_points(data):
    """Localities placed by their coordinates, for the map (only when a tile
    source is configured; the list view is always there)."""
    rows = [r for r in data["localities"] if r["latitude"] is not None]
    if not rows:
        return []
    lats = [float(r["latitude"]) for r in rows]
    lons = [float(r["longitude"]) for r in rows]
    lat_span = max(max(lats) - min(lats), 0.01)
    lon_span = max(max(lons) - min(lons), 0.01)
    top = max((r["count"] for r in rows), default=0) or 1
    return [{"name": r["name"], "count": r["count"],
             "x": 30 + 540 * (float(r["longitude"]) - min(lons)) / lon_span,
             "y": 30 + 340 * (max(lats) - float(r["latitude"])) / lat_span,
             "r": 4 + 16 * r["count"] / top} for r in rows]


@view_required
def dashboard(request):
    context, status = _dashboard_context(request)
    if status == 200:
        context["charts"] = _dashboard_charts(context["data"])
        context["tile_url"] = getattr(settings, "INSIGHTS_MAP_TILE_URL", "")
        if context["tile_url"]:
            context["map_points"] = _map_points(context["data"])
    return render(request, "insights/dashboard.html", context, status=status)


def _filename(stem: str, period: Period, ext: str) -> str:
    return f"{stem}-{period.start.isoformat()}-{period.end.isoformat()}.{ext}"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@view_required
def dashboard_csv(request):
    context, status = _dashboard_context(request)
    if status != 200:
        return render(request, "insights/dashboard.html", context, status=status)
    key = request.GET.get("table", "categories")
    table = next((t for t in context["tables"] if t.key == key), None)
    if table is None:
        raise Http404
    return _download(exports.to_csv(table), "text/csv; charset=utf-8",
                     _filename(f"lagesbild-{key}", context["period"], "csv"))


@view_required
def dashboard_xlsx(request):
    context, status = _dashboard_context(request)
    if status != 200:
        return render(request, "insights/dashboard.html", context, status=status)
    return _download(exports.to_xlsx(context["tables"]),
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     _filename("lagesbild", context["period"], "xlsx"))


@view_required
def dashboard_pdf(request):
    context, status = _dashboard_context(request)
    if status != 200:
        return render(request, "insights/dashboard.html", context, status=status)
    context["charts"] = _dashboard_charts(context["data"])
    context["generated"] = timezone.localtime()
    return _download(exports.to_pdf("insights/print_dashboard.html", context),
                     "application/pdf", _filename("lagesbild", context["period"], "pdf"))


@view_required
def year_summary_json(request, year):
    """A year's counts from the roll-up only, as JSON (what bench measures as
    "lägesbild year"): total, per category, per locality, per ISO week."""
    summary = statistics.year_summary(_year(request, year))
    names = statistics.names()
    body = {
        "year": summary["year"], "first_week": summary["first_week"].isoformat(),
        "last_week": summary["last_week"].isoformat(), "total": summary["total"],
        "categories": [{"name": names["categories"].get(k, str(k)), "count": n}
                       for k, n in sorted(summary["by_category"].items())],
        "localities": [{"name": names["localities"].get(k, str(k)), "count": n}
                       for k, n in sorted(summary["by_locality"].items())],
        "weeks": [{"week_start": w.isoformat(), "count": n}
                  for w, n in summary["by_week"].items()],
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


# -- yearly report -------------------------------------------------------------------

def _year(request, year):
    if not 2000 <= year <= 2100:
        raise Http404
    return year


@view_required
def yearly_index(request):
    year = request.GET.get("year")
    if year:
        try:
            year = int(year)
        except ValueError:
            year = 0
        if 2000 <= year <= 2100:
            return HttpResponseRedirect(reverse("insights:yearly", args=[year]))
        messages.error(request, _("Give a year between 2000 and 2100."))
        return render(request, "insights/yearly_index.html",
                      {"years": range(_today().year, _today().year - 5, -1)}, status=400)
    return render(request, "insights/yearly_index.html",
                  {"years": range(_today().year, _today().year - 5, -1)})


@view_required
def yearly(request, year):
    report = reports.yearly_report(_year(request, year), today=_today())
    return render(request, "insights/yearly.html", {"report": report})


@view_required
def yearly_pdf(request, year):
    report = reports.yearly_report(_year(request, year), today=_today())
    content = exports.to_pdf("insights/print_yearly.html",
                             {"report": report, "generated": timezone.localtime()})
    return _download(content, "application/pdf", f"arsrapport-{year}.pdf")


@view_required
def yearly_xlsx(request, year):
    report = reports.yearly_report(_year(request, year), today=_today())
    return _download(exports.to_xlsx(report["tables"]),
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     f"arsrapport-{year}.xlsx")


# -- safety walks -----------------------------------------------------------------------

@view_required
def walk_list(request):
    today = _today()
    term = term_containing(today)
    walks = SafetyWalk.objects.select_related("locality").prefetch_related("places")[:200]
    return render(request, "insights/walk_list.html", {"walks": walks, "term": term})


@view_required
def walk_coverage(request):
    today = _today()
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
    form = WalkForm(request.POST or None, initial={"date": _today()})
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
        "can_manage": request.user.has_perm("insights.manage_insights")})


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


# -- survey ---------------------------------------------------------------------------

@view_required
def survey_list(request):
    return render(request, "insights/survey_list.html", {
        "surveys": Survey.objects.all(), "comparison": selectors.survey_comparison(),
        "can_manage": request.user.has_perm("insights.manage_insights")})


@view_required
def survey_detail(request, year):
    survey = get_object_or_404(Survey, year=year)
    return render(request, "insights/survey_detail.html", {
        "survey": survey, "top": selectors.top_options(survey),
        "results": survey.results.all(),
        "can_manage": request.user.has_perm("insights.manage_insights")})


@manage_required
def survey_import(request):
    form = SurveyUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            parsed = imports.parse(upload, locality_names=Locality.objects.values_list(
                "name", flat=True))
        except imports.ImportFileError as error:
            context["file_error"] = error.message
            return render(request, "insights/survey_import.html", context, status=error.status)
        if not parsed.ok:
            context["errors"] = parsed.errors
            context["good_rows"] = len(parsed.rows)
            return render(request, "insights/survey_import.html", context, status=422)
        staged = services.survey_import_stage(year=form.cleaned_data["year"],
                                              filename=upload.name, rows=parsed.rows,
                                              user=request.user)
        return HttpResponseRedirect(reverse("insights:survey-preview", args=[staged.pk]))
    return render(request, "insights/survey_import.html", context,
                  status=400 if form.errors else 200)


@manage_required
def survey_preview(request, pk):
    staged = get_object_or_404(SurveyImport, pk=pk, created_by=request.user,
                               confirmed_at__isnull=True)
    if request.method == "POST":
        survey = services.survey_import_confirm(staged=staged, user=request.user)
        messages.success(request, _("The survey results are saved."))
        return HttpResponseRedirect(reverse("insights:survey-detail", args=[survey.year]))
    return render(request, "insights/survey_preview.html", {
        "staged": staged, "replaces": Survey.objects.filter(year=staged.year).exists()})


@manage_required
def survey_result_measure(request, pk):
    result = get_object_or_404(SurveyResult.objects.select_related("survey"), pk=pk)
    form = MeasureFromForm(request.POST or None, initial={"title": result.option})
    if request.method == "POST" and form.is_valid():
        services.survey_result_to_measure(result=result, created_by=request.user,
                                          **form.cleaned_data)
        messages.success(request, _("The measure is created."))
        return HttpResponseRedirect(reverse("insights:survey-detail",
                                            args=[result.survey.year]))
    return render(request, "insights/form.html", {
        "form": form, "title": _("Measure for the wish \"%(option)s\"") % {
            "option": result.option},
        "back": reverse("insights:survey-detail", args=[result.survey.year])},
        status=400 if form.errors else 200)


# -- medborgarlöfte ---------------------------------------------------------------------

@view_required
def promise_list(request):
    return render(request, "insights/promise_list.html", {
        "promises": CitizenPromise.objects.select_related("locality"),
        "can_manage": request.user.has_perm("insights.manage_insights")})


@manage_required
def promise_create(request):
    form = PromiseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        promise = services.promise_create(**form.cleaned_data)
        return HttpResponseRedirect(reverse("insights:promise-detail", args=[promise.pk]))
    return render(request, "insights/form.html", {"form": form, "title": _("New citizen promise")},
                  status=400 if form.errors else 200)


@view_required
def promise_detail(request, pk):
    promise = get_object_or_404(CitizenPromise.objects.select_related("locality"), pk=pk)
    return render(request, "insights/promise_detail.html", {
        "promise": promise, "signatories": promise.signatories.select_related("organisation"),
        "commitments": services.promise_commitments(promise), "today": _today(),
        "can_manage": request.user.has_perm("insights.manage_insights")})


@manage_required
def promise_sign(request, pk):
    promise = get_object_or_404(CitizenPromise, pk=pk)
    form = SignatoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.promise_sign(promise=promise, **form.cleaned_data)
        return HttpResponseRedirect(reverse("insights:promise-detail", args=[promise.pk]))
    return render(request, "insights/form.html", {
        "form": form, "title": _("Add signatory"),
        "back": reverse("insights:promise-detail", args=[promise.pk])},
        status=400 if form.errors else 200)


@manage_required
def promise_commitment(request, pk):
    promise = get_object_or_404(CitizenPromise, pk=pk)
    form = CommitmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.promise_commitment_add(promise=promise, created_by=request.user,
                                        **form.cleaned_data)
        return HttpResponseRedirect(reverse("insights:promise-detail", args=[promise.pk]))
    return render(request, "insights/form.html", {
        "form": form, "title": _("Add commitment"),
        "back": reverse("insights:promise-detail", args=[promise.pk])},
        status=400 if form.errors else 200)


def _promise_table(promise):
    return reports.promise_table(promise, services.promise_commitments(promise), _today())


@view_required
def promise_csv(request, pk):
    promise = get_object_or_404(CitizenPromise, pk=pk)
    return _download(exports.to_csv(_promise_table(promise)), "text/csv; charset=utf-8",
                     f"medborgarlofte-{promise.pk}.csv")


@view_required
def promise_xlsx(request, pk):
    promise = get_object_or_404(CitizenPromise, pk=pk)
    return _download(exports.to_xlsx([_promise_table(promise)]),
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     f"medborgarlofte-{promise.pk}.xlsx")
