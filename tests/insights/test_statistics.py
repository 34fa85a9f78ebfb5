"""One statistics selector: the lägesbild document (casework) and the analytics
page (insights) show the same figures for the same period, whatever the data."""

import uuid
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casework import selectors as casework_selectors
from casework import services as casework_services
from casework.models import Category, Locality, Report, SituationPicture
from insights import statistics

REPORT_DAYS = st.dates(min_value=date(2024, 9, 1), max_value=date(2026, 3, 31))
PERIOD_DAYS = st.dates(min_value=date(2025, 9, 1), max_value=date(2026, 2, 28))
STATUSES = st.sampled_from(["new", "in_case", "set_aside", "moved"])
KINDS = st.sampled_from(["week", "month", "tertial", "year", "custom"])


def _create_reports(reports, localities, categories):
    # bulk_create: the roll-up triggers count these like any other write.
    Report.objects.bulk_create([Report(
        reference=f"S-{uuid.uuid4().hex[:16]}", occurred_on=day,
        locality=localities[loc], category=categories[cat], description="Test",
        status=status) for day, loc, cat, status in reports])


def _picture(kind, day, length):
    first, last = casework_services.period_bounds(kind, day, day + timedelta(days=length))
    return SituationPicture(title="Test", period_kind=kind, period_start=first,
                            period_end=last)


@pytest.mark.django_db
@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(kind=KINDS, day=PERIOD_DAYS, length=st.integers(0, 90),
       reports=st.lists(st.tuples(REPORT_DAYS, st.integers(0, 2), st.integers(0, 2), STATUSES),
                        max_size=40))
def test_the_document_shows_the_figures_of_the_analytics_page(kind, day, length, reports):
    Report.objects.all().delete()
    localities = list(Locality.objects.order_by("name")[:3])
    categories = list(Category.objects.order_by("sort_order")[:3])
    _create_reports(reports, localities, categories)
    picture = _picture(kind, day, length)
    period = statistics.period_for(kind, picture.period_start, picture.period_end)

    document = casework_selectors.picture_statistics(picture)
    page = statistics.dashboard(period)

    # The totals and the compared periods agree.
    assert document["total"] == page["totals"]["count"]
    assert document["previous_total"] == page["totals"]["previous"]["before"]
    assert document["last_year_total"] == page["totals"]["last_year"]["before"]
    assert document["change"] == page["totals"]["previous"]["diff"]
    assert document["previous_period"] == [page["previous_period"].start.isoformat(),
                                           page["previous_period"].end.isoformat()]
    assert document["last_year_period"] == [page["last_year_period"].start.isoformat(),
                                            page["last_year_period"].end.isoformat()]
    # Every row of the page equals the document's row; the document leaves
    # out only the rows that are zero in all three periods.
    for document_key, page_key in (("by_locality", "localities"),
                                   ("by_category", "categories")):
        shown = {row["name"]: row for row in document[document_key]}
        for row in page[page_key]:
            expected = {"name": row["name"], "count": row["count"],
                        "previous": row["previous"]["before"],
                        "last_year": row["last_year"]["before"],
                        "change": row["previous"]["diff"]}
            if row["count"] or row["previous"]["before"] or row["last_year"]["before"]:
                assert shown.pop(row["name"]) == expected
        assert shown == {}
    # And the counts are the reports of the period, moved ones left out.
    counted = [r for r in reports if r[3] != "moved"
               and picture.period_start <= r[0] <= picture.period_end]
    assert document["total"] == len(counted)


@pytest.mark.django_db
def test_the_document_figures_take_the_same_queries_whatever_the_data(
        django_assert_max_num_queries):
    localities = list(Locality.objects.order_by("name")[:3])
    categories = list(Category.objects.order_by("sort_order")[:3])
    # A ragged custom period: edge days come from the reports, weeks from the roll-up.
    picture = _picture("custom", date(2026, 1, 7), 40)
    # Bucket counts (two) and the locality and category names (two).
    with django_assert_max_num_queries(4):
        casework_selectors.picture_statistics(picture)
    _create_reports([(date(2025, 12, 1) + timedelta(days=i % 90), i % 3, (i // 3) % 3, "new")
                     for i in range(600)], localities, categories)
    with django_assert_max_num_queries(4):
        figures = casework_selectors.picture_statistics(picture)
    assert figures["total"] > 0


def test_a_custom_period_needs_an_end_on_or_after_its_start():
    with pytest.raises(ValueError):
        statistics.period_for("custom", date(2026, 1, 7), date(2026, 1, 6))
    assert statistics.period_for("month", date(2026, 2, 10)).end == date(2026, 2, 28)
