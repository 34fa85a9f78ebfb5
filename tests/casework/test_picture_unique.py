from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from casework import services
from casework.models import SituationPicture

pytestmark = pytest.mark.django_db


def test_a_second_picture_for_the_same_month_is_refused_with_a_form_error(client, est_people):
    services.picture_create(actor=est_people.coordinator, period_kind="month",
                            period_start=date(2026, 11, 3))
    client.force_login(est_people.coordinator)
    response = client.post(reverse("casework:picture-create"), {
        "period_kind": "month", "period_start": "2026-11-20", "period_end": "",
        "title": "Lägesbild 2026-11"})
    # A Swedish error on the form, the input kept, no second row
    assert response.status_code == 400
    body = response.content.decode()
    assert "Det finns redan en lägesbild för den här perioden" in body
    assert "picture_unique_period" not in body
    assert 'value="Lägesbild 2026-11"' in body
    assert SituationPicture.objects.count() == 1
    # Another kind for the same days is a different picture
    services.picture_create(actor=est_people.coordinator, period_kind="week",
                            period_start=date(2026, 11, 2))
    assert SituationPicture.objects.count() == 2


def test_the_database_refuses_a_duplicate_period_too(est_people):
    SituationPicture.objects.create(title="a", period_kind="month",
                                    period_start=date(2026, 11, 1), period_end=date(2026, 11, 30))
    with pytest.raises(IntegrityError), transaction.atomic():
        SituationPicture.objects.create(title="b", period_kind="month",
                                        period_start=date(2026, 11, 1),
                                        period_end=date(2026, 11, 30))
