"""The effect follow-up's pages (issue 15): the "Effekt" section of the
measure page, registered with casework.measures.sections (the measure page has
checked that the user may see the measure), and the yearly analysis."""

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from casework.measures.sections import Section
from casework.selectors import measures_visible_to
from core.pagination import page_number

from .. import effect_display, effect_stats, effect_year, effects
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
    context = {"year": year, "form": form}
    if weeks is None:
        return render(request, "insights/effects_year.html", context, status=400)
    # The content is cached per window: the form shows the window, not the raw input.
    context["main"] = effect_year.year_page(
        request, year, form=effect_display.EffectWindowForm(initial={"veckor": weeks}),
        measures=measures_visible_to(request.user), weeks=weeks,
        today=timezone.localdate(), number=page_number(request.GET.get("sida")))
    return render(request, "insights/effects_year.html", context)
