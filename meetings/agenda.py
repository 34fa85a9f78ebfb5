"""The automatically drafted agenda: what happened since the group's last
meeting, as plain text the chair edits before sending.

Sections: new EST reports by locality and category (reports moved to another
track are left out), open and overdue measures (never those of another
group that handles sensitive matters), upcoming safety walks (when
the insights app has them), and for a group handling
sensitive matters (the extremism lägesbild group) the anonymous concern
statistics from the concerns app when that app provides them."""

from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from casework.choices import OPEN_MEASURE_STATUSES, ReportStatus
from casework.models import Measure, Report

MAX_MEASURE_LINES = 15
DEFAULT_PERIOD = timedelta(days=30)


def period_start(meeting):
    """The date of the group's previous (not cancelled) meeting, or 30 days
    back for the first."""
    from .models import MeetingStatus

    previous = (meeting.group.meetings.filter(date__lt=meeting.date)
                .exclude(status=MeetingStatus.CANCELLED).order_by("-date")
                .values_list("date", flat=True).first())
    return previous or (meeting.date - DEFAULT_PERIOD)


def report_lines(start, end) -> tuple[int, list[str]]:
    rows = (Report.objects.exclude(status=ReportStatus.MOVED)
            .filter(created_at__date__gte=start, created_at__date__lt=end)
            .values("locality__name", "category__name").annotate(n=Count("id"))
            .order_by("locality__name", "category__name"))
    by_locality: dict[str, list[str]] = {}
    totals: Counter = Counter()
    for row in rows:
        by_locality.setdefault(row["locality__name"], []).append(
            f"{row['category__name']} {row['n']}")
        totals[row["locality__name"]] += row["n"]
    lines = [f"   - {name} ({totals[name]}): {', '.join(parts)}"
             for name, parts in by_locality.items()]
    return sum(totals.values()), lines


def measures_for_agenda(group):
    """Measures a group's agenda may name: ordinary ones, and those restricted
    to this very group. The agenda is read by everyone who may see the group
    (and mailed to its members), so another sensitive group's measures stay
    out, not even counted."""
    return Measure.objects.filter(Q(restricted_to_group__isnull=True)
                                  | Q(restricted_to_group=group))


def measure_lines(today, group) -> tuple[int, int, list[str]]:
    open_measures = (measures_for_agenda(group).filter(status__in=OPEN_MEASURE_STATUSES)
                     .select_related("owner", "owner_organisation")
                     .order_by("due_date", "id"))
    total = open_measures.count()
    overdue = open_measures.filter(due_date__lt=today).count()
    lines = []
    for measure in open_measures[:MAX_MEASURE_LINES]:
        who = (measure.owner.get_full_name() if measure.owner else "") or \
            str(measure.owner_organisation)
        due = measure.due_date.isoformat() if measure.due_date else _("no due date")
        overdue_mark = _("OVERDUE")
        late = f" [{overdue_mark}]" if measure.due_date and measure.due_date < today else ""
        lines.append(f"   - {measure.title} ({who}, {due}){late}")
    if total > MAX_MEASURE_LINES:
        lines.append("   - " + _("… and %(n)s more") % {"n": total - MAX_MEASURE_LINES})
    return total, overdue, lines


def concern_statistics_lines(start, end) -> list[str]:
    """Anonymous concern statistics (small counts already suppressed by the
    concerns app). Imported here: concerns sits beside meetings, and only the
    sensitive group's agenda asks for it."""
    from concerns.selectors import concern_statistics, quarter_label

    rows = concern_statistics(start=start, end=end)
    if isinstance(rows, list) and all(isinstance(r, dict) and "label" in r for r in rows):
        dimensions = {"environment": _("by environment"), "route": _("by handling"),
                      "outcome": _("by outcome")}
        lines = []
        for row in rows:
            head = " ".join(str(part) for part in (
                quarter_label(row["quarter"]) if row.get("quarter") else "",
                dimensions.get(row.get("dimension"), "")) if part)
            lines.append(f"   - {head}: {row['label']} "
                         f"{row.get('display', row.get('count', ''))}")
        return lines
    return _flatten(rows)


WALK_HORIZON = timedelta(days=120)


def walk_lines(day) -> list[str]:
    """Safety walks from the meeting day on (four months ahead)."""
    from insights.models import SafetyWalk

    walks = (SafetyWalk.objects.filter(date__gte=day, date__lte=day + WALK_HORIZON)
             .select_related("locality").order_by("date", "id"))
    return [f"   - {walk.date.isoformat()} {walk.locality}: {walk.meeting_point}"
            for walk in walks]


def _flatten(value, indent="   ") -> list[str]:
    lines = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list | tuple):
                lines.append(f"{indent}- {key}:")
                lines.extend(_flatten(item, indent + "  "))
            else:
                lines.append(f"{indent}- {key}: {item}")
    elif isinstance(value, list | tuple):
        for item in value:
            if isinstance(item, dict):
                lines.append(f"{indent}- " + ", ".join(f"{k}: {v}" for k, v in item.items()))
            else:
                lines.append(f"{indent}- {item}")
    elif value is not None:
        lines.append(f"{indent}- {value}")
    return lines


def draft(meeting) -> str:
    """The agenda text, in Swedish whatever the caller's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _draft(meeting)


def _draft(meeting) -> str:
    start, end = period_start(meeting), meeting.date
    today = timezone.localdate()
    period = f"{start.isoformat()}–{end.isoformat()}"
    sections: list[tuple[str, list[str]]] = [(_("Opening of the meeting"), [])]
    count, lines = report_lines(start, end)
    sections.append((_("New EST reports since the last meeting (%(period)s): %(n)s")
                     % {"period": period, "n": count},
                     lines or ["   - " + _("No new reports.")]))
    total, overdue, lines = measure_lines(today, meeting.group)
    sections.append((_("Open measures: %(n)s, of which overdue: %(late)s")
                     % {"n": total, "late": overdue},
                     lines or ["   - " + _("No open measures.")]))
    sections.append((_("Upcoming safety walks"),
                     walk_lines(end) or ["   - " + _("No safety walks planned.")]))
    if meeting.group.handles_sensitive:
        sections.append((_("Anonymous statistics on concerns about violent extremism "
                           "(%(period)s)") % {"period": period},
                         concern_statistics_lines(start, end)
                         or ["   - " + _("No concerns recorded in the period.")]))
    sections.append((_("Other matters"), []))
    sections.append((_("Next meeting"), []))
    out = []
    for number, (heading, lines) in enumerate(sections, start=1):
        out.append(f"{number}. {heading}")
        out.extend(lines)
    return "\n".join(out) + "\n"
