"""The report API's Idempotency-Key: a retry (same key, same body) gets the
first report; the same key with a different body answers 422 and changes
nothing."""

import json

import pytest

from casework.models import Report

from .test_api import URL, api_client, body

pytestmark = pytest.mark.django_db


def test_the_same_key_with_a_different_body_is_a_422(est_people):
    client = api_client(est_people.police)
    first = client.post(URL, body(), format="json", HTTP_IDEMPOTENCY_KEY="tb-2026-101")
    assert first.status_code == 201
    other = client.post(URL, body(description="Något helt annat hände."), format="json",
                        HTTP_IDEMPOTENCY_KEY="tb-2026-101")
    # Refused in Swedish, without the first report's content or reference.
    assert other.status_code == 422
    detail = other.json()["detail"]
    assert "redan använts med en annan begäran" in detail
    assert first.json()["reference"] not in other.content.decode()
    assert Report.objects.count() == 1
    assert Report.objects.get().description == "Klotter på busskuren."


def test_a_retry_with_the_same_body_in_another_key_order_is_the_same_report(est_people):
    client = api_client(est_people.police)
    data = body()
    first = client.post(URL, data, format="json", HTTP_IDEMPOTENCY_KEY="tb-2026-102")
    reordered = json.dumps(dict(reversed(list(data.items()))), indent=2)
    again = client.post(URL, data=reordered, content_type="application/json",
                        HTTP_IDEMPOTENCY_KEY="tb-2026-102")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["reference"] == first.json()["reference"]
    assert Report.objects.count() == 1


def test_a_different_urgency_alone_is_a_different_body(est_people):
    client = api_client(est_people.housing)
    client.post(URL, body(), format="json", HTTP_IDEMPOTENCY_KEY="tb-2026-103")
    urgent = client.post(URL, body(urgency="urgent"), format="json",
                         HTTP_IDEMPOTENCY_KEY="tb-2026-103")
    assert urgent.status_code == 422
    assert Report.objects.get().urgency == "normal"
