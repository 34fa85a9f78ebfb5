import pytest
from django.urls import reverse

from casework.models import Case, Category, Locality
from tests.factories.casework import make_report, triage_task

pytestmark = pytest.mark.django_db


def _case(ref, locality, category, status="intake"):
    return Case.objects.create(reference=ref, title=f"Ärende {ref}", status=status,
                               locality=Locality.objects.get(name=locality),
                               category=Category.objects.get(slug=category))


def _picker(body):
    return body.split('name="case"')[1].split("</select>")[0]


def test_the_picker_offers_cases_like_the_report_and_all_on_request(client, est_people):
    both = _case("A-1", "Dalstorp", "klotter")
    place = _case("A-2", "Dalstorp", "brander")
    elsewhere = _case("A-3", "Uddebo", "brander")
    _case("A-4", "Dalstorp", "klotter", status="closed")
    report = make_report(est_people.police, locality="Dalstorp", category="klotter")
    task = triage_task(report)
    client.force_login(est_people.coordinator)
    client.post(reverse("workflows:task-claim", args=[task.pk]))
    url = reverse("workflows:task", args=[task.pk])
    picker = _picker(client.get(url).content.decode())
    # Same locality or category, both first; with locality and category in the
    # label; never a closed case; the text filter is there for JavaScript
    assert f'value="{both.pk}"' in picker and f'value="{place.pk}"' in picker
    assert f'value="{elsewhere.pk}"' not in picker and "A-4" not in picker
    assert picker.index("A-1") < picker.index("A-2")
    assert "(Dalstorp, Klotter)" in picker
    assert 'data-filter="Filtrera listan"' in picker
    everything = _picker(client.get(url, {"alla": "1"}).content.decode())
    assert f'value="{elsewhere.pk}"' in everything
    # A case outside the narrowed list is still accepted when posted
    response = client.post(url, {"action": "add_to_case", "case": elsewhere.pk})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.case == elsewhere


def test_the_measure_form_offers_open_cases_with_a_filter(client, est_people):
    open_case = _case("A-5", "Dalstorp", "klotter")
    _case("A-6", "Dalstorp", "klotter", status="closed")
    client.force_login(est_people.coordinator)
    body = client.get(reverse("casework:measure-create")).content.decode()
    picker = body.split('name="cases"')[1].split("</select>")[0]
    assert f'value="{open_case.pk}"' in picker and "A-6" not in picker
    assert 'data-filter="Filtrera listan"' in picker
    assert "js/option-filter" in body
