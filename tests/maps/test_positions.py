"""Positions must lie in Sweden: the report form, the report API, the walk
place form and the measure service refuse others in Swedish, with a 4xx."""

from decimal import Decimal

import pytest
from django.urls import reverse

from casework.measures import measure_create
from casework.models import Report
from core.errors import Invalid
from insights.models import SafetyWalk, WalkPlace
from tests.casework.test_api import URL, api_client, body
from tests.casework.test_report_submit import form_data

pytestmark = pytest.mark.django_db

PARIS = {"latitude": "48.856600", "longitude": "2.352200"}


def test_the_report_form_takes_a_position_in_sweden(client, est_people):
    client.force_login(est_people.reporter)
    response = client.post(reverse("casework:report-create"),
                           form_data(latitude="57.485100", longitude="13.353200"))
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.latitude, report.longitude) == (Decimal("57.485100"), Decimal("13.353200"))
    # the reporter sees the position on the report
    assert "57.485100, 13.353200" in client.get(response["Location"]).content.decode()


def test_the_report_form_refuses_a_position_outside_sweden_in_swedish(client, est_people):
    client.force_login(est_people.reporter)
    response = client.post(reverse("casework:report-create"), form_data(**PARIS))
    text = response.content.decode()
    # 400, a Swedish message per field, the input kept, nothing saved
    assert response.status_code == 400
    assert "Latituden måste ligga i Sverige (mellan 55,0 och 69,5)." in text
    assert "Longituden måste ligga i Sverige (mellan 10,5 och 24,5)." in text
    assert 'value="48.856600"' in text
    assert not Report.objects.exists()


def test_the_report_form_shows_the_position_button_only_with_javascript(client, est_people):
    client.force_login(est_people.reporter)
    text = client.get(reverse("casework:report-create")).content.decode()
    # hidden until position.js finds geolocation; the fields work without it
    assert 'id="position-tools" class="position-tools" hidden' in text
    assert "Använd min position" in text and "js/position.js" in text
    assert 'name="latitude"' in text and 'name="longitude"' in text


def test_the_api_refuses_a_position_outside_sweden_in_swedish(est_people):
    response = api_client(est_people.police).post(URL, body(**PARIS), format="json")
    assert response.status_code == 400
    assert response.json()["latitude"] == [
        "Latituden måste ligga i Sverige (mellan 55,0 och 69,5)."]
    assert not Report.objects.exists()


def test_a_walk_place_outside_sweden_is_refused(client, est_people):
    from casework.models import Locality

    walk = SafetyWalk.objects.create(locality=Locality.objects.get(name="Tranemo"),
                                     date="2026-04-14", meeting_point="Torget")
    client.force_login(est_people.coordinator)
    url = reverse("insights:walk-place-add", args=[walk.pk])
    data = {"locality": walk.locality_id, "location": "Bron", "category": "other",
            "description": "Räcket är löst."}
    response = client.post(url, {**data, **PARIS})
    assert response.status_code == 400
    assert "Latituden måste ligga i Sverige" in response.content.decode()
    # in Sweden it is saved with its position
    response = client.post(url, {**data, "latitude": "57.486", "longitude": "13.352"})
    assert response.status_code == 302
    assert WalkPlace.objects.get().latitude == Decimal("57.486000")


def test_the_measure_service_refuses_a_position_outside_sweden(est_people):
    with pytest.raises(Invalid) as refused:
        measure_create(actor=est_people.coordinator, title="Utomlands",
                       owner_organisation=est_people.tsk_org,
                       target={"latitude": Decimal("48.8566"), "longitude": Decimal("2.3522")})
    assert "Latituden måste ligga i Sverige" in str(refused.value)
