"""The yearly effects page's caches (insights/effect_year.py): a page is
shared by the readers who may see the same measures and by nobody else, and
a change to the year's measures shows at once."""

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from casework.choices import MeasureStatus
from casework.models import Locality, Measure
from insights import effect_year, effects
from meetings.models import WorkingGroup
from tests.insights.test_effect_pages import halving
from tests.insights.test_effects import measure

pytestmark = pytest.mark.django_db
URL = reverse("insights:effects-year", args=[2025])


def table_of(body: str) -> str:
    return body[body.index('id="table-effects"'):body.index('class="help"')]


@pytest.fixture(autouse=True)
def _today():
    cache.clear()
    with time_machine.travel("2026-01-15 10:00 +01:00", tick=False):
        yield


def test_a_reader_never_gets_the_page_of_a_reader_who_sees_more(client, est_people):
    secret = halving(est_people)
    group = WorkingGroup.objects.create(name="Känslig grupp", handles_sensitive=True)
    Measure.objects.filter(pk=secret.pk).update(restricted_to_group=group, title="Hemlig åtgärd")
    # the coordinator sees the group's measure: the page is cached with it
    client.force_login(est_people.coordinator)
    assert "Hemlig åtgärd" in client.get(URL).content.decode()
    # management is another visibility class: its own page, without it
    client.force_login(est_people.management)
    body = client.get(URL).content.decode()
    assert "Hemlig åtgärd" not in body and "Inga genomförda åtgärder i år." in body


def test_the_page_is_read_from_the_cache_without_the_estimates(client, est_people):
    target = halving(est_people)
    client.force_login(est_people.coordinator)
    first = table_of(client.get(URL).content.decode())
    key, visible = effects.year_state(2025, measures=Measure.objects.all(),
                                      weeks=effects.DEFAULT_WEEKS, today=timezone.localdate())
    assert visible == [target.pk]
    # the rows are cached as compact (id, html) tuples
    rows = cache.get(f"{key}:rows:sv")
    assert rows[0][0] == target.pk and isinstance(rows[0][1], str)
    # with the estimates and rows gone, the cached page still answers the same
    cache.delete(key)
    cache.delete(f"{key}:rows:sv")
    assert table_of(client.get(URL).content.decode()) == first
    assert target.title in first
    assert cache.get(key) is None


def test_a_newly_finished_measure_shows_at_once(client, est_people):
    halving(est_people)
    client.force_login(est_people.coordinator)
    client.get(URL)
    late = measure(est_people, locality=Locality.objects.get(name="Tranemo"))
    Measure.objects.filter(pk=late.pk).update(title="Sent avslutad",
                                              status=MeasureStatus.DONE,
                                              updated_at=timezone.now())
    assert "Sent avslutad" in client.get(URL).content.decode()


def test_rows_are_split_one_per_measure(est_people):
    halving(est_people)
    for _ in range(3):
        measure(est_people, locality=Locality.objects.get(name="Tranemo"))
    key, visible = effects.year_state(2025, measures=Measure.objects.all(),
                                      weeks=effects.DEFAULT_WEEKS, today=timezone.localdate())
    rows = effect_year.year_rows(2025, key=key, weeks=effects.DEFAULT_WEEKS,
                                 today=timezone.localdate())
    assert sorted(pk for pk, _ in rows) == visible
    assert all(html.startswith("<tr>") and html.endswith("</tr>") for _, html in rows)


def test_the_year_is_the_local_calendar_year(est_people):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    first, second = (measure(est_people, locality=Locality.objects.get(name="Tranemo"))
                     for _ in range(2))
    stockholm = ZoneInfo("Europe/Stockholm")
    # just before and just after midnight on New Year's Eve, Swedish time
    Measure.objects.filter(pk=first.pk).update(
        completed_at=datetime(2025, 12, 31, 23, 30, tzinfo=stockholm))
    Measure.objects.filter(pk=second.pk).update(
        completed_at=datetime(2026, 1, 1, 0, 30, tzinfo=stockholm))
    for year, expected in ((2025, [first.pk]), (2026, [second.pk])):
        _key, visible = effects.year_state(year, measures=Measure.objects.all(),
                                           weeks=effects.DEFAULT_WEEKS,
                                           today=timezone.localdate())
        assert visible == expected
