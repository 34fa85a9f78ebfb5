import pytest
from django.urls import reverse

from casework.models import Measure

pytestmark = pytest.mark.django_db


def _post(client, est_people, **extra):
    return client.post(reverse("casework:measure-create"), {
        "title": "Belysning i parken", "term": "short", "status": "proposed",
        "owner_organisation": est_people.tsk_org.pk, "due_date": "2026-12-25", **extra})


def test_a_due_date_on_a_holiday_is_warned_about_before_it_is_saved(client, est_people):
    client.force_login(est_people.coordinator)
    response = _post(client, est_people)
    # Not saved: the holiday is named and a "Spara ändå" checkbox appears
    assert response.status_code == 400
    body = response.content.decode()
    assert "2026-12-25 är en helgdag (Juldagen)" in body
    assert 'type="checkbox" name="confirm_holiday"' in body
    assert "Spara ändå" in body
    assert not Measure.objects.exists()
    # Ticking it saves the date as it is
    response = _post(client, est_people, confirm_holiday="on")
    assert response.status_code == 302
    assert Measure.objects.get().due_date.isoformat() == "2026-12-25"


def test_an_ordinary_day_needs_no_confirmation(client, est_people):
    client.force_login(est_people.coordinator)
    body = client.get(reverse("casework:measure-create")).content.decode()
    # The checkbox is hidden until a date needs it
    assert 'type="checkbox" name="confirm_holiday"' not in body
    assert _post(client, est_people, due_date="2026-12-28").status_code == 302
