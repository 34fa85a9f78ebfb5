"""Occurrences of a series from its RFC 5545 RRULE (python-dateutil), over
local wall-clock dates, with the Swedish holiday check (core.workdays)."""

import re
import threading
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.rrule import rrulestr
from django.utils.translation import gettext as _

from core.errors import Invalid
from core.workdays import holiday_name, next_working_day

# More than this many meetings a year is a mistake in the rule (a daily or
# hourly rule), not a working group.
MAX_PER_YEAR = 100
# A series covers at most this long; the next one is a new series.
MAX_SPAN = timedelta(days=3 * 366)
# dateutil scans period by period up to the year 9999 when a rule can never
# match (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30 takes seconds, FREQ=SECONDLY with
# the same filter minutes). Meetings recur at most daily, so finer rules are
# refused; the rest are expanded in a thread of their own and given up on
# after this long (a rule with any occurrence in a three-year window takes
# milliseconds). A thread per call, not a pool: a runaway expansion must not
# hold up the next rule.
EXPANSION_SECONDS = 2.0
_SUB_DAILY = re.compile(r"(^|;)\s*FREQ\s*=\s*(HOURLY|MINUTELY|SECONDLY)\b", re.I)


@dataclass(frozen=True)
class Occurrence:
    original_date: date
    date: date
    holiday_name: str


def parse_rule(text: str, *, dtstart: datetime):
    """The dateutil rule for one RRULE line, or a Swedish Invalid (core.errors)."""
    rule = (text or "").strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[6:]
    if not rule or "\n" in rule or "DTSTART" in rule.upper():
        raise Invalid(_("Enter one recurrence rule, e.g. FREQ=MONTHLY;BYDAY=2TU."),
                      code="rrule")
    if _SUB_DAILY.search(rule):
        raise Invalid(_("Meetings can recur at most daily (FREQ=DAILY, WEEKLY, "
                        "MONTHLY or YEARLY)."), code="rrule_many")
    try:
        return rrulestr(rule, dtstart=dtstart, forceset=False)
    except (ValueError, TypeError, KeyError) as error:
        # dateutil's own message is English and technical ("not enough values
        # to unpack"): the user gets the Swedish explanation only.
        raise Invalid(
            _("The rule could not be read. Choose one of the patterns, or write a rule such "
              "as FREQ=MONTHLY;BYDAY=2TU."), code="rrule") from error


def occurrence_dates(*, rrule: str, starts_on: date, ends_on: date,
                     start_time: time) -> list[date]:
    """The rule's dates from `starts_on` to `ends_on` (inclusive). Rejects an
    end before the start, a rule that yields nothing, and one that yields more
    than MAX_PER_YEAR a year (iteration stops at the cap, so a rule of
    thousands is never expanded in full)."""
    if ends_on < starts_on:
        raise Invalid(_("The last date must not be before the first date."),
                      code="period")
    if ends_on - starts_on > MAX_SPAN:
        raise Invalid(_("A series may cover at most three years."), code="period")
    # Naive local datetimes: the rule works on wall-clock time, so 09:00 stays
    # 09:00 whatever the UTC offset of the day.
    dtstart = datetime.combine(starts_on, start_time)
    rule = parse_rule(rrule, dtstart=dtstart)
    years = max(1.0, ((ends_on - starts_on).days + 1) / 365.25)
    cap = int(MAX_PER_YEAR * years)
    end = datetime.combine(ends_on, time.max)
    result: list = []
    worker = threading.Thread(target=lambda: result.append(_expand(rule, end, cap)),
                              name="rrule-expand", daemon=True)
    worker.start()
    worker.join(EXPANSION_SECONDS)
    # Still running: the rule scans empty periods towards the year 9999.
    dates = result[0] if result else []
    if dates is None:
        raise Invalid(
            _("The recurrence rule gives more than %(max)s meetings a year.")
            % {"max": MAX_PER_YEAR}, code="rrule_many")
    if not dates:
        raise Invalid(_("The recurrence rule gives no meeting in the period."),
                      code="rrule_none")
    return dates


def _expand(rule, end: datetime, cap: int) -> list[date] | None:
    """The dates up to `end`, or None when there are more than `cap`."""
    dates: list[date] = []
    for count, moment in enumerate(rule, start=1):
        if moment > end:
            break
        if count > cap:
            return None
        if not dates or dates[-1] != moment.date():
            dates.append(moment.date())
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
