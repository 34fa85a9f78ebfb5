"""The weekly roll-up equals a direct count after any sequence of writes,
including writes that bypass Django signals (bulk_create, update, delete)."""

import uuid
from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casework.models import Category, Locality, Report
from insights.models import ReportWeekCount
from insights.periods import Period, monday
from insights.statistics import bucket_counts, year_summary

from .conftest import make_report

DAYS = st.dates(min_value=date(2025, 12, 20), max_value=date(2026, 2, 10))
STATUSES = st.sampled_from(["new", "in_case", "set_aside", "moved"])
OPS = st.lists(st.one_of(
    st.tuples(st.just("create"), DAYS, st.integers(0, 2), st.integers(0, 2), STATUSES),
    st.tuples(st.just("bulk"), DAYS, st.integers(0, 2), st.integers(0, 2), STATUSES),
    st.tuples(st.just("move_day"), st.integers(0, 50), DAYS),
    st.tuples(st.just("relocate"), st.integers(0, 50), st.integers(0, 2)),
    st.tuples(st.just("recategorise"), st.integers(0, 50), st.integers(0, 2)),
    st.tuples(st.just("status"), st.integers(0, 50), STATUSES),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("bulk_status"), DAYS, STATUSES),
    st.tuples(st.just("bulk_delete"), DAYS),
), max_size=25)


def direct_counts() -> Counter:
    out = Counter()
    for report in Report.objects.exclude(status="moved"):
        out[(monday(report.occurred_on), report.locality_id, report.category_id)] += 1
    return out


def rollup_counts() -> Counter:
    """Each cell's sum over its slots."""
    out = Counter()
    for r in ReportWeekCount.objects.all():
        out[(r.week_start, r.locality_id, r.category_id)] += r.count
    return +out  # cells that sum to zero left out


def _pick(index):
    ids = list(Report.objects.order_by("id").values_list("id", flat=True))
    return Report.objects.get(pk=ids[index % len(ids)]) if ids else None


@pytest.mark.django_db
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=OPS)
def test_rollup_equals_a_direct_count_after_any_sequence_of_writes(ops):
    Report.objects.all().delete()
    localities = list(Locality.objects.order_by("name")[:3])
    categories = list(Category.objects.order_by("sort_order")[:3])
    for op in ops:
        kind = op[0]
        if kind == "create":
            make_report(day=op[1], locality=localities[op[2]], category=categories[op[3]],
                        status=op[4])
        elif kind == "bulk":
            # bulk_create sends no signals: only a trigger can see it.
            Report.objects.bulk_create([Report(
                reference=f"B-{uuid.uuid4().hex[:16]}",
                occurred_on=op[1], locality=localities[op[2]], category=categories[op[3]],
                description="bulk", status=op[4])])
        elif kind == "bulk_status":
            Report.objects.filter(occurred_on__lte=op[1]).update(status=op[2])
        elif kind == "bulk_delete":
            Report.objects.filter(occurred_on=op[1]).delete()
        else:
            report = _pick(op[1])
            if report is None:
                continue
            if kind == "move_day":
                report.occurred_on = op[2]
            elif kind == "relocate":
                report.locality = localities[op[2]]
            elif kind == "recategorise":
                report.category = categories[op[2]]
            elif kind == "status":
                report.status = op[2]
            if kind == "delete":
                report.delete()
            else:
                report.save()
    # The roll-up holds exactly the direct count of every counted report.
    assert rollup_counts() == direct_counts()


@pytest.mark.django_db
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=DAYS, length=st.integers(0, 60), reports=st.lists(
    st.tuples(DAYS, STATUSES), max_size=30))
def test_period_counts_with_ragged_edges_equal_a_direct_count(start, length, reports):
    Report.objects.all().delete()
    for day, status in reports:
        make_report(day=day, status=status)
    period = Period("custom", start, start + timedelta(days=length))
    # Overlapping periods too (a year's previous period is also last year's).
    overlapping = Period("custom", start + timedelta(days=3), start + timedelta(days=length + 9))
    periods = [period, overlapping, period]
    counted = bucket_counts(periods)
    for each, counts in zip(periods, counted, strict=True):
        expected = Report.objects.filter(occurred_on__range=(each.start, each.end)).exclude(
            status="moved").count()
        # Full weeks from the roll-up plus edge days from the reports: exact.
        assert sum(counts.values()) == expected


@pytest.mark.django_db
def test_a_moved_report_stops_counting_and_counts_again_when_moved_back():
    report = make_report(day=date(2026, 3, 4))
    assert sum(rollup_counts().values()) == 1
    report.status = "moved"
    report.save()
    # Moved to the extremism track: not counted.
    assert sum(rollup_counts().values()) == 0
    report.status = "in_case"
    report.save()
    assert sum(rollup_counts().values()) == 1


@pytest.mark.django_db
def test_year_summary_reads_the_iso_weeks_of_the_year(django_assert_max_num_queries):
    make_report(day=date(2025, 12, 29))  # ISO week 1 of 2026
    make_report(day=date(2026, 6, 1))
    make_report(day=date(2026, 12, 31))  # ISO week 53 of 2026
    make_report(day=date(2027, 1, 4), status="moved")
    with django_assert_max_num_queries(1):
        summary = year_summary(2026)
    # All three counted reports fall in ISO year 2026.
    assert summary["total"] == 3
    assert sum(summary["by_week"].values()) == 3


@pytest.mark.django_db
def test_year_summary_json_reads_the_rollup_in_constant_queries(
        client, coordinator, django_assert_max_num_queries):
    client.force_login(coordinator)
    client.get("/lagesbild/ar/2026/sammanfattning.json")
    for count in (1, 30):
        for i in range(count):
            make_report(day=date(2026, 4, 1 + i % 28))
        with django_assert_max_num_queries(8):
            response = client.get("/lagesbild/ar/2026/sammanfattning.json")
    body = response.json()
    # 31 reports in all, named by category.
    assert body["total"] == 31
    assert sum(c["count"] for c in body["categories"]) == 31
    assert body["categories"][0]["name"]
