"""The effect follow-up's pages (issue 15): the "Effekt" section of the
measure page, registered with casework.measures.sections (the measure page has
checked that the user may see the measure), and the yearly analysis."""

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import urlencode

from casework.measures.sections import Section
from casework.selectors import measures_visible_to
from core.pagination import paginate

from .. import effect_display, effect_stats, effects
from .common import view_required


def measure_section(request, measure) -> Section:
    """The panel for a measure the user may already see; a bad `veckor`
    gives the form's Swedish error and 400."""
    form, weeks = effect_display.window_form(request.GET)
    context = {"form": form, "measure": measure, "method": effect_display.method_text()}
    if weeks is None:
        return Section(render_to_string("insights/_effect_panel.html", context, request=request),
                       status=400)
    result = effects.measure_effect(measure, weeks=weeks, today=timezone.localdate())
    context.update(effect=effect_display.present(result), assessable=result["assessable"],
                   no_target=result["estimate"].verdict == effect_stats.NO_TARGET)
    return Section(render_to_string("insights/_effect_panel.html", context, request=request))


@view_required
def effects_year(request, year):
    """The year's finished measures that the user may see, with their effect
    estimates, sorted by what the data can support."""
    if not 2000 <= year <= 2100:
        raise Http404
    form, weeks = effect_display.window_form(request.GET)
    context = {"year": year, "form": form, "min_count": effect_stats.MIN_COUNT}
    if weeks is None:
        return render(request, "insights/effects_year.html", context, status=400)
    rows = effects.year_effects(year, measures=measures_visible_to(request.user), weeks=weeks,
                                today=timezone.localdate())
    # Every measure is estimated (to sort them), a page of them is shown.
    page = paginate(rows, request)
    context.update(rows=[effect_display.present(r, with_series=False) for r in page.rows],
                   weeks=weeks, method=effect_display.method_text(), page=page, link=True,
                   query=urlencode({"veckor": weeks}))
    return render(request, "insights/effects_year.html", context)

