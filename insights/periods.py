"""Periods (week, month, tertial, year, custom) and mandate terms, as plain
date arithmetic so selectors, views and tests share one definition."""

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from casework.choices import PeriodKind

TERM_FIRST_START = date(2022, 10, 15)  # terms run 15 Oct – 14 Oct, four years


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def label(self) -> str:
        if self.kind == PeriodKind.WEEK:
            iso = self.start.isocalendar()
            return f"v. {iso.week} {iso.year}"
        if self.kind == PeriodKind.MONTH:
            return self.start.strftime("%Y-%m")
        if self.kind == PeriodKind.TERTIAL:
            return f"T{(self.start.month - 1) // 4 + 1} {self.start.year}"
        if self.kind == PeriodKind.YEAR:
            return str(self.start.year)
        return f"{self.start.isoformat()}–{self.end.isoformat()}"


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def period_containing(kind: str, day: date) -> Period:
    """The week/month/tertial/year containing `day`."""
    if kind == PeriodKind.WEEK:
        start = monday(day)
        return Period(kind, start, start + timedelta(days=6))
    if kind == PeriodKind.MONTH:
        start = day.replace(day=1)
        return Period(kind, start, start + relativedelta(months=1) - timedelta(days=1))
    if kind == PeriodKind.TERTIAL:
        start = date(day.year, 1 + 4 * ((day.month - 1) // 4), 1)
        return Period(kind, start, start + relativedelta(months=4) - timedelta(days=1))
    if kind == PeriodKind.YEAR:
        return Period(kind, date(day.year, 1, 1), date(day.year, 12, 31))
    raise ValueError(kind)


def previous(period: Period) -> Period:
    """The period just before, of the same kind (custom: same length)."""
    if period.kind == PeriodKind.CUSTOM:
        end = period.start - timedelta(days=1)
        return Period(period.kind, end - timedelta(days=period.days - 1), end)
    return period_containing(period.kind, period.start - timedelta(days=1))


def same_last_year(period: Period) -> Period:
    """The same period one year earlier (a week: the same ISO week number)."""
    if period.kind == PeriodKind.WEEK:
        iso = period.start.isocalendar()
        try:
            start = date.fromisocalendar(iso.year - 1, iso.week, 1)
        except ValueError:  # week 53 in a year whose predecessor has 52
            start = date.fromisocalendar(iso.year - 1, 52, 1)
        return Period(period.kind, start, start + timedelta(days=6))
    return Period(period.kind, period.start - relativedelta(years=1),
                  period.end - relativedelta(years=1))


def trend_periods(period: Period, count: int = 12) -> list[Period]:
    """The `count` periods ending with `period` (oldest first). A custom period
    is cut into weeks (at most `count`, the last ones)."""
    if period.kind == PeriodKind.CUSTOM:
        buckets = []
        start = period.start
        while start <= period.end:
            end = min(monday(start) + timedelta(days=6), period.end)
            buckets.append(Period(PeriodKind.WEEK, start, end))
            start = end + timedelta(days=1)
        return buckets[-count:]
    if period.kind == PeriodKind.YEAR:
        count = min(count, 5)
    periods = [period]
    while len(periods) < count:
        periods.insert(0, previous(periods[0]))
    return periods


@dataclass(frozen=True)
class Term:
    start: date
    end: date

    def label(self) -> str:
        return f"{self.start.year}–{self.end.year}"

    def years(self) -> list[tuple[date, date]]:
        """The term's four years, 15 Oct – 14 Oct."""
        return [(self.start + relativedelta(years=i),
                 self.start + relativedelta(years=i + 1) - timedelta(days=1)) for i in range(4)]


def term_containing(day: date) -> Term:
    """The mandate period (15 Oct – 14 Oct, four years) containing `day`."""
    year = day.year if day >= date(day.year, 10, 15) else day.year - 1
    start_year = TERM_FIRST_START.year + 4 * ((year - TERM_FIRST_START.year) // 4)
    start = date(start_year, 10, 15)
    return Term(start, date(start_year + 4, 10, 14))


def previous_term(term: Term) -> Term:
    return term_containing(term.start - timedelta(days=1))
