"""Swedish working days. Weekends, public holidays and, as lag (1930:173) counts
them, midsommarafton, julafton and nyårsafton are not working days. The dates
come from the `holidays` package (its "de_facto" category holds the three eves)."""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _swedish_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays(
        "SE", years=year, categories=("public", "de_facto"), language="sv",
    )


def holiday_name(day: date) -> str | None:
    """The Swedish name of the holiday or eve on `day`, or None."""
    return _swedish_holidays(day.year).get(day)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and holiday_name(day) is None


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (start itself not counted)."""
    if days < 0:
        raise ValueError("days must be zero or more")
    current = start
    remaining = days
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def next_working_day(day: date) -> date:
    """`day` itself when it is a working day, else the next one."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def subtract_working_days(end: date, days: int) -> date:
    """The date `days` working days before `end` (end itself not counted):
    the first day on which `add_working_days(day, days)` reaches `end`."""
    if days < 0:
        raise ValueError("days must be zero or more")
    current = end
    remaining = days
    while remaining:
        current -= timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current
