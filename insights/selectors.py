"""Reads for the lägesbild analytics, walks, surveys and the yearly report.

Counts come from the weekly roll-up (ReportWeekCount). A period that does not
start on a Monday or end on a Sunday has ragged edge weeks; those few days are
counted from casework_report through its (occurred_on, locality, category)
index, so every count is exact and the number of queries does not depend on how
many reports there are."""

from collections import Counter, defaultdict
from datetime import date, timedelta

from django.apps import apps
from django.db import connection
from django.db.models import Count, Exists, Max, OuterRef, Q, Sum
from django.db.models.functions import Lower

from casework.choices import MeasureStatus, ReportStatus
from casework.models import Category, Locality, Measure, Report
from casework.selectors import measures_visible_to

from .models import ReportWeekCount, SafetyWalk, Survey, SurveyResult
from .periods import Period, Term, monday, previous, same_last_year, term_containing, trend_periods

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


def dashboard(period: Period, *, localities=None, categories=None) -> dict:
    """Everything the /lagesbild/ page shows, in a constant number of queries."""
    all_categories = list(Category.objects.order_by("sort_order", "name"))
    all_localities = list(Locality.objects.order_by("name"))
    cat_filter = [c.pk for c in categories] if categories else None
    loc_filter = [loc.pk for loc in localities] if localities else None
    compared = [period, previous(period), same_last_year(period)]
    now, before, last_year = bucket_counts(compared, keys=("locality", "category"),
                                           localities=loc_filter, categories=cat_filter)

    def by(counter, position):
        out = Counter()
        for key, n in counter.items():
            out[key[position]] += n
        return out

    shown_categories = categories or all_categories
    shown_localities = localities or all_localities
    category_rows = []
    for cat in shown_categories:
        n = by(now, 1)[cat.pk]
        category_rows.append({"name": cat.name, "id": cat.pk, "count": n,
                              "previous": change(n, by(before, 1)[cat.pk]),
                              "last_year": change(n, by(last_year, 1)[cat.pk])})
    locality_rows = []
    for loc in shown_localities:
        n = by(now, 0)[loc.pk]
        locality_rows.append({"name": loc.name, "id": loc.pk, "count": n,
                              "latitude": loc.latitude, "longitude": loc.longitude,
                              "previous": change(n, by(before, 0)[loc.pk]),
                              "last_year": change(n, by(last_year, 0)[loc.pk])})
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


# -- safety walks and coverage ------------------------------------------------

def coverage(term: Term, *, today: date) -> list[dict]:
    """Each active locality with its walks in the term; `walked` when a walk
    has taken place, `planned` when one is booked, neither = highlighted."""
    walks = defaultdict(list)
    for walk in SafetyWalk.objects.filter(date__range=(term.start, term.end)).order_by("date"):
        walks[walk.locality_id].append(walk)
    rows = []
    for loc in Locality.objects.filter(is_active=True).order_by("name"):
        own = walks.get(loc.pk, [])
        rows.append({"locality": loc, "walks": own,
                     "walked": any(w.date <= today for w in own),
                     "planned": any(w.date > today for w in own)})
    return rows


def localities_without_walk(term: Term) -> list[str]:
    """For the start page, in one query: the active localities with no walk
    in the term, neither done nor booked (the highlighted rows of `coverage`)."""
    walks = SafetyWalk.objects.filter(locality=OuterRef("pk"),
                                      date__range=(term.start, term.end))
    return list(Locality.objects.filter(is_active=True).exclude(Exists(walks))
                .order_by("name").values_list("name", flat=True))


PLAN_MONTHS = (3, 5, 9, 11)  # four walks a year, out of the darkest and the holiday months


def walk_plan(term: Term, *, today: date) -> list[dict]:
    """Proposed walks for the localities with no walk (done or booked) in the
    term: four a year, the second Tuesday of March, May, September and
    November, from today until the term ends."""
    missing = [row["locality"] for row in coverage(term, today=today)
               if not row["walked"] and not row["planned"]]
    slots = []
    year = max(today, term.start).year
    while len(slots) < len(missing) and year <= term.end.year:
        for month in PLAN_MONTHS:
            first = date(year, month, 1)
            tuesday = first + timedelta(days=(1 - first.weekday()) % 7 + 7)
            if max(today, term.start) < tuesday <= term.end:
                slots.append(tuesday)
        year += 1
    plan = [{"locality": loc, "date": slot} for loc, slot in zip(missing, slots, strict=False)]
    for loc in missing[len(slots):]:
        plan.append({"locality": loc, "date": None})
    return plan


def walk_measures(walk: SafetyWalk) -> dict:
    """Measures made from the walk's places, by place id."""
    from django.contrib.contenttypes.models import ContentType

    from .models import WalkPlace

    place_type = ContentType.objects.get_for_model(WalkPlace)
    out = defaultdict(list)
    for measure in Measure.objects.filter(source_type=place_type,
                                          source_id__in=[p.pk for p in walk.places.all()]
                                          ).select_related("owner_organisation"):
        out[measure.source_id].append(measure)
    return out


# -- survey -------------------------------------------------------------------

def survey_comparison() -> dict:
    """Per question and option, the share (or count) each year, all respondents."""
    surveys = list(Survey.objects.order_by("year"))
    table: dict[str, dict[str, dict[int, object]]] = defaultdict(lambda: defaultdict(dict))
    for row in SurveyResult.objects.filter(breakdown="total").select_related("survey").order_by(
            "survey__year", "row_number"):
        value = row.share if row.share is not None else row.count
        table[row.question][row.option][row.survey.year] = value
    return {"years": [s.year for s in surveys],
            "questions": [{"question": q, "options": [{"option": o, "values": v}
                                                      for o, v in options.items()]}
                          for q, options in table.items()]}


def top_options(survey: Survey, *, per_question: int = 3) -> list[dict]:
    """The top answers of each question (all respondents), e.g. the top wishes."""
    from django.contrib.contenttypes.models import ContentType

    result_type = ContentType.objects.get_for_model(SurveyResult)
    rows = list(survey.results.filter(breakdown="total"))
    measures = defaultdict(list)
    for measure in Measure.objects.filter(source_type=result_type,
                                          source_id__in=[r.pk for r in rows]):
        measures[measure.source_id].append(measure)
    grouped = defaultdict(list)
    for row in rows:
        grouped[row.question].append(row)
    out = []
    for question, answers in grouped.items():
        answers.sort(key=lambda r: -(r.share if r.share is not None else r.count or 0))
        out.append({"question": question,
                    "top": [{"result": r, "measures": measures.get(r.pk, [])}
                            for r in answers[:per_question]]})
    return out


# -- yearly report --------------------------------------------------------------

def _meeting_model():
    """meetings.Meeting when that app has it (built separately), else None."""
    if not apps.is_installed("meetings"):
        return None
    try:
        return apps.get_model("meetings", "Meeting")
    except LookupError:
        return None


def coordination(year: int, *, today: date | None = None) -> dict:
    """Working groups and meetings held in the year (not cancelled, not in the
    future), from the meetings app when it has models; else available=False."""
    meeting_model = _meeting_model()
    if meeting_model is None:
        return {"available": False}
    names = {f.name for f in meeting_model._meta.get_fields()}
    date_field = next((f for f in ("date", "starts_at", "start", "held_at", "held_on")
                       if f in names), None)
    if date_field is None:
        return {"available": False}
    queryset = meeting_model.objects.filter(**{f"{date_field}__year": year})
    if today is not None:
        queryset = queryset.filter(**{f"{date_field}__lte": today})
    if "status" in names:
        queryset = queryset.exclude(status="cancelled")
    group_field = next((f for f in ("group", "working_group", "series") if f in names), None)
    rows = []
    if group_field:
        for row in queryset.values(f"{group_field}__name").annotate(n=Count("pk")).order_by(
                f"{group_field}__name"):
            rows.append({"group": row[f"{group_field}__name"] or "–", "count": row["n"]})
    return {"available": True, "total": queryset.count(), "groups": rows}


def meeting_choices(around: date) -> list[tuple[int, str]]:
    """Meetings within a year of `around`, to tie a walk to its trygghetsmöte."""
    meeting_model = _meeting_model()
    if meeting_model is None:
        return []
    try:
        meetings = meeting_model.objects.filter(
            date__range=(around - timedelta(days=366), around + timedelta(days=366))
        ).select_related("group").order_by("date")[:300]
        return [(m.pk, f"{m.date.isoformat()} {m.title}") for m in meetings]
    except Exception:  # noqa: BLE001 (another app's schema; degrade to free text)
        return []


def meeting_label(meeting_id) -> str:
    meeting_model = _meeting_model()
    if meeting_model is None or not meeting_id:
        return ""
    meeting = meeting_model.objects.filter(pk=meeting_id).first()
    return f"{meeting.date.isoformat()} {meeting.title}" if meeting else ""


def action_plan(year: int) -> tuple[list[Measure], int]:
    """Measures of the year (created in it, or still open at its end) that
    anyone may read, and how many more there are from working groups that
    handle sensitive matters. The yearly report is a document for
    kommunstyrelsen that leaves Tryggsam (PDF, XLSX), so it is cut for a
    reader outside every group whoever downloads it: those measures are
    counted, never named."""
    end = date(year, 12, 31)
    open_states = [MeasureStatus.PROPOSED, MeasureStatus.DECIDED, MeasureStatus.IN_PROGRESS]
    of_year = Measure.objects.filter(Q(created_at__year=year) | Q(
        status__in=open_states, created_at__date__lte=end))
    listed = list(measures_visible_to(None, of_year).select_related(
        "owner_organisation", "owner").order_by("status", "due_date", "id"))
    return listed, of_year.count() - len(listed)


def term_for(day: date) -> Term:
    return term_containing(day)
