"""Reads for walks, surveys and the yearly report. Report counts come from
insights.statistics (the one statistics selector)."""

from collections import defaultdict
from datetime import date, timedelta

from django.apps import apps
from django.db.models import Count, Q

from casework.choices import MeasureStatus
from casework.models import Locality, Measure
from casework.selectors import measures_visible_to

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
