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

import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cached_property
from itertools import accumulate

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

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

    @cached_property
    def before_end(self) -> date:
        return self.before_start + timedelta(days=7 * self.weeks - 1)

    @cached_property
    def after_end(self) -> date:
        return self.after_start + timedelta(days=7 * self.weeks - 1)

    @cached_property
    def week_starts(self) -> list[date]:
        """Every week shown in the series: before, transition, after."""
        return [self.before_start + timedelta(days=7 * i) for i in range(2 * self.weeks + 1)]


def windows_for(day: date, weeks: int = DEFAULT_WEEKS) -> Windows:
    pivot = monday(day)
    return Windows(day, weeks, pivot - timedelta(days=7 * weeks), pivot + timedelta(days=7))


@dataclass(frozen=True)
class Target:
    """What the analysis needs of a measure, without a model instance (the
    yearly page reads hundreds of them as plain rows)."""

    pk: int
    title: str
    status: str
    effect_date: date
    locality_id: int | None = None
    locality_name: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    radius_m: int | None = None
    buffer_m: int | None = None
    category_ids: tuple = ()  # empty: every category
    category_names: tuple = ()


def target_of(measure: Measure) -> Target:
    categories = list(measure.categories.all())
    return Target(measure.pk, measure.title, measure.status, measure.effect_date,
                  measure.locality_id, measure.locality.name if measure.locality_id else "",
                  measure.latitude, measure.longitude, measure.radius_m, measure.buffer_m,
                  tuple(c.pk for c in categories), tuple(c.name for c in categories))


def has_target(measure) -> bool:
    return measure.locality_id is not None or has_place(measure)


def has_place(measure) -> bool:
    return measure.latitude is not None and measure.longitude is not None


def is_assessable(measure, windows: Windows, today: date) -> bool:
    """Done, or under way for a whole after-window already (EST follows up a
    measure once it has run long enough; a cancelled one is not followed up)."""
    if measure.status == MeasureStatus.DONE:
        return True
    return (measure.status in (MeasureStatus.DECIDED, MeasureStatus.IN_PROGRESS)
            and windows.after_end < today)


# ---------------------------------------------------------------- reading counts

class _Rollup:
    """The roll-up over a span of weeks as running sums per (locality,
    category) and per category, so any window's count is two lookups."""

    def __init__(self, first_week: date, last_week: date, category_ids):
        self.first = first_week
        size = (last_week - first_week).days // 7 + 2
        self.local: dict = defaultdict(lambda: [0] * size)
        self.total: dict = defaultdict(lambda: [0] * size)
        table = ReportWeekCount._meta.db_table
        # count <> 0, not > 0: a slot may hold a negative part of its cell
        where, params = "week_start BETWEEN %s AND %s AND count <> 0", [first_week, last_week]
        if category_ids is not None:
            where += " AND category_id = ANY(%s)"
            params.append(list(category_ids))
        # One row per week, locality, category and slot: the slots add up
        # below as they are read, no grouping in SQL.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT week_start, locality_id, category_id, count "  # noqa: S608
                           f"FROM {table} WHERE {where}", params)
            for week, locality_id, category_id, n in cursor.fetchall():
                index = (week - first_week).days // 7 + 1
                self.local[locality_id, category_id][index] += n
                self.total[category_id][index] += n
        for runs in (*self.local.values(), *self.total.values()):
            runs[:] = accumulate(runs)

    def _sum(self, runs, first: date, last: date) -> int:
        return runs[(last - self.first).days // 7 + 1] - runs[(first - self.first).days // 7]

    def count(self, category_ids, first: date, last: date, locality_id=None) -> int:
        """Reports in the weeks first..last (Mondays, inclusive)."""
        if locality_id is None:
            return sum(self._sum(self.total[c], first, last) for c in category_ids
                       if c in self.total)
        return sum(self._sum(self.local[locality_id, c], first, last) for c in category_ids
                   if (locality_id, c) in self.local)


def _place_counts(targets: list[tuple["Target", Windows]]) -> dict:
    """{measure id: {"t": Counter(week), "d": Counter(week)}} for the measures
    with a place, in one query: each (measure, category) pair probes the
    report index for its box of coordinates and date range; the circle (and
    the ring of the surrounding zone) is then cut by distance."""
    out = defaultdict(lambda: {"t": Counter(), "d": Counter()})
    probes = []
    for measure, windows in targets:
        lat, lon = float(measure.latitude), float(measure.longitude)
        inner = measure.radius_m or DEFAULT_RADIUS_M
        outer = inner + (measure.buffer_m or 0)
        lon_scale = METRES_PER_DEGREE * math.cos(math.radians(lat))
        dlat, dlon = outer / METRES_PER_DEGREE, outer / lon_scale
        for category_id in measure.category_ids:
            probes.append({"id": measure.pk, "cat": category_id, "lat": lat, "lon": lon,
                           "scale": lon_scale, "inner2": inner ** 2, "outer2": outer ** 2,
                           "lat0": round(lat - dlat, 6), "lat1": round(lat + dlat, 6),
                           "lon0": round(lon - dlon, 6), "lon1": round(lon + dlon, 6),
                           "first_day": windows.before_start.isoformat(),
                           "last_day": windows.after_end.isoformat()})
    if not probes:
        return out
    report = Report._meta.db_table
    # The probes go as one JSON parameter (adapting thousands of array
    # elements one by one costs more than the query). The box bounds are
    # numeric like the columns, so the index on (category, occurred_on,
    # latitude, longitude) is used; moved reports have no category, the
    # status test is for clarity and touches only the hits.
    sql = f"""
        SELECT id, d2 <= inner2 AS inside, week, COUNT(*) FROM (
          SELECT m.id, m.inner2, m.outer2, date_trunc('week', r.occurred_on)::date AS week,
                 power((r.latitude::float8 - m.lat) * {METRES_PER_DEGREE}, 2)
                 + power((r.longitude::float8 - m.lon) * m.scale, 2) AS d2
          FROM json_to_recordset(%s::json)
               AS m(id bigint, cat bigint, lat float8, lon float8, scale float8,
                    inner2 float8, outer2 float8, lat0 numeric, lat1 numeric, lon0 numeric,
                    lon1 numeric, first_day date, last_day date)
          JOIN {report} r ON r.category_id = m.cat
           AND r.occurred_on BETWEEN m.first_day AND m.last_day
           AND r.latitude BETWEEN m.lat0 AND m.lat1
           AND r.longitude BETWEEN m.lon0 AND m.lon1
           AND r.status <> %s
        ) AS hits WHERE d2 <= outer2 GROUP BY 1, 2, 3"""  # noqa: S608 (table name only)
    with connection.cursor() as cursor:
        cursor.execute(sql, [json.dumps(probes), ReportStatus.MOVED])
        for measure_id, inside, week, n in cursor.fetchall():
            out[measure_id]["t" if inside else "d"][week] += n
    return out


# ---------------------------------------------------------------- assembling

def _counts(target: Target, category_ids, rollup: _Rollup, place, first: date,
            last: date) -> tuple[int, int, int]:
    """(target area, rest of the municipality, surrounding zone) in the weeks
    first..last."""
    everywhere = rollup.count(category_ids, first, last)
    if place is None:
        here = rollup.count(category_ids, first, last, target.locality_id)
        zone = 0
    else:
        here = sum(n for week, n in place["t"].items() if first <= week <= last)
        zone = sum(n for week, n in place["d"].items() if first <= week <= last)
    return here, max(everywhere - here - zone, 0), zone


def _result(target, windows, category_ids, rollup, place, today, with_series) -> dict:
    has_zone = place is not None and bool(target.buffer_m)
    last_before = windows.after_start - timedelta(days=14)
    last_after = windows.after_start + timedelta(days=7 * (windows.weeks - 1))
    t0, c0, d0 = _counts(target, category_ids, rollup, place, windows.before_start,
                         last_before)
    t1, c1, d1 = _counts(target, category_ids, rollup, place, windows.after_start, last_after)
    d0, d1 = (d0, d1) if has_zone else (None, None)
    if windows.after_end >= today:
        estimate = effect_stats.Estimate(t0, t1, c0, c1, d0, d1,
                                         verdict=effect_stats.TOO_EARLY)
    else:
        estimate = effect_stats.estimate(t0, t1, c0, c1, d0, d1)
    series = None
    if with_series:
        weekly = [_counts(target, category_ids, rollup, place, week, week)
                  for week in windows.week_starts]
        series = {"weeks": windows.week_starts, "t": [w[0] for w in weekly],
                  "c": [w[1] for w in weekly],
                  "d": [w[2] for w in weekly] if has_zone else None}
    return {"measure": target, "windows": windows, "series": series, "estimate": estimate,
            "has_zone": has_zone, "by_place": place is not None}


def effects_for(targets: list[Target], *, weeks: int = DEFAULT_WEEKS, today: date,
                with_series: bool = True) -> list[dict]:
    """The effect of each target; those without a locality or place get
    verdict NO_TARGET. Two queries (three when a target has no categories)
    for any number of targets."""
    all_categories = None
    if any(not t.category_ids for t in targets if has_target(t)):
        all_categories = tuple(Category.objects.values_list("pk", flat=True))
    plans = [(t, windows_for(t.effect_date, weeks), t.category_ids or all_categories)
             for t in targets]
    targeted = [p for p in plans if has_target(p[0])]
    rollup = places = None
    if targeted:
        cats = {c for _, _, ids in targeted for c in ids}
        every = all_categories is not None and cats == set(all_categories)
        rollup = _Rollup(min(w.before_start for _, w, _ in targeted),
                         max(w.after_end for _, w, _ in targeted), None if every else cats)
        places = _place_counts([(replace(t, category_ids=ids), w)
                                for t, w, ids in targeted if has_place(t)])
    results = []
    for target, windows, category_ids in plans:
        if not has_target(target):
            results.append({"measure": target, "windows": windows, "series": None,
                            "has_zone": False, "by_place": False,
                            "estimate": effect_stats.Estimate(
                                0, 0, 0, 0, verdict=effect_stats.NO_TARGET)})
            continue
        place = places[target.pk] if has_place(target) else None
        results.append(_result(target, windows, category_ids, rollup, place, today,
                               with_series))
    return results


def measure_effect(measure: Measure, *, weeks: int = DEFAULT_WEEKS, today: date) -> dict:
    """The effect panel's data for one measure (categories and locality
    loaded with it), with `assessable`."""
    result = effects_for([target_of(measure)], weeks=weeks, today=today)[0]
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


TARGET_COLUMNS = ("pk", "title", "status", "effective_on", "created_at", "locality_id",
                  "locality__name", "latitude", "longitude", "radius_m", "buffer_m")


# The year's estimates are the same for every reader: they are computed once
# for all the year's finished measures, cached, and cut per request to the
# measures this reader may see (docs/effects.md, "Speed"). The key holds what
# changes them: year, window, today (too early / not), the year's measures
# (latest change, number, newest id); late reports in the roll-up are bounded by the TTL.
YEAR_CACHE_SECONDS = 600


def year_state(year: int, *, measures, weeks: int, today: date) -> tuple[str, list[int]]:
    """(cache key of the year's estimates, ids of the year's finished measures
    in `measures`, the queryset of what the reader may see): one query. It
    runs on every request of the yearly page, so it is written out: the ORM
    took longer to compile the aggregate than PostgreSQL took to answer it."""
    zone = timezone.get_current_timezone()
    start, end = datetime(year, 1, 1, tzinfo=zone), datetime(year + 1, 1, 1, tzinfo=zone)
    if measures.model is Measure and not measures.query.where:
        visible_sql, visible_params = "TRUE", ()  # every measure (e.g. the coordinator)
    else:
        sql, visible_params = measures.values("pk").query.sql_with_params()
        visible_sql = f"id IN ({sql})"
    table = Measure._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT MAX(updated_at), COUNT(*), MAX(id), "  # noqa: S608 (table name only)
            f"COALESCE(ARRAY_AGG(id) FILTER (WHERE {visible_sql}), '{{}}') "
            f"FROM {table} WHERE status = %s AND completed_at >= %s AND completed_at < %s",
            [*visible_params, MeasureStatus.DONE, start, end])
        stamp, count, last, visible = cursor.fetchone()
    stamp = stamp.isoformat() if stamp else "-"
    key = f"effects-year:v2:{year}:{weeks}:{today.isoformat()}:{stamp}:{count}:{last}"
    return key, sorted(visible)


def year_effects(year: int, *, measures, weeks: int = DEFAULT_WEEKS, today: date,
                 state: tuple[str, list[int]] | None = None) -> list[dict]:
    """The year's finished measures (done, completed in `year`) that are in
    the queryset `measures` (what the reader may see), with their estimates
    (no weekly series), sorted by what the data can support. One query when
    the year is cached, five when not, whatever the number of measures;
    none for the state when the caller has it already."""
    key, visible = state or year_state(year, measures=measures, weeks=weeks, today=today)
    visible = set(visible)
    return [row for row in year_all(year, key=key, weeks=weeks, today=today)
            if row["measure"].pk in visible]


def year_all(year: int, *, key: str, weeks: int, today: date) -> list[dict]:
    """Every finished measure of the year with its estimate, sorted, for
    every reader alike (cut it before showing it): cached under `key`."""
    rows = cache.get(key)
    if rows is None:
        finished = Measure.objects.filter(status=MeasureStatus.DONE, completed_at__year=year)
        rows = _year_effects(finished, weeks=weeks, today=today)
        cache.set(key, rows, YEAR_CACHE_SECONDS)
    return rows


def _year_effects(finished, *, weeks: int, today: date) -> list[dict]:
    """Every measure of `finished` with its estimate, sorted; read as plain
    rows: four queries whatever the number of measures."""
    rows = list(finished.order_by("completed_at", "pk").values_list(*TARGET_COLUMNS))
    links = defaultdict(list)
    # The same filter as a subquery (not hundreds of ids in an IN list).
    for measure_id, category_id, name in Measure.categories.through.objects.filter(
            measure__in=finished.values("pk")).order_by("category__sort_order").values_list(
            "measure_id", "category_id", "category__name"):
        links[measure_id].append((category_id, name))
    targets = [Target(pk, title, status, effective_on or timezone.localdate(created_at),
                      locality_id, locality_name or "", lat, lon, radius, buffer,
                      tuple(c for c, _ in links[pk]), tuple(n for _, n in links[pk]))
               for (pk, title, status, effective_on, created_at, locality_id, locality_name,
                    lat, lon, radius, buffer) in rows]
    return sorted(effects_for(targets, weeks=weeks, today=today, with_series=False),
                  key=support_key)
