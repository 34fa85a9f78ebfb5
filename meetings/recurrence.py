"""Occurrences of a series from its RFC 5545 RRULE (python-dateutil), over
local wall-clock dates, with the Swedish holiday check (core.workdays)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.workdays import holiday_name, next_working_day

# More than this many meetings a year is a mistake in the rule (a daily or
# hourly rule), not a working group.
MAX_PER_YEAR = 100
# A series covers at most this long; the next one is a new series.
MAX_SPAN = timedelta(days=3 * 366)


@dataclass(frozen=True)
class Occurrence:
    original_date: date
    date: date
    holiday_name: str


def parse_rule(text: str, *, dtstart: datetime):
    """The dateutil rule for one RRULE line, or a Swedish ValidationError."""
    rule = (text or "").strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[6:]
    if not rule or "\n" in rule or "DTSTART" in rule.upper():
        raise ValidationError(_("Enter one recurrence rule, e.g. FREQ=MONTHLY;BYDAY=2TU."),
                              code="rrule")
    try:
        return rrulestr(rule, dtstart=dtstart, forceset=False)
    except (ValueError, TypeError, KeyError) as error:
        raise ValidationError(
            _("The recurrence rule could not be read: %(error)s") % {"error": error},
            code="rrule") from error


def occurrence_dates(*, rrule: str, starts_on: date, ends_on: date,
                     start_time: time) -> list[date]:
    """The rule's dates from `starts_on` to `ends_on` (inclusive). Rejects an
    end before the start, a rule that yields nothing, and one that yields more
    than MAX_PER_YEAR a year (iteration stops at the cap, so a rule of
    thousands is never expanded in full)."""
    if ends_on < starts_on:
        raise ValidationError(_("The last date must not be before the first date."),
                              code="period")
    if ends_on - starts_on > MAX_SPAN:
        raise ValidationError(_("A series may cover at most three years."), code="period")
    # Naive local datetimes: the rule works on wall-clock time, so 09:00 stays
    # 09:00 whatever the UTC offset of the day.
    dtstart = datetime.combine(starts_on, start_time)
    rule = parse_rule(rrule, dtstart=dtstart)
    years = max(1.0, ((ends_on - starts_on).days + 1) / 365.25)
    cap = int(MAX_PER_YEAR * years)
    end = datetime.combine(ends_on, time.max)
    dates: list[date] = []
    for count, moment in enumerate(rule, start=1):
        if moment > end:
            break
        if count > cap:
            raise ValidationError(
                _("The recurrence rule gives more than %(max)s meetings a year.")
                % {"max": MAX_PER_YEAR}, code="rrule_many")
        if not dates or dates[-1] != moment.date():
            dates.append(moment.date())
    if not dates:
        raise ValidationError(_("The recurrence rule gives no meeting in the period."),
                              code="rrule_none")
    return dates


def occurrences(*, rrule: str, starts_on: date, ends_on: date, start_time: time,
                move_from_holidays: bool) -> list[Occurrence]:
    result = []
    for day in occurrence_dates(rrule=rrule, starts_on=starts_on, ends_on=ends_on,
                                start_time=start_time):
        name = holiday_name(day) or ""
        moved = next_working_day(day) if (name and move_from_holidays) else day
        result.append(Occurrence(original_date=day, date=moved, holiday_name=name))
    return result
