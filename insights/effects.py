"""Did it work? The effect follow-up of measures (issue 15, docs/effects.md).

For a measure with a target (its locality, or a place: coordinates and a
radius) the reports of its categories are counted in equal windows of whole
ISO weeks before and after the week it took effect (that week itself is in
neither window: the measure was half in place), against the same windows for
the rest of the municipality. The statistics are in effect_stats.

Counts never scan the reports: the locality and the municipality come from the
weekly roll-up (ReportWeekCount), a place from the report index on (category,
occurred_on, latitude, longitude). Any number of measures costs the same two
queries (one roll-up read, one place read for all places together)."""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection
from django.db.models import Sum

from casework.choices import MeasureStatus, ReportStatus
from casework.models import Category, Measure, Report

from . import effect_stats
from .models import ReportWeekCount
from .periods import monday

DEFAULT_WEEKS, MIN_WEEKS, MAX_WEEKS = 12, 4, 52
DEFAULT_RADIUS_M = 250  # a place with coordinates but no radius: a block or a square
METRES_PER_DEGREE = 111_320  # latitude; longitude scales by cos(latitude)


@dataclass(frozen=True)
class Windows:
    effect_date: date
    weeks: int
    before_start: date  # a Monday
    after_start: date  # a Monday; the week between is the transition week

    @property
    def before_end(self) -> date:
        return self.before_start + timedelta(days=7 * self.weeks - 1)

    @property
    def after_end(self) -> date:
        return self.after_start + timedelta(days=7 * self.weeks - 1)

    @property
    def week_starts(self) -> list[date]:
        """Every week shown in the series: before, transition, after."""
        return [self.before_start + timedelta(days=7 * i) for i in range(2 * self.weeks + 1)]


def windows_for(day: date, weeks: int = DEFAULT_WEEKS) -> Windows:
    pivot = monday(day)
    return Windows(day, weeks, pivot - timedelta(days=7 * weeks), pivot + timedelta(days=7))


def has_target(measure: Measure) -> bool:
    return measure.locality_id is not None or has_place(measure)


def has_place(measure: Measure) -> bool:
    return measure.latitude is not None and measure.longitude is not None


def is_assessable(measure: Measure, windows: Windows, today: date) -> bool:
    """Done, or under way for a whole after-window already (EST follows up a
    measure once it has run long enough; a cancelled one is not followed up)."""
    if measure.status == MeasureStatus.DONE:
        return True
    return (measure.status in (MeasureStatus.DECIDED, MeasureStatus.IN_PROGRESS)
            and windows.after_end < today)


# ---------------------------------------------------------------- reading counts

def _rollup(first_week: date, last_week: date, category_ids) -> tuple[Counter, Counter]:
    """(per (week, category) for the municipality, per (week, locality,
    category)) from the roll-up: one query."""
    rows = ReportWeekCount.objects.filter(week_start__range=(first_week, last_week),
                                          count__gt=0)
    if category_ids is not None:
        rows = rows.filter(category_id__in=category_ids)
    total, local = Counter(), Counter()
    for row in rows.values("week_start", "locality_id", "category_id").annotate(
            n=Sum("count")).order_by():
        total[row["week_start"], row["category_id"]] += row["n"]
        local[row["week_start"], row["locality_id"], row["category_id"]] += row["n"]
    return total, local


def _place_counts(targets: list[tuple[Measure, Windows, list[int]]]) -> dict:
    """{measure id: {"t": Counter(week), "d": Counter(week)}} for the measures
    with a place, in one query: each (measure, category) pair probes the
    report index for its box of coordinates and date range; the circle (and
    the ring of the surrounding zone) is then cut by distance."""
    out = defaultdict(lambda: {"t": Counter(), "d": Counter()})
    columns = defaultdict(list)
    for measure, windows, category_ids in targets:
        lat, lon = float(measure.latitude), float(measure.longitude)
        inner = measure.radius_m or DEFAULT_RADIUS_M
        outer = inner + (measure.buffer_m or 0)
        lon_scale = METRES_PER_DEGREE * math.cos(math.radians(lat))
        dlat, dlon = outer / METRES_PER_DEGREE, outer / lon_scale
        for category_id in category_ids:
            for name, value in (("id", measure.pk), ("cat", category_id), ("lat", lat),
                                ("lon", lon), ("scale", lon_scale), ("inner", inner ** 2),
                                ("outer", outer ** 2), ("lat0", round(lat - dlat, 6)),
                                ("lat1", round(lat + dlat, 6)), ("lon0", round(lon - dlon, 6)),
                                ("lon1", round(lon + dlon, 6)),
                                ("first", windows.before_start), ("last", windows.after_end)):
                columns[name].append(value)
    if not columns:
        return out
    report = Report._meta.db_table
    # The box bounds are numeric like the columns, so the index on (category,
    # occurred_on, latitude, longitude) is used; moved reports have no
    # category, the status test is for clarity and touches only the hits.
    sql = f"""
        SELECT id, d2 <= inner2 AS inside, week, COUNT(*) FROM (
          SELECT m.id, m.inner2, m.outer2, date_trunc('week', r.occurred_on)::date AS week,
                 power((r.latitude::float8 - m.lat) * {METRES_PER_DEGREE}, 2)
                 + power((r.longitude::float8 - m.lon) * m.scale, 2) AS d2
          FROM unnest(%s::bigint[], %s::bigint[], %s::float8[], %s::float8[], %s::float8[],
                      %s::float8[], %s::float8[], %s::numeric[], %s::numeric[],
                      %s::numeric[], %s::numeric[], %s::date[], %s::date[])
               AS m(id, cat, lat, lon, scale, inner2, outer2, lat0, lat1, lon0, lon1,
                    first_day, last_day)
          JOIN {report} r ON r.category_id = m.cat
           AND r.occurred_on BETWEEN m.first_day AND m.last_day
           AND r.latitude BETWEEN m.lat0 AND m.lat1
           AND r.longitude BETWEEN m.lon0 AND m.lon1
           AND r.status <> %s
        ) AS hits WHERE d2 <= outer2 GROUP BY 1, 2, 3"""  # noqa: S608 (table name only)
    params = [columns[name] for name in ("id", "cat", "lat", "lon", "scale", "inner", "outer",
                                         "lat0", "lat1", "lon0", "lon1", "first", "last")]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, ReportStatus.MOVED])
        for measure_id, inside, week, n in cursor.fetchall():
            out[measure_id]["t" if inside else "d"][week] += n
    return out


# ---------------------------------------------------------------- assembling

def _series(measure, windows, category_ids, total, local, place) -> dict:
    """Weekly counts for the place (t), the rest of the municipality (c) and
    the surrounding zone (d, None without one)."""
    t, c, d = [], [], []
    for week in windows.week_starts:
        everywhere = sum(total[week, cat] for cat in category_ids)
        if place is not None:
            here = place["t"][week]
            d.append(place["d"][week])
        else:
            here = sum(local[week, measure.locality_id, cat] for cat in category_ids)
        t.append(here)
        c.append(max(everywhere - here - (d[-1] if d else 0), 0))
    return {"weeks": windows.week_starts, "t": t, "c": c,
            "d": d if place is not None and measure.buffer_m else None}


def _result(measure, windows, series, today) -> dict:
    n = windows.weeks

    def window_sums(values):
        return (sum(values[:n]), sum(values[n + 1:])) if values is not None else (None, None)

    t0, t1 = window_sums(series["t"])
    c0, c1 = window_sums(series["c"])
    d0, d1 = window_sums(series["d"])
    if windows.after_end >= today:
        estimate = effect_stats.Estimate(t0, t1, c0, c1, d0, d1,
                                         verdict=effect_stats.TOO_EARLY)
    else:
        estimate = effect_stats.estimate(t0, t1, c0, c1, d0, d1)
    return {"measure": measure, "windows": windows, "series": series, "estimate": estimate,
            "by_place": has_place(measure)}


def effects_for(measures: list[Measure], *, weeks: int = DEFAULT_WEEKS,
                today: date) -> list[dict]:
    """The effect of each measure (with its categories prefetched or not: one
    query per measure otherwise, so callers prefetch). Measures without a
    target get verdict NO_TARGET. Two queries for any number of measures."""
    all_categories = None
    plans = []
    for measure in measures:
        windows = windows_for(measure.effect_date, weeks)
        if not has_target(measure):
            plans.append((measure, windows, None))
            continue
        category_ids = [c.pk for c in measure.categories.all()]
        if not category_ids:
            if all_categories is None:
                all_categories = list(Category.objects.values_list("pk", flat=True))
            category_ids = all_categories
        plans.append((measure, windows, category_ids))
    targeted = [p for p in plans if p[2] is not None]
    total, local = Counter(), Counter()
    if targeted:
        cats = sorted({c for _, _, ids in targeted for c in ids})
        every = all_categories is not None and set(cats) == set(all_categories)
        total, local = _rollup(min(w.before_start for _, w, _ in targeted),
                               max(w.after_end for _, w, _ in targeted),
                               None if every else cats)
    places = _place_counts([p for p in targeted if has_place(p[0])])
    results = []
    for measure, windows, category_ids in plans:
        if category_ids is None:
            results.append({"measure": measure, "windows": windows, "series": None,
                            "by_place": False, "estimate": effect_stats.Estimate(
                                0, 0, 0, 0, verdict=effect_stats.NO_TARGET)})
            continue
        place = places[measure.pk] if has_place(measure) else None
        series = _series(measure, windows, category_ids, total, local, place)
        results.append(_result(measure, windows, series, today))
    return results


def measure_effect(measure: Measure, *, weeks: int = DEFAULT_WEEKS, today: date) -> dict:
    """The effect panel's data for one measure, with `assessable`."""
    result = effects_for([measure], weeks=weeks, today=today)[0]
    result["assessable"] = is_assessable(measure, result["windows"], today)
    return result


def support_key(result: dict):
    """Sort key "what the data can support": a verdict with a narrow interval
    first, then too early, then too few (most reports first), then no target."""
    estimate = result["estimate"]
    rank = {effect_stats.FEWER: 0, effect_stats.MORE: 0, effect_stats.UNCLEAR: 0,
            effect_stats.TOO_EARLY: 1, effect_stats.TOO_FEW: 2}.get(estimate.verdict, 3)
    return (rank, estimate.se if estimate.se is not None else 0,
            -((estimate.t0 or 0) + (estimate.t1 or 0)), result["measure"].pk)


def year_effects(year: int, *, measures, weeks: int = DEFAULT_WEEKS, today: date) -> list[dict]:
    """The year's finished measures (done, completed in `year`) from the
    queryset `measures` (already cut to what the reader may see), with their
    estimates, sorted by what the data can support. Constant queries."""
    finished = list(measures.filter(status=MeasureStatus.DONE, completed_at__year=year)
                    .select_related("locality", "owner_organisation")
                    .prefetch_related("categories").order_by("completed_at", "pk"))
    return sorted(effects_for(finished, weeks=weeks, today=today), key=support_key)
