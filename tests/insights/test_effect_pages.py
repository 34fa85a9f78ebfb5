"""The effect follow-up's pages (issue 15): the "Effekt" panel on the measure
page, the yearly analysis at /lagesbild/effekter/<year>/, the measure form's
target fields and the yearly report's section."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from casework.models import Category, Locality, Measure
from insights import effects
from meetings.models import WorkingGroup
from tests.insights.test_effects import NEAR, PLACE, control, measure, reports

pytestmark = pytest.mark.django_db

TODAY = date(2026, 1, 15)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-01-15 10:00 +01:00", tick=False):
        yield


def halving(people, **extra):
    control()
    reports(40, before=True, coords=NEAR)
    reports(20, before=False, coords=NEAR)
    return measure(people, locality=Locality.objects.get(name="Tranemo"), latitude=PLACE[0],
                   longitude=PLACE[1], radius_m=250, **extra)


def test_the_measure_page_shows_the_effect_panel(client, est_people):
    target = halving(est_people)
    client.force_login(est_people.coordinator)
    response = client.get(reverse("casework:measure-detail", args=[target.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    # the contract: a section headed "Effekt", a plain verdict, a decimal comma
    assert ">Effekt</h2>" in body
    assert "Rapporterna minskade jämfört med resten av kommunen" in body
    assert "Kvot 0,50, 95 % konfidensintervall 0,2" in body
    # the chart is an image with a title, its numbers in a table
    assert 'role="img"' in body and 'id="table-effect-weeks"' in body
    assert "Poisson" in body and "scipy.stats" in body


def test_a_place_with_three_reports_says_too_few(client, est_people):
    control()
    reports(3, before=True, coords=NEAR)
    target = measure(est_people, latitude=PLACE[0], longitude=PLACE[1])
    client.force_login(est_people.coordinator)
    body = client.get(reverse("casework:measure-detail", args=[target.pk])).content.decode()
    assert "För få rapporter för att säga något." in body
    assert "konfidensintervall 0" not in body


@pytest.mark.parametrize("weeks", ["99", "3", "tolv"])
def test_a_bad_window_answers_400_in_swedish(client, est_people, weeks):
    target = halving(est_people)
    client.force_login(est_people.coordinator)
    response = client.get(reverse("casework:measure-detail", args=[target.pk]),
                          {"veckor": weeks})
    assert response.status_code == 400
    assert "Välj ett helt antal veckor från 4 till 52." in response.content.decode()
    response = client.get(reverse("insights:effects-year", args=[2025]), {"veckor": weeks})
    assert response.status_code == 400
    assert "Välj ett helt antal veckor från 4 till 52." in response.content.decode()


def test_a_chosen_window_is_used(client, est_people):
    target = halving(est_people)
    client.force_login(est_people.coordinator)
    body = client.get(reverse("casework:measure-detail", args=[target.pk]),
                      {"veckor": "4"}).content.decode()
    assert "4 veckor vardera" in body


def test_the_panel_is_as_private_as_the_measure(client, est_people):
    target = halving(est_people)
    # an outsider to the measure gets the measure page's 404, panel or not
    client.force_login(est_people.reporter)
    assert client.get(reverse("casework:measure-detail", args=[target.pk]),
                      {"veckor": "99"}).status_code == 404


def test_the_yearly_page_lists_the_finished_measures_sorted(client, est_people,
                                                            django_assert_max_num_queries):
    strong = halving(est_people)
    few = measure(est_people, latitude=NEAR[0], longitude=NEAR[1], radius_m=10)
    Measure.objects.filter(pk=few.pk).update(title="Få rapporter")
    client.force_login(est_people.management)
    url = reverse("insights:effects-year", args=[2025])
    client.get(url)  # warm the session's once-a-minute activity write
    with django_assert_max_num_queries(12):
        response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    # the measure with a verdict before the one with too few reports
    assert body.index(strong.title) < body.index("Få rapporter")
    assert "Undanträngning" in body and "Säsonger" in body
    # more measures, the same number of queries
    for _ in range(5):
        measure(est_people, locality=Locality.objects.get(name="Tranemo"))
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_the_yearly_page_leaves_out_measures_the_reader_may_not_see(client, est_people):
    secret = halving(est_people)
    group = WorkingGroup.objects.create(name="Känslig grupp", handles_sensitive=True)
    Measure.objects.filter(pk=secret.pk).update(restricted_to_group=group,
                                                title="Hemlig åtgärd")
    # the year's estimates are cached for every reader: warm them with every measure
    warm = effects.year_effects(2025, measures=Measure.objects.all(),
                                today=timezone.localdate())
    assert secret.pk in {r["measure"].pk for r in warm}
    client.force_login(est_people.management)
    body = client.get(reverse("insights:effects-year", args=[2025])).content.decode()
    assert "Hemlig åtgärd" not in body
    client.force_login(est_people.reporter)
    assert client.get(reverse("insights:effects-year", args=[2025])).status_code == 403


def test_the_yearly_report_has_the_effects_section(client, est_people):
    target = halving(est_people)
    client.force_login(est_people.coordinator)
    body = client.get(reverse("insights:yearly", args=[2025])).content.decode()
    assert "Effekter av årets åtgärder" in body and target.title in body
    assert client.get(reverse("insights:yearly-pdf", args=[2025])).status_code == 200


def test_the_measure_form_takes_the_target(client, est_people):
    client.force_login(est_people.coordinator)
    klotter = Category.objects.get(slug="klotter")
    tranemo = Locality.objects.get(name="Tranemo")
    response = client.post(reverse("casework:measure-create"), {
        "title": "Belysning", "term": "short", "owner_organisation": est_people.tsk_org.pk,
        "status": "decided", "locality": tranemo.pk, "categories": [klotter.pk],
        "latitude": "57.485000", "longitude": "13.345000", "radius_m": "200",
        "buffer_m": "300", "effective_on": "2025-06-04"})
    assert response.status_code == 302
    saved = Measure.objects.get(title="Belysning")
    assert (saved.locality, list(saved.categories.all()), saved.radius_m, saved.buffer_m,
            saved.effective_on) == (tranemo, [klotter], 200, 300, date(2025, 6, 4))
    # half a place is refused in Swedish, the input kept
    response = client.post(reverse("casework:measure-edit", args=[saved.pk]), {
        "title": "Belysning", "term": "short", "owner_organisation": est_people.tsk_org.pk,
        "status": "decided", "latitude": "57.485000", "version": saved.version})
    assert response.status_code == 400
    assert "Ange både latitud och longitud, eller ingen av dem." in response.content.decode()
    # the place from the cases' reports, when none of them has coordinates: a form error
    response = client.post(reverse("casework:measure-create"), {
        "title": "Från rapporterna", "term": "short",
        "owner_organisation": est_people.tsk_org.pk, "status": "decided",
        "place_from_reports": "on"})
    assert response.status_code == 400
    assert "Ingen av rapporterna i åtgärdens ärenden har koordinater." in \
        response.content.decode()
    assert not Measure.objects.filter(title="Från rapporterna").exists()
