"""Meeting schedules as people say them: a builder for the three patterns
working groups use (every N weeks on a weekday, the Nth weekday of chosen
months, a date each month) that writes the RFC 5545 rule the series stores,
and a Swedish sentence for any stored rule ("andra torsdagen i april och
oktober kl. 13.00"). Month and weekday names are Django's own translations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

WEEKLY, MONTHLY_WEEKDAY, MONTHLY_DATE, CUSTOM = "weekly", "monthly_weekday", "monthly_date", \
    "custom"
PATTERNS = [
    (WEEKLY, gettext_lazy("Every week or every few weeks, on a weekday")),
    (MONTHLY_WEEKDAY, gettext_lazy("The first, second … or last weekday of chosen months")),
    (MONTHLY_DATE, gettext_lazy("On a date each month")),
    (CUSTOM, gettext_lazy("Advanced: a rule in RFC 5545 form")),
]
RFC_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
ORDINALS = {
    1: pgettext_lazy("ordinal", "first"), 2: pgettext_lazy("ordinal", "second"),
    3: pgettext_lazy("ordinal", "third"), 4: pgettext_lazy("ordinal", "fourth"),
    5: pgettext_lazy("ordinal", "fifth"), -1: pgettext_lazy("ordinal", "last"),
}
# "the Thursday" in Swedish is one word ("torsdagen"), so the definite forms
# have their own messages.
DEFINITE_WEEKDAYS = [
    pgettext_lazy("definite weekday", "Monday"), pgettext_lazy("definite weekday", "Tuesday"),
    pgettext_lazy("definite weekday", "Wednesday"),
    pgettext_lazy("definite weekday", "Thursday"), pgettext_lazy("definite weekday", "Friday"),
    pgettext_lazy("definite weekday", "Saturday"), pgettext_lazy("definite weekday", "Sunday"),
]


@dataclass(frozen=True)
class Schedule:
    """One of the builder's patterns; `months` empty means every month."""

    pattern: str
    weekday: int = 0  # 0 = Monday
    interval: int = 1  # weeks, for WEEKLY
    ordinal: int = 1  # 1–5 or -1 (last), for MONTHLY_WEEKDAY
    day: int = 1  # 1–31, for MONTHLY_DATE
    months: tuple[int, ...] = ()

    def rrule(self) -> str:
        months = ",".join(str(m) for m in sorted(self.months))
        if self.pattern == WEEKLY:
            interval = f";INTERVAL={self.interval}" if self.interval > 1 else ""
            return f"FREQ=WEEKLY{interval};BYDAY={RFC_DAYS[self.weekday]}"
        if self.pattern == MONTHLY_WEEKDAY:
            by_day = f"BYDAY={self.ordinal}{RFC_DAYS[self.weekday]}"
            return f"FREQ=YEARLY;BYMONTH={months};{by_day}" if months else \
                f"FREQ=MONTHLY;{by_day}"
        if self.pattern == MONTHLY_DATE:
            return f"FREQ=YEARLY;BYMONTH={months};BYMONTHDAY={self.day}" if months else \
                f"FREQ=MONTHLY;BYMONTHDAY={self.day}"
        raise ValueError(f"no rule for pattern {self.pattern!r}")


def describe(rule: str, start_time: time | None = None) -> str:
    """A Swedish sentence for a stored rule; rules the builder cannot make get
    a plain "custom schedule" rather than the raw rule text."""
    schedule = parse(rule)
    text = _sentence(schedule) if schedule else _("a custom schedule")
    if start_time is not None:
        text = _("%(schedule)s at %(time)s") % {
            "schedule": text, "time": f"{start_time:%H}.{start_time:%M}"}
    return text


def parse(rule: str) -> Schedule | None:
    """The builder's Schedule for a rule it could have written, else None."""
    parts = _parts(rule)
    if parts is None:
        return None
    freq, days = parts.pop("FREQ", ""), parts.pop("BYDAY", "")
    months = tuple(int(m) for m in parts.pop("BYMONTH", "").split(",") if m.isdigit())
    interval, month_day = parts.pop("INTERVAL", "1"), parts.pop("BYMONTHDAY", "")
    parts.pop("COUNT", None), parts.pop("UNTIL", None), parts.pop("WKST", None)
    if parts or not interval.isdigit() or "," in days:
        return None
    ordinal, weekday = _by_day(days)
    if freq == "WEEKLY" and weekday is not None and ordinal is None and not months:
        return Schedule(WEEKLY, weekday=weekday, interval=int(interval))
    if int(interval) != 1:
        return None
    if weekday is not None and ordinal is not None and not month_day and (
            freq == "MONTHLY" or (freq == "YEARLY" and months)):
        return Schedule(MONTHLY_WEEKDAY, weekday=weekday, ordinal=ordinal, months=months)
    if month_day.isdigit() and not days and 1 <= int(month_day) <= 31 and (
            freq == "MONTHLY" or (freq == "YEARLY" and months)):
        return Schedule(MONTHLY_DATE, day=int(month_day), months=months)
    return None


def _parts(rule: str) -> dict[str, str] | None:
    text = (rule or "").strip().upper()
    text = text[6:] if text.startswith("RRULE:") else text
    parts = {}
    for part in filter(None, text.split(";")):
        key, sep, value = part.partition("=")
        if not sep or key in parts:
            return None
        parts[key.strip()] = value.strip()
    return parts


def _by_day(value: str) -> tuple[int | None, int | None]:
    """'2TH' → (2, 3); 'MO' → (None, 0); anything else → (None, None)."""
    code, number = value[-2:], value[:-2]
    if code not in RFC_DAYS:
        return None, None
    if not number:
        return None, RFC_DAYS.index(code)
    try:
        ordinal = int(number)
    except ValueError:
        return None, None
    return (ordinal, RFC_DAYS.index(code)) if ordinal in ORDINALS else (None, None)


def _sentence(schedule: Schedule) -> str:
    if schedule.pattern == WEEKLY:
        weekday = WEEKDAYS[schedule.weekday]
        if schedule.interval == 1:
            return _("every %(weekday)s") % {"weekday": weekday}
        if schedule.interval == 2:
            return _("every other %(weekday)s") % {"weekday": weekday}
        return _("every %(nth)s %(weekday)s") % {"nth": _nth(schedule.interval),
                                                 "weekday": weekday}
    if schedule.pattern == MONTHLY_WEEKDAY:
        day = {"ordinal": ORDINALS[schedule.ordinal],
               "weekday": DEFINITE_WEEKDAYS[schedule.weekday]}
        if not schedule.months:
            return _("the %(ordinal)s %(weekday)s of every month") % day
        return _("the %(ordinal)s %(weekday)s in %(months)s") % {
            **day, "months": _month_list(schedule.months)}
    if not schedule.months:
        return _("on day %(day)s of every month") % {"day": schedule.day}
    return _("on day %(day)s in %(months)s") % {"day": schedule.day,
                                                  "months": _month_list(schedule.months)}


def _nth(number: int) -> str:
    """'third' for 3; '6:e' style for larger numbers."""
    return str(ORDINALS[number]) if number in ORDINALS else \
        pgettext("ordinal number", "%(n)s:th") % {"n": number}


def _month_list(months: tuple[int, ...]) -> str:
    names = [str(MONTHS[m]) for m in sorted(months)]
    if len(names) == 1:
        return names[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}
