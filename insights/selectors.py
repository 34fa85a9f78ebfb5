"""Reads for walks, surveys and the yearly report. Report counts come from
insights.statistics (the one statistics selector)."""

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q

from casework.choices import MeasureStatus
from casework.models import Locality, Measure
from casework.selectors import measures_visible_to
from meetings.models import Meeting, MeetingStatus

from .models import SafetyWalk, Survey, SurveyResult
from .periods import Term, term_containing

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
    rows = coverage(term, today=today)
    missing = [row["locality"] for row in rows if not row["walked"] and not row["planned"]]
    # A date that already has a walk (any locality) is taken: the walk group
    # cannot be in two places. Then the next free Tuesday of that month.
    taken = {walk.date for row in rows for walk in row["walks"]}
    slots = []
    year = max(today, term.start).year
    while len(slots) < len(missing) and year <= term.end.year:
        for month in PLAN_MONTHS:
            first = date(year, month, 1)
            second_tuesday = first + timedelta(days=(1 - first.weekday()) % 7 + 7)
            tuesdays = [second_tuesday + timedelta(weeks=n) for n in range(3)]
            free = [day for day in tuesdays if day not in taken]
            if free and max(today, term.start) < free[0] <= term.end:
                slots.append(free[0])
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

def coordination(year: int, *, today: date | None = None) -> dict:
    """Working groups and meetings held in the year (not called off, not in
    the future), per group."""
    meetings = Meeting.objects.filter(date__year=year).exclude(status=MeetingStatus.CANCELLED)
    if today is not None:
        meetings = meetings.filter(date__lte=today)
    rows = [{"group": row["group__name"], "count": row["n"]} for row in
            meetings.values("group__name").annotate(n=Count("pk")).order_by("group__name")]
    return {"total": sum(row["count"] for row in rows), "groups": rows}


def safety_meeting_choices(around: date):
    """Meetings within a year of `around` that a walk can be tied to: not
    called off, and never a meeting of a group that handles sensitive matters
    (its title and date are not for everyone who records walks)."""
    return (Meeting.objects.filter(
        date__range=(around - timedelta(days=366), around + timedelta(days=366)),
        group__handles_sensitive=False).exclude(status=MeetingStatus.CANCELLED)
        .order_by("date", "start_time", "id"))


def meeting_label(meeting) -> str:
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
