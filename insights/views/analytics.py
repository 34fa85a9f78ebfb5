"""The lägesbild analytics page, its exports and the yearly report
(lag 2023:196). Thin views: check access, validate a form, call a selector."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from casework.choices import PeriodKind

from .. import charts, exports, reports, statistics
from ..forms import DashboardFilterForm
from ..periods import Period
from .common import download, local_today, view_required


def _dashboard_context(request):
    """(context, status): the filter form, the period and the data. A bad
    filter gives the form with Swedish errors and status 400."""
    # `table` picks the CSV's table; it is not a filter, and alone it must
    # not count as a filter missing its period.
    params = request.GET.copy()
    params.pop("table", None)
    form = DashboardFilterForm(params or None)
    if params and not form.is_valid():
        return {"form": form}, 400
    cleaned = form.cleaned_data if params else {}
    kind = cleaned.get("kind") or PeriodKind.MONTH
    if kind == PeriodKind.CUSTOM:
        period = statistics.period_for(kind, cleaned["start"], cleaned["end"])
    else:
        period = statistics.period_for(kind, cleaned.get("day") or local_today())
    localities = list(cleaned.get("localities") or [])
    categories = list(cleaned.get("categories") or [])
    data = statistics.dashboard(period, localities=localities, categories=categories)
    tables = exports.dashboard_tables(data)
    # The export links name the period shown, so they export what is on the
    # page even before the user has chosen one (the current month).
    query = urlencode({
        "kind": period.kind,
        **({"start": period.start.isoformat(), "end": period.end.isoformat()}
           if period.kind == PeriodKind.CUSTOM else {"day": period.start.isoformat()}),
        "localities": [loc.pk for loc in localities],
        "categories": [cat.pk for cat in categories]}, doseq=True)
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


@view_required
def dashboard_csv(request):
    context, status = _dashboard_context(request)
    if status != 200:
        return render(request, "insights/dashboard.html", context, status=status)
    key = request.GET.get("table", "categories")
    table = next((t for t in context["tables"] if t.key == key), None)
    if table is None:
        raise Http404
    return download(exports.to_csv(table), "text/csv; charset=utf-8",
                     _filename(f"lagesbild-{key}", context["period"], "csv"))


@view_required
def dashboard_xlsx(request):
    context, status = _dashboard_context(request)
    if status != 200:
        return render(request, "insights/dashboard.html", context, status=status)
    return download(exports.to_xlsx(context["tables"]),
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     _filename("lagesbild", context["period"], "xlsx"))


@view_required
def dashboard_pdf(request):
    context, status = _dashboard_context(request)
    if status != 200:
        return render(request, "insights/dashboard.html", context, status=status)
    context["charts"] = _dashboard_charts(context["data"])
    context["generated"] = timezone.localtime()
    return download(exports.to_pdf("insights/print_dashboard.html", context),
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
                      {"years": range(local_today().year, local_today().year - 5, -1)}, status=400)
    return render(request, "insights/yearly_index.html",
                  {"years": range(local_today().year, local_today().year - 5, -1)})


@view_required
def yearly(request, year):
    report = reports.yearly_report(_year(request, year), today=local_today())
    return render(request, "insights/yearly.html", {"report": report})


@view_required
def yearly_pdf(request, year):
    report = reports.yearly_report(_year(request, year), today=local_today())
    content = exports.to_pdf("insights/print_yearly.html",
                             {"report": report, "generated": timezone.localtime()})
    return download(content, "application/pdf", f"arsrapport-{year}.pdf")


@view_required
def yearly_xlsx(request, year):
    report = reports.yearly_report(_year(request, year), today=local_today())
    return download(exports.to_xlsx(report["tables"]),
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     f"arsrapport-{year}.xlsx")
