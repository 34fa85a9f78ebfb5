"""The effect follow-up (issue 15) on constructed data: a place whose reports
halve, one that stays the same, one with three reports; the locality via the
roll-up; query counts that do not grow with the measures."""

import itertools
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from casework import services
from casework.choices import MeasureStatus
from casework.models import Category, Locality, Measure, Report
from insights import effect_stats, effects

pytestmark = pytest.mark.django_db

_refs = itertools.count(1)
EFFECT_DAY = date(2025, 6, 4)  # a Wednesday: its week is the transition week
TODAY = date(2026, 1, 15)
PLACE = (Decimal("57.485000"), Decimal("13.345000"))
# About 100 m north of PLACE: inside a 250 m radius; 400 m: in a 250 m zone around it.
NEAR = (Decimal("57.485900"), Decimal("13.345000"))
ZONE = (Decimal("57.488600"), Decimal("13.345000"))


def reports(n, *, before: bool, coords=None, locality="Tranemo", category="klotter"):
    """n reports spread over the 12-week window before (or after) EFFECT_DAY."""
    windows = effects.windows_for(EFFECT_DAY, 12)
    start = windows.before_start if before else windows.after_start
    loc = Locality.objects.get(name=locality)
    cat = Category.objects.get(slug=category)
    lat, lon = coords or (None, None)
    Report.objects.bulk_create([
        Report(reference=f"E-{next(_refs):08d}", occurred_on=start + timedelta(days=i % 84),
               locality=loc, category=cat, description="Test", latitude=lat, longitude=lon)
        for i in range(n)])


def measure(people, **target):
    target.setdefault("categories", [Category.objects.get(slug="klotter")])
    target.setdefault("effective_on", EFFECT_DAY)
    done = services.measure_create(
        actor=people.coordinator, title="Belysning i gångtunneln",
        owner_organisation=people.housing_org, status=MeasureStatus.DONE, target=target)
    Measure.objects.filter(pk=done.pk).update(
        completed_at=datetime(2025, 6, 4, 12, tzinfo=ZoneInfo("Europe/Stockholm")))
    return Measure.objects.select_related("locality").prefetch_related("categories").get(
        pk=done.pk)


def control(before=200, after=200):
    reports(before, before=True, locality="Limmared")
    reports(after, before=False, locality="Limmared")


def test_a_place_whose_reports_halve_gives_a_ratio_near_half_that_excludes_one(est_people):
    control()
    reports(40, before=True, coords=NEAR)
    reports(20, before=False, coords=NEAR)
    target = measure(est_people, locality=Locality.objects.get(name="Tranemo"),
                     latitude=PLACE[0], longitude=PLACE[1], radius_m=250)
    result = effects.measure_effect(target, today=TODAY)
    estimate = result["estimate"]
    # 40 → 20 at the place, 200 → 200 elsewhere
    assert (estimate.t0, estimate.t1, estimate.c0, estimate.c1) == (40, 20, 200, 200)
    assert estimate.ratio == pytest.approx(0.5)
    assert estimate.high < 1 and estimate.low > 0.2
    assert estimate.verdict == effect_stats.FEWER
    assert result["assessable"] is True
    # the weekly series holds every report of both windows (transition week empty)
    assert sum(result["series"]["t"]) == 60 and len(result["series"]["t"]) == 25


def test_unchanged_data_gives_an_interval_that_includes_one(est_people):
    control()
    reports(30, before=True, coords=NEAR)
    reports(30, before=False, coords=NEAR)
    target = measure(est_people, latitude=PLACE[0], longitude=PLACE[1], radius_m=250)
    estimate = effects.measure_effect(target, today=TODAY)["estimate"]
    assert estimate.low < 1 < estimate.high
    assert estimate.verdict == effect_stats.UNCLEAR


def test_three_reports_give_too_few_and_no_ratio(est_people):
    control()
    reports(2, before=True, coords=NEAR)
    reports(1, before=False, coords=NEAR)
    target = measure(est_people, latitude=PLACE[0], longitude=PLACE[1], radius_m=250)
    estimate = effects.measure_effect(target, today=TODAY)["estimate"]
    assert estimate.verdict == effect_stats.TOO_FEW
    assert estimate.ratio is None and estimate.low is None


def test_the_locality_is_read_from_the_roll_up(est_people):
    control()
    reports(60, before=True)
    reports(30, before=False)
    reports(50, before=False, category="nedskrapning")  # another category: not counted
    target = measure(est_people, locality=Locality.objects.get(name="Tranemo"))
    estimate = effects.measure_effect(target, today=TODAY)["estimate"]
    assert (estimate.t0, estimate.t1, estimate.c0, estimate.c1) == (60, 30, 200, 200)
    assert estimate.verdict == effect_stats.FEWER


def test_the_surrounding_zone_gives_the_displacement_quotient(est_people):
    control()
    reports(40, before=True, coords=NEAR)
    reports(20, before=False, coords=NEAR)
    reports(10, before=True, coords=ZONE)
    reports(20, before=False, coords=ZONE)
    target = measure(est_people, latitude=PLACE[0], longitude=PLACE[1], radius_m=250,
                     buffer_m=250)
    estimate = effects.measure_effect(target, today=TODAY)["estimate"]
    assert (estimate.t0, estimate.t1, estimate.d0, estimate.d1) == (40, 20, 10, 20)
    # (20/200 − 10/200) / (20/200 − 40/200) = −0.5: some displacement, less than the effect
    assert estimate.wdq == pytest.approx(-0.5)
    assert estimate.displacement == effect_stats.DISPLACED


def test_the_after_window_must_be_over(est_people):
    control()
    target = measure(est_people, locality=Locality.objects.get(name="Tranemo"))
    estimate = effects.measure_effect(target, today=date(2025, 7, 1))["estimate"]
    assert estimate.verdict == effect_stats.TOO_EARLY


def test_a_measure_without_locality_or_place_has_no_target(est_people):
    target = measure(est_people)
    assert effects.measure_effect(target, today=TODAY)["estimate"].verdict == \
        effect_stats.NO_TARGET


def test_the_place_can_come_from_the_cases_reports(est_people):
    from casework.models import Case
    from tests.factories.casework import make_report

    case = Case.objects.create(reference="Ä-T1", title="Klotter")
    report = make_report(est_people.reporter, latitude=NEAR[0], longitude=NEAR[1])
    Report.objects.filter(pk=report.pk).update(case=case)
    done = services.measure_create(actor=est_people.coordinator, title="Sanering",
                                   owner_organisation=est_people.housing_org, cases=[case],
                                   target={"place_from_reports": True})
    done.refresh_from_db()
    assert (done.latitude, done.longitude) == NEAR


def test_query_count_does_not_grow_with_the_measures(est_people, django_assert_max_num_queries):
    control()
    reports(30, before=True, coords=NEAR)
    tranemo = Locality.objects.get(name="Tranemo")
    for _ in range(6):
        measure(est_people, locality=tranemo, latitude=PLACE[0], longitude=PLACE[1],
                buffer_m=100)
        measure(est_people, locality=tranemo)
    # the year's state and who may see what, the measures, their categories, the
    # roll-up, the places: for any number of measures
    with django_assert_max_num_queries(5):
        rows = effects.year_effects(2025, measures=Measure.objects.all(), today=TODAY)
    assert len(rows) == 12
    # the second time from the cache: only the year's state and who may see what
    with django_assert_max_num_queries(1):
        again = effects.year_effects(2025, measures=Measure.objects.all(), today=TODAY)
    assert [r["measure"].pk for r in again] == [r["measure"].pk for r in rows]
    one = Measure.objects.select_related("locality").prefetch_related("categories").exclude(
        latitude=None).first()
    # the roll-up and the place
    with django_assert_max_num_queries(2):
        effects.measure_effect(one, today=TODAY)


def test_the_demo_has_a_measure_with_a_visible_effect_and_one_without(est_people):
    from insights import effect_demo

    effect_demo.seed()
    effect_demo.seed()  # idempotent
    shown = {r["measure"].title: r["estimate"] for r in effects.effects_for(
        [effects.target_of(m) for m in Measure.objects.filter(
            title__in=[m[0] for m in effect_demo.MEASURES]).prefetch_related("categories")],
        today=date.today())}
    assert len(shown) == 2
    tunnel, bathing = (shown[m[0]] for m in effect_demo.MEASURES)
    assert tunnel.verdict == effect_stats.FEWER and tunnel.displacement is not None
    assert bathing.verdict == effect_stats.UNCLEAR
