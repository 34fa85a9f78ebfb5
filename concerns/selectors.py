"""Reads of concerns. Lists are for the coordinator and deputy only; the
statistics are anonymous and public within the municipality's meetings."""

from collections import Counter
from datetime import date, datetime, time, timedelta

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import Environment, Outcome, Route
from .models import Concern, Referral

SMALL = 5
# The statistics count whole calendar quarters, never less: a row is always a
# quarter's full count whatever range was asked for, so two requests that
# differ by a day (or a month) give the same rows, and no count under 5 can be
# worked out by subtracting one from the other. See docs/security.md.
EARLIEST_STATISTICS_YEAR = 2000


def concern_list():
    """Every concern with its referrals (callers check need-to-know; the
    list's filter is concerns.filters.ConcernFilter)."""
    return Concern.objects.prefetch_related(
        Prefetch("referrals", queryset=Referral.objects.only("id", "kind", "status",
                                                              "concern_id")))


def concern_id_for_est_report(report_id: int) -> int | None:
    """The concern an EST report was handed over to (callers check access;
    the concern page itself logs the read)."""
    return (Concern.objects.filter(est_report_id=report_id)
            .values_list("pk", flat=True).first())


def _quarter(day: date) -> str:
    """The quarter's key in the rows: "2026-Q4" (sorts; shown via quarter_label)."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarter_label(key: str) -> str:
    """A quarter key as people read it: "2026-Q4" -> "2026 kv. 4"."""
    year, _sep, number = key.partition("-Q")
    return _("%(year)s Q%(quarter)s") % {"year": year, "quarter": number}


def quarter_start(day: date) -> date:
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def quarter_end(day: date) -> date:
    last_month = (day.month - 1) // 3 * 3 + 3
    if last_month == 12:
        return date(day.year, 12, 31)
    return date(day.year, last_month + 1, 1) - timedelta(days=1)


def statistics_period(start: date, end: date) -> tuple[date, date]:
    """The period actually counted: widened to whole quarters (see SMALL)."""
    return quarter_start(start), quarter_end(end)


def concern_statistics(*, start: date, end: date) -> list[dict]:
    """Anonymous counts of concerns recorded in the quarters from `start`'s
    to `end`'s (inclusive: the period is widened to whole quarters, so a
    caller asking for part of a quarter still gets the whole quarter's count),
    per quarter and per environment, route and outcome. Counts under 5 are
    suppressed: `count` is then the string "<5" and `suppressed` True. Rows:
    {"quarter", "dimension", "value", "label", "count", "suppressed",
    "display"}; zero counts are left out."""
    start, end = statistics_period(start, end)
    tz = timezone.get_current_timezone()
    concerns = (Concern.objects
                .filter(created_at__gte=timezone.make_aware(datetime.combine(start, time.min), tz),
                        created_at__lt=timezone.make_aware(
                            datetime.combine(end + timedelta(days=1), time.min), tz))
                .prefetch_related("referrals"))
    counts = Counter()
    for concern in concerns:
        quarter = _quarter(timezone.localtime(concern.created_at).date())
        counts[(quarter, "environment", concern.environment)] += 1
        # The same rules as services.concern_routes, on the prefetched rows.
        kinds = {r.kind for r in concern.referrals.all()}
        routes = set()
        if "support" in kinds:
            routes.add("social_services")
        if "exit" in kinds:
            routes.add("exit")
        if concern.police_handed_on:
            routes.add("police")
        if concern.route_no_action:
            routes.add("no_action")
        for route in routes:
            counts[(quarter, "route", route)] += 1
        if concern.outcome:
            counts[(quarter, "outcome", concern.outcome)] += 1
    labels = {"environment": dict(Environment.choices), "route": dict(Route.choices),
              "outcome": dict(Outcome.choices)}
    order = {"environment": 0, "route": 1, "outcome": 2}
    rows = []
    for (quarter, dimension, value), count in sorted(
            counts.items(), key=lambda item: (item[0][0], order[item[0][1]], item[0][2])):
        suppressed = count < SMALL
        rows.append({
            "quarter": quarter, "dimension": dimension, "value": value,
            "label": str(labels[dimension].get(value, value)),
            "count": "<5" if suppressed else count, "suppressed": suppressed,
            "display": "<5" if suppressed else str(count),
        })
    return rows
