"""The yearly report under lag (2023:196) for kommunstyrelsen, and the
medborgarlöfte follow-up table. One structure feeds the page, PDF and XLSX."""

from datetime import date

from django.utils.translation import gettext as _

from casework.choices import PeriodKind
from casework.selectors import measures_visible_to

from . import charts, effect_display, effect_stats, effects, selectors, statistics
from .exports import Table
from .models import SafetyWalk, Survey
from .periods import Period, period_containing, term_containing


def yearly_report(year: int, *, today: date) -> dict:
    period = Period(PeriodKind.YEAR, date(year, 1, 1), date(year, 12, 31))
    data = statistics.dashboard(period)
    months = [period_containing(PeriodKind.MONTH, date(year, m, 1)) for m in range(1, 13)]
    monthly = statistics.bucket_counts(months, keys=("category",))
    month_labels = [m.label() for m in months]
    month_series = [{"name": c["name"], "values": [mc[(c["id"],)] for mc in monthly]}
                    for c in data["categories"]]
    month_totals = [sum(mc.values()) for mc in monthly]

    measures, unlisted = selectors.action_plan(year)
    coordination = selectors.coordination(year, today=today)
    walks = list(SafetyWalk.objects.filter(date__year=year).select_related("locality")
                 .prefetch_related("places", "organisations").order_by("date"))
    term_day = min(today, date(year, 12, 31))
    term = term_containing(term_day)
    coverage = selectors.coverage(term, today=term_day)
    survey = Survey.objects.filter(year__lte=year).order_by("-year").first()
    survey_top = selectors.top_options(survey) if survey else []

    # The effect follow-up of the year's finished measures; like the action
    # plan, cut for a reader outside every group (the report leaves Tryggsam).
    effect_rows = [effect_display.present(r, with_series=False) for r in effects.year_effects(
        year, measures=measures_visible_to(None), today=today)]

    compare = [_("Reports"), _("Previous year"), _("Difference"), _("Change (%)")]
    tables = [
        Table("categories", _("Reports per category"), [_("Category")] + compare,
              [[r["name"], r["count"], r["last_year"]["before"], r["last_year"]["diff"],
                r["last_year"]["percent"]] for r in data["categories"]]
              + [[_("Total"), data["totals"]["count"], data["totals"]["last_year"]["before"],
                  data["totals"]["last_year"]["diff"],
                  data["totals"]["last_year"]["percent"]]]),
        Table("localities", _("Reports per locality"), [_("Locality")] + compare,
              [[r["name"], r["count"], r["last_year"]["before"], r["last_year"]["diff"],
                r["last_year"]["percent"]] for r in data["localities"]]),
        Table("months", _("Reports per month"), [_("Category")] + month_labels,
              [[s["name"]] + s["values"] for s in month_series]
              + [[_("Total")] + month_totals]),
        Table("action_plan", _("Action plan"),
              [_("Measure"), _("Responsible organisation"), _("Responsible person"),
               _("Due date"), _("Status")],
              [[m.title, m.owner_organisation.name, str(m.owner) if m.owner else None,
                m.due_date, m.get_status_display()] for m in measures]
              + ([[_("Measures from working groups that handle sensitive matters "
                     "(counted only): %(n)s") % {"n": unlisted}, None, None, None, None]]
                 if unlisted else [])),
        Table("coordination", _("Coordination"), [_("Working group"), _("Meetings held")],
              [[g["group"], g["count"]] for g in coordination["groups"]]
              + [[_("Total"), coordination["total"]]]),
        Table("walks", _("Safety walks"),
              [_("Date"), _("Locality"), _("Residents"), _("Observed places")],
              [[w.date, w.locality.name, w.residents_count, len(w.places.all())]
               for w in walks]),
        Table("coverage", _("Coverage %(term)s") % {"term": term.label()},
              [_("Locality"), _("Walks in the term"), _("Status")],
              [[r["locality"].name, len(r["walks"]),
                _("Walked") if r["walked"] else (_("Planned") if r["planned"]
                                                 else _("Not walked"))] for r in coverage]),
        Table("survey", _("Safety survey %(year)s") % {"year": survey.year} if survey
              else _("Safety survey"),
              [_("Question"), _("Answer"), _("Share (%)"), _("Count")],
              [[q["question"], t["result"].option, t["result"].share, t["result"].count]
               for q in survey_top for t in q["top"]]),
        Table("effects", _("Effects of the year's finished measures"),
              [_("Measure"), _("Target"), _("Took effect"), _("Target area, before"),
               _("Target area, after"), _("Rest of the municipality, before"),
               _("Rest of the municipality, after"),
               _("Rate ratio and 95 percent confidence interval"), _("Verdict")],
              [[e["measure"].title, e["target"] or None, e["windows"].effect_date,
                e["estimate"].t0 if e["target"] else None,
                e["estimate"].t1 if e["target"] else None,
                e["estimate"].c0 if e["target"] else None,
                e["estimate"].c1 if e["target"] else None, e["ratio"] or None,
                " ".join(filter(None, [e["verdict"], e["displacement"]]))]
               for e in effect_rows]),
    ]
    chart = charts.line_chart(month_labels, [{"name": _("Total"), "values": month_totals}],
                              title=_("Reports per month"), chart_id="chart-year",
                              description=_("Line chart; the same numbers are in the table."))
    bars = charts.bar_chart(
        [r["name"] for r in data["categories"]],
        [{"name": str(year), "values": [r["count"] for r in data["categories"]]},
         {"name": str(year - 1), "values": [r["last_year"]["before"] for r in data["categories"]]}],
        title=_("Reports per category"), chart_id="chart-year-categories",
        description=_("Bar chart; the same numbers are in the table."))
    return {"year": year, "data": data, "tables": tables, "measures": measures,
            "effects": effect_rows, "effect_method": effect_display.method_text(),
            "min_count": effect_stats.MIN_COUNT,
            "unlisted_measures": unlisted,
            "coordination": coordination, "walks": walks, "term": term, "coverage": coverage,
            "survey": survey, "survey_top": survey_top, "chart": chart, "bars": bars,
            "unwalked": [r["locality"].name for r in coverage
                         if not r["walked"] and not r["planned"]]}


def promise_table(promise, commitments, today: date) -> Table:
    return Table("commitments", _("Commitments"),
                 [_("Commitment"), _("Responsible organisation"), _("Responsible person"),
                  _("Follow-up date"), _("Status"), _("Overdue")],
                 [[m.title, m.owner_organisation.name, str(m.owner) if m.owner else None,
                   m.due_date, m.get_status_display(),
                   _("Yes") if (m.due_date and m.due_date < today
                                and m.status not in ("done", "cancelled")) else _("No")]
                  for m in commitments])
