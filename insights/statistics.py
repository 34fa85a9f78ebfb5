"""The one statistics selector: report counts per period from the weekly
roll-up (ReportWeekCount), feeding the lägesbild document (casework), the
analytics page, its exports and the yearly report, so they cannot disagree.

A period that does not start on a Monday or end on a Sunday has ragged edge
weeks; those few days are counted from casework_report through its
(occurred_on, locality, category) index, so every count is exact and the number
of queries does not depend on how many reports there are. Reports handed over
to the concern track ("moved") are never counted (the roll-up's triggers and
the edge query both leave them out).

This module reads casework's models but never casework's selectors or
services, so casework may call it without an import cycle."""

from collections import Counter
from datetime import date, timedelta

from django.db import connection
from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import Lower

from casework.choices import PeriodKind, ReportStatus
from casework.models import Category, Locality, Report

from .models import ReportWeekCount
from .periods import Period, monday, period_containing, previous, same_last_year, trend_periods


def period_for(kind: str, start: date, end: date | None = None) -> Period:
    """The period of `kind` containing `start`; a custom period runs from
    `start` to `end`. The one period definition of the lägesbild and the
    analytics (ValueError for a custom period without a valid end)."""
    if kind == PeriodKind.CUSTOM:
        if end is None or end < start:
            raise ValueError("a custom period needs an end on or after its start")
        return Period(kind, start, end)
    return period_containing(kind, start)


KEY_FIELDS = {"category": "category_id", "locality": "locality_id"}


def bucket_counts(periods: list[Period], *, keys=("category",), localities=None,
                  categories=None) -> list[Counter]:
    """Report counts per period, keyed by a tuple of `keys` ids. Two queries:
    full weeks from the roll-up, ragged edge days from the reports."""
    fields = [KEY_FIELDS[k] for k in keys]
    results = [Counter() for _ in periods]
    if not periods:
        return results

    # Periods may overlap (a year's "previous period" is also "the same period
    # last year"), so a week or a day can count for several periods. Each
    # period takes a week from the roll-up when the whole week lies inside
    # it, and its ragged edge days from the reports.
    clean_weeks: dict[date, list[int]] = {}
    edges: list[tuple[date, date, int]] = []
    week = monday(min(p.start for p in periods))
    span_end = max(p.end for p in periods)
    while week <= span_end:
        last = week + timedelta(days=6)
        for index, period in enumerate(periods):
            if period.start <= week and last <= period.end:
                clean_weeks.setdefault(week, []).append(index)
            else:
                first, end = max(week, period.start), min(last, period.end)
                if first <= end:
                    edges.append((first, end, index))
        week += timedelta(days=7)

    def narrow(queryset):
        if localities:
            queryset = queryset.filter(locality_id__in=localities)
        if categories:
            queryset = queryset.filter(category_id__in=categories)
        return queryset

    if clean_weeks:
        rows = (narrow(ReportWeekCount.objects.filter(week_start__in=list(clean_weeks)))
                .values("week_start", *fields).annotate(n=Sum("count")).order_by())
        for row in rows:
            if row["n"]:
                for index in clean_weeks[row["week_start"]]:
                    results[index][tuple(row[f] for f in fields)] += row["n"]
    if edges:
        where = Q()
        for first, end in sorted({(first, end) for first, end, _ in edges}):
            where |= Q(occurred_on__range=(first, end))
        rows = (narrow(Report.objects.filter(where).exclude(status=ReportStatus.MOVED))
                .values("occurred_on", *fields).annotate(n=Count("id")).order_by())
        for row in rows:
            day = row["occurred_on"]
            for first, end, index in edges:
                if first <= day <= end:
                    results[index][tuple(row[f] for f in fields)] += row["n"]
    return results


def change(current: int, before: int) -> dict:
    """Change as a number and a percentage (None when there was nothing before)."""
    diff = current - before
    percent = round(100 * diff / before) if before else None
    return {"before": before, "diff": diff, "percent": percent}


def place_ranking(period: Period, *, localities=None, categories=None, limit=15) -> list[dict]:
    """Places with repeated reports (two or more) in the period, most first."""
    queryset = Report.objects.filter(occurred_on__range=(period.start, period.end)).exclude(
        status=ReportStatus.MOVED).exclude(place="")
    if localities:
        queryset = queryset.filter(locality_id__in=localities)
    if categories:
        queryset = queryset.filter(category_id__in=categories)
    rows = (queryset.annotate(place_key=Lower("place"))
            .values("locality__name", "place_key")
            .annotate(n=Count("id"), last=Max("occurred_on"), place=Max("place"))
            .filter(n__gte=2).order_by("-n", "locality__name", "place_key")[:limit])
    return [{"locality": r["locality__name"], "place": r["place"], "count": r["n"],
             "last": r["last"]} for r in rows]


def _by(counter: Counter, position: int) -> Counter:
    """Counts keyed by (locality, category) summed over one of the two."""
    out = Counter()
    for key, n in counter.items():
        out[key[position]] += n
    return out


def compared_counts(period: Period, *, localities=None, categories=None) -> dict:
    """Counts keyed by (locality id, category id) for the period, the period
    before it and the same period last year (two queries)."""
    compared = [period, previous(period), same_last_year(period)]
    now, before, last_year = bucket_counts(compared, keys=("locality", "category"),
                                           localities=localities, categories=categories)
    return {"periods": compared, "now": now, "before": before, "last_year": last_year}


def ordered_categories():
    return Category.objects.order_by("sort_order", "name")


def ordered_localities():
    return Locality.objects.order_by("name")


def picture_figures(period: Period) -> dict:
    """The lägesbild document's figures: reports of the period by locality and
    by category, with the previous period, the same period last year and the
    change against the previous period. Counts only, never report text. Rows
    where all three are zero are left out. The shape is what published
    pictures keep frozen in SituationPicture.summary (JSON)."""
    counts = compared_counts(period)
    _, before_period, last_year_period = counts["periods"]

    def rows(position: int, named) -> list[dict]:
        now, before, last_year = (_by(counts[k], position)
                                  for k in ("now", "before", "last_year"))
        return [{"name": name, "count": now[pk], "previous": before[pk],
                 "last_year": last_year[pk], "change": now[pk] - before[pk]}
                for pk, name in named if now[pk] or before[pk] or last_year[pk]]

    total, previous_total, last_year_total = (
        sum(counts[k].values()) for k in ("now", "before", "last_year"))
    return {
        "total": total, "previous_total": previous_total,
        "last_year_total": last_year_total, "change": total - previous_total,
        "previous_period": [before_period.start.isoformat(), before_period.end.isoformat()],
        "last_year_period": [last_year_period.start.isoformat(),
                             last_year_period.end.isoformat()],
        "by_locality": rows(0, ordered_localities().values_list("id", "name")),
        "by_category": rows(1, ordered_categories().values_list("id", "name")),
    }


def dashboard(period: Period, *, localities=None, categories=None) -> dict:
    """Everything the /lagesbild/ page shows, in a constant number of queries."""
    all_categories = list(ordered_categories())
    all_localities = list(ordered_localities())
    cat_filter = [c.pk for c in categories] if categories else None
    loc_filter = [loc.pk for loc in localities] if localities else None
    counts = compared_counts(period, localities=loc_filter, categories=cat_filter)
    compared = counts["periods"]
    now, before, last_year = counts["now"], counts["before"], counts["last_year"]

    shown_categories = categories or all_categories
    shown_localities = localities or all_localities
    category_rows = []
    cat_now, cat_before, cat_last_year = _by(now, 1), _by(before, 1), _by(last_year, 1)
    for cat in shown_categories:
        n = cat_now[cat.pk]
        category_rows.append({"name": cat.name, "id": cat.pk, "count": n,
                              "previous": change(n, cat_before[cat.pk]),
                              "last_year": change(n, cat_last_year[cat.pk])})
    locality_rows = []
    loc_now, loc_before, loc_last_year = _by(now, 0), _by(before, 0), _by(last_year, 0)
    for loc in shown_localities:
        n = loc_now[loc.pk]
        locality_rows.append({"name": loc.name, "id": loc.pk, "count": n,
                              "latitude": loc.latitude, "longitude": loc.longitude,
                              "previous": change(n, loc_before[loc.pk]),
                              "last_year": change(n, loc_last_year[loc.pk])})
    total = sum(now.values())
    totals = {"count": total, "previous": change(total, sum(before.values())),
              "last_year": change(total, sum(last_year.values()))}

    buckets = trend_periods(period)
    trend_counts = bucket_counts(buckets, keys=("category",), localities=loc_filter,
                                 categories=cat_filter)
    trend = {
        "periods": [b.label() for b in buckets],
        "series": [{"name": cat.name, "values": [c[(cat.pk,)] for c in trend_counts]}
                   for cat in shown_categories],
        "totals": [sum(c.values()) for c in trend_counts],
    }
    return {
        "period": period, "previous_period": compared[1], "last_year_period": compared[2],
        "totals": totals, "categories": category_rows, "localities": locality_rows,
        "trend": trend,
        "places": place_ranking(period, localities=loc_filter, categories=cat_filter),
    }


def iso_year_weeks(year: int) -> tuple[date, date]:
    """First and last Monday of the ISO year."""
    first = date.fromisocalendar(year, 1, 1)
    return first, date.fromisocalendar(year + 1, 1, 1) - timedelta(days=7)


def year_summary(year: int) -> dict:
    """A year's counts read from the roll-up only (ISO weeks of that year, so a
    week is never split): total, per category id, per locality id, per week.
    One query whatever the number of reports (the bench measures this)."""
    first, last = iso_year_weeks(year)
    by_category: Counter = Counter()
    by_locality: Counter = Counter()
    weeks: dict = {}
    if connection.vendor == "postgresql":
        # One scan of the year's roll-up rows, two groupings.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT week_start, locality_id, category_id, SUM(count) "  # noqa: S608
                f"FROM {ReportWeekCount._meta.db_table} "
                "WHERE week_start BETWEEN %s AND %s "
                "GROUP BY GROUPING SETS ((locality_id, category_id), (week_start)) "
                "ORDER BY week_start", [first, last])
            for week, locality_id, category_id, n in cursor.fetchall():
                if week is None:
                    by_category[category_id] += n
                    by_locality[locality_id] += n
                else:
                    weeks[week] = n
    else:
        in_year = ReportWeekCount.objects.filter(week_start__range=(first, last))
        for row in in_year.values("locality_id", "category_id").annotate(
                n=Sum("count")).order_by():
            by_category[row["category_id"]] += row["n"]
            by_locality[row["locality_id"]] += row["n"]
        weeks = {row["week_start"]: row["n"] for row in
                 in_year.values("week_start").annotate(n=Sum("count")).order_by("week_start")}
    return {"year": year, "first_week": first, "last_week": last,
            "total": sum(by_category.values()), "by_category": dict(by_category),
            "by_locality": dict(by_locality), "by_week": weeks}


def names() -> dict:
    """Category and locality names by id (two small queries)."""
    return {"categories": dict(Category.objects.values_list("id", "name")),
            "localities": dict(Locality.objects.values_list("id", "name"))}


