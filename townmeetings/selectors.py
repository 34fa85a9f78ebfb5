"""Reads for trygghetsmöten: coverage per locality and term, the list, one
meeting with its programme, input and what became of the input."""

from collections import defaultdict
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from casework.models import Locality, Measure
from core.access import allowed
from insights.models import SafetyWalk
from insights.periods import Term
from insights.walk_links import WalkLink

from .models import TownMeeting, TownMeetingInput


def coverage(term: Term, *, today: date) -> list[dict]:
    """Each active locality with its trygghetsmöten in the term: `held` when
    one has taken place, `planned` when one is booked, neither = missing.
    Two queries whatever the number of localities (they are data)."""
    meetings = defaultdict(list)
    for meeting in (TownMeeting.objects.filter(date__range=(term.start, term.end))
                    .order_by("date", "id")):
        meetings[meeting.locality_id].append(meeting)
    rows = []
    for loc in Locality.objects.filter(is_active=True).order_by("name"):
        own = meetings.get(loc.pk, [])
        rows.append({"locality": loc, "meetings": own,
                     "held": any(m.date <= today for m in own),
                     "planned": any(m.date > today for m in own)})
    return rows


def coverage_counts(rows: list[dict]) -> dict:
    return {"localities": len(rows), "held": sum(1 for r in rows if r["held"]),
            "planned": sum(1 for r in rows if r["planned"] and not r["held"]),
            "missing": sum(1 for r in rows if not r["held"] and not r["planned"])}


def meeting_list():
    return (TownMeeting.objects.select_related("locality", "safety_walk")
            .annotate(input_count=Count("inputs")).order_by("-date", "id"))


def meeting_detail(pk: int) -> TownMeeting | None:
    return (TownMeeting.objects.select_related("locality", "safety_walk__locality")
            .filter(pk=pk).first())


def inputs_with_outcomes(meeting: TownMeeting) -> list[dict]:
    """The meeting's input, each with the measures made from it and its
    report (three queries)."""
    inputs = list(meeting.inputs.select_related("report"))
    input_type = ContentType.objects.get_for_model(TownMeetingInput)
    measures = defaultdict(list)
    for measure in Measure.objects.filter(source_type=input_type,
                                          source_id__in=[i.pk for i in inputs]).order_by("id"):
        measures[measure.source_id].append(measure)
    return [{"input": item, "measures": measures.get(item.pk, [])} for item in inputs]


def walk_choices(*, locality=None, around: date | None = None):
    """Walks a meeting can be tied to: in the meeting's locality when known,
    within a year of the meeting's date."""
    walks = SafetyWalk.objects.select_related("locality").order_by("-date", "id")
    if locality is not None:
        walks = walks.filter(locality=locality)
    if around is not None:
        walks = walks.filter(date__year__in=(around.year - 1, around.year, around.year + 1))
    return walks


def missing_localities(term: Term) -> list[str]:
    """The active localities without a trygghetsmöte (held or booked) in the term."""
    covered = TownMeeting.objects.filter(date__range=(term.start, term.end)).values("locality_id")
    return list(Locality.objects.filter(is_active=True).exclude(pk__in=covered)
                .order_by("name").values_list("name", flat=True))


def walk_links(user, walk: SafetyWalk) -> list[WalkLink]:
    """The trygghetsmöten held with the walk, for the walk page
    (insights.walk_links): only for those who may see trygghetsmöten
    (coordinator, management); nothing, and no query, for anyone else."""
    if not allowed(user, "townmeetings.view_townmeeting"):
        return []
    return [WalkLink(label=_("Safety meeting"),
                     text=f"{meeting.reference}, {meeting.date.isoformat()}",
                     url=reverse("townmeetings:meeting-detail", args=[meeting.pk]))
            for meeting in TownMeeting.objects.filter(safety_walk=walk).order_by("date", "pk")]
