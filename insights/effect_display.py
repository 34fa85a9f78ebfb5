"""The effect follow-up in words, numbers with a decimal comma, a chart and its
table: one presentation for the measure page's "Effekt" panel, the yearly
analysis page and the yearly report (issue 15, docs/effects.md)."""

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import charts, effect_stats, effects


class EffectWindowForm(forms.Form):
    """The `veckor` GET parameter: weeks in each window before and after."""

    veckor = forms.IntegerField(
        label=gettext_lazy("Weeks before and after"), min_value=effects.MIN_WEEKS,
        max_value=effects.MAX_WEEKS, required=False,
        error_messages={key: gettext_lazy("Choose a whole number of weeks from 4 to 52.")
                        for key in ("invalid", "min_value", "max_value")})

    def weeks(self) -> int:
        return self.cleaned_data.get("veckor") or effects.DEFAULT_WEEKS


def window_form(params) -> tuple[EffectWindowForm, int | None]:
    """(form, weeks); weeks None when the parameter is bad (the caller
    answers 400 with the form's Swedish error)."""
    form = EffectWindowForm(params if "veckor" in params else None,
                            initial={"veckor": effects.DEFAULT_WEEKS})
    if not form.is_bound:
        return form, effects.DEFAULT_WEEKS
    return form, form.weeks() if form.is_valid() else None


def number(value, places: int = 2) -> str:
    """A decimal comma in Swedish (the active language's format)."""
    return number_format(round(value, places), places, use_l10n=True)


def verdict_text(result: dict) -> str:
    estimate = result["estimate"]
    return {
        effect_stats.FEWER: _("Reports fell compared with the rest of the municipality, "
                              "more than chance explains."),
        effect_stats.MORE: _("Reports rose compared with the rest of the municipality, "
                             "more than chance explains."),
        effect_stats.UNCLEAR: _("No change that can be told apart from chance."),
        effect_stats.TOO_FEW: _("Too few reports to say anything."),
        effect_stats.TOO_EARLY: _("Too early to say: the period after ends on %(date)s.") % {
            "date": result["windows"].after_end.isoformat()},
        effect_stats.NO_TARGET: _("Give the measure a locality or a place to follow up "
                                  "its effect."),
    }[estimate.verdict]


def ratio_text(estimate) -> str:
    if estimate.ratio is None:
        return ""
    return _("Rate ratio %(ratio)s, 95 %% confidence interval %(low)s–%(high)s") % {
        "ratio": number(estimate.ratio), "low": number(estimate.low),
        "high": number(estimate.high)}


def displacement_text(result: dict) -> str:
    estimate = result["estimate"]
    if not result["has_zone"] or not estimate.has_verdict:
        return ""
    if estimate.displacement == effect_stats.TOO_FEW:
        return _("Too few reports in the surrounding zone to say whether reports moved there.")
    if estimate.wdq is None:
        return _("Displacement is judged only when the place fell compared with the rest of "
                 "the municipality.")
    return {
        effect_stats.SPREAD: _("The surrounding zone also improved (quotient %(wdq)s): the "
                               "benefit seems to have spread."),
        effect_stats.DISPLACED: _("Some reports seem to have moved to the surrounding zone "
                                  "(quotient %(wdq)s), fewer than were avoided at the place."),
        effect_stats.DISPLACED_MORE: _("More reports seem to have moved to the surrounding "
                                       "zone than were avoided at the place (quotient "
                                       "%(wdq)s)."),
    }[estimate.displacement] % {"wdq": number(estimate.wdq)}


def target_text(measure) -> str:
    """`measure`: an effects.Target."""
    names = [name.lower() for name in measure.category_names]
    categories = ", ".join(names) if names else _("all categories")
    if effects.has_place(measure):
        return _("Reports of %(categories)s within %(radius)s m of the place") % {
            "categories": categories,
            "radius": measure.radius_m or effects.DEFAULT_RADIUS_M}
    if measure.locality_id:
        return _("Reports of %(categories)s in %(locality)s") % {
            "categories": categories, "locality": measure.locality_name}
    return ""


def windows_text(windows) -> str:
    return _("Before: %(before_start)s–%(before_end)s; after: %(after_start)s–%(after_end)s "
             "(%(weeks)s weeks each; the week the measure took effect, %(day)s, is in "
             "neither).") % {
        "before_start": windows.before_start.isoformat(),
        "before_end": windows.before_end.isoformat(),
        "after_start": windows.after_start.isoformat(),
        "after_end": windows.after_end.isoformat(), "weeks": windows.weeks,
        "day": windows.effect_date.isoformat()}


def method_text() -> str:
    return _("Method: the rate ratio, that is reports at the target after ÷ before, divided by "
             "the same quotient for the rest of the municipality, with a 95 %% confidence "
             "interval on the log scale for Poisson counts (difference in differences on "
             "counts). An interval that contains 1 means no change that can be told apart "
             "from chance. Below %(min)s reports in any window no verdict is given. With a "
             "surrounding zone, the weighted displacement quotient (Bowers & Johnson 2003) "
             "says whether reports moved next door. Sources: the Poisson rate-ratio interval "
             "of the epidemiology textbooks (e.g. Boston University's EP713 modules) and "
             "Wheeler (2021) on Wilson's log-IRR estimator; computed with scipy.stats.") % {
        "min": effect_stats.MIN_COUNT}


def series_table(result: dict) -> dict:
    """Rows (week, part, place, rest, zone) and the chart of the place's and
    the zone's weekly counts (the rest of the municipality is too large to
    share the axis; it is in the table)."""
    series, windows = result["series"], result["windows"]
    n = windows.weeks
    parts = [_("Before")] * n + [_("Transition")] + [_("After")] * n
    labels = [f"v. {w.isocalendar().week}" for w in series["weeks"]]
    rows = []
    for i, week in enumerate(series["weeks"]):
        rows.append({"week": week, "label": labels[i], "part": parts[i], "t": series["t"][i],
                     "c": series["c"][i],
                     "d": series["d"][i] if series["d"] is not None else None})
    lines = [{"name": _("Target area"), "values": series["t"]}]
    if series["d"] is not None:
        lines.append({"name": _("Surrounding zone"), "values": series["d"]})
    chart = charts.line_chart(
        labels, lines, title=_("Reports per week around the day the measure took effect"),
        chart_id=f"chart-effect-{result['measure'].pk}",
        description=_("Line chart; the same numbers are in the table below. Week %(week)s "
                      "is the week the measure took effect.") % {
            "week": windows.effect_date.isocalendar().week})
    return {"rows": rows, "chart": chart, "has_zone": series["d"] is not None}


def present(result: dict, *, with_series: bool = True) -> dict:
    """Everything a template shows for one measure's effect."""
    estimate = result["estimate"]
    shown = {"measure": result["measure"], "estimate": estimate,
             "verdict": verdict_text(result), "ratio": ratio_text(estimate),
             "has_verdict": estimate.has_verdict, "windows": result["windows"],
             "windows_text": windows_text(result["windows"]),
             "target": target_text(result["measure"]), "displacement": ""}
    if estimate.verdict != effect_stats.NO_TARGET:
        shown["displacement"] = displacement_text(result)
        if estimate.expected is not None:
            shown["expected"] = _("Expected without the measure (had the target followed the "
                                  "rest of the municipality): %(expected)s reports; counted: "
                                  "%(counted)s.") % {"expected": number(estimate.expected, 1),
                                                     "counted": estimate.t1}
        if with_series and result["series"] is not None:
            shown["series"] = series_table(result)
    return shown
