import json
from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from casework.models import Report
from tests.factories.casework import make_report

pytestmark = pytest.mark.django_db

URL = "/api/v1/reports/"


def body(**overrides):
    data = {
        "category": "klotter",
        "locality": "Dalstorp",
        "place": "Busstationen",
        "occurred_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "occurred_time": "22:15",
        "description": "Klotter på busskuren.",
        "urgency": "normal",
    }
    data.update(overrides)
    return data


def api_client(user):
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_a_partner_system_posts_a_report_and_reads_its_status(est_people):
    client = api_client(est_people.police)
    response = client.post(URL, body(), format="json")
    assert response.status_code == 201
    reference = response.json()["reference"]
    assert response.json()["status"] == "new"
    # Any member of the police organisation may read it back
    colleague = api_client(est_people.police_colleague)
    status = colleague.get(f"{URL}{reference}/")
    assert status.status_code == 200
    assert status.json()["locality"] == "Dalstorp"


def test_a_retried_post_with_the_same_idempotency_key_creates_one_report(est_people):
    client = api_client(est_people.housing)
    first = client.post(URL, body(), format="json", HTTP_IDEMPOTENCY_KEY="tb-2026-001")
    second = client.post(URL, body(), format="json", HTTP_IDEMPOTENCY_KEY="tb-2026-001")
    assert first.status_code == 201
    assert second.status_code == 200
    assert first.json()["reference"] == second.json()["reference"]
    assert Report.objects.count() == 1
    # Another key is another report
    third = client.post(URL, body(), format="json", HTTP_IDEMPOTENCY_KEY="tb-2026-002")
    assert third.status_code == 201
    assert Report.objects.count() == 2


def test_two_partners_with_the_same_idempotency_key_each_get_their_own_report(est_people):
    police, housing = api_client(est_people.police), api_client(est_people.housing)
    police_body = body(locality="Dalstorp", description="Stöld ur förråd.")
    housing_body = body(locality="Limmared", description="Trasig belysning i trapphus.")
    first_police = police.post(URL, police_body, format="json", HTTP_IDEMPOTENCY_KEY="2026-001")
    # the same key from another partner is a new report, not the police one
    first_housing = housing.post(URL, housing_body, format="json",
                                 HTTP_IDEMPOTENCY_KEY="2026-001")
    assert (first_police.status_code, first_housing.status_code) == (201, 201)
    police_ref = first_police.json()["reference"]
    housing_ref = first_housing.json()["reference"]
    assert police_ref != housing_ref
    assert first_housing.json()["locality"] == "Limmared"
    assert Report.objects.get(reference=housing_ref).reporter == est_people.housing
    assert Report.objects.get(reference=police_ref).reporter == est_people.police

    # each retry answers with that partner's own report, never the other's
    retry_housing = housing.post(URL, housing_body, format="json", HTTP_IDEMPOTENCY_KEY="2026-001")
    retry_police = police.post(URL, police_body, format="json", HTTP_IDEMPOTENCY_KEY="2026-001")
    assert (retry_housing.status_code, retry_housing.json()["reference"]) == (200, housing_ref)
    assert (retry_police.status_code, retry_police.json()["reference"]) == (200, police_ref)
    assert Report.objects.count() == 2


@pytest.mark.parametrize("overrides, field, message", [
    ({"locality": "Atlantis"}, "locality", "Okänd ort"),
    ({"category": "ufo"}, "category", "Okänd kategori"),
    ({"occurred_on": "2099-01-01"}, "occurred_on", "framtiden"),
    ({"occurred_on": "1999-12-31"}, "occurred_on", "före 2000"),
    ({"description": ""}, "description", ""),
    ({"description": "x" * 6000}, "description", ""),
    ({"urgency": "asap"}, "urgency", ""),
])
def test_bad_input_gives_400_with_swedish_field_messages(est_people, overrides, field, message):
    client = api_client(est_people.police)
    response = client.post(URL, body(**overrides), format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert message in json.dumps(response.json(), ensure_ascii=False)
    assert Report.objects.count() == 0


def test_malformed_json_and_wrong_token_are_4xx(est_people):
    client = api_client(est_people.police)
    response = client.post(URL, data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]
    stranger = APIClient()
    stranger.credentials(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")
    assert stranger.post(URL, body(), format="json").status_code == 401
    assert APIClient().post(URL, body(), format="json").status_code == 401


def test_a_user_without_a_reporting_role_may_not_post(est_people):
    response = api_client(est_people.social).post(URL, body(), format="json")
    assert response.status_code == 403


def test_another_organisations_report_is_404(est_people):
    report = make_report(est_people.housing)
    response = api_client(est_people.police).get(f"{URL}{report.reference}/")
    assert response.status_code == 404


def test_a_handed_over_report_shows_its_reporter_only_the_neutral_status(est_people):
    from tests.factories.casework import triage

    report = make_report(est_people.police)
    triage(report, est_people.coordinator, action="move_to_concern_track")
    response = api_client(est_people.police).get(f"{URL}{report.reference}/")
    assert response.status_code == 200
    assert response.json()["status_display"] == "Överlämnad"
    assert response.json()["category"] is None
    # Another organisation's reporter still gets 404.
    assert api_client(est_people.housing).get(
        f"{URL}{report.reference}/").status_code == 404


def test_the_openapi_schema_describes_the_report_endpoints(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/reports/" in response.content


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=12,
)
report_like = st.fixed_dictionaries({}, optional={
    "category": st.sampled_from(["klotter", "brander", "x", ""]) | json_values,
    "locality": st.sampled_from(["Tranemo", "Uddebo", "Nowhere"]) | json_values,
    "occurred_on": st.dates().map(str) | json_values,
    "occurred_time": st.times().map(str) | json_values,
    "description": st.text(max_size=50) | json_values,
    "latitude": st.floats(allow_nan=False) | json_values,
    "longitude": st.floats(allow_nan=False) | json_values,
    "urgency": st.sampled_from(["normal", "high", "urgent", "now"]) | json_values,
    "part_of_day": json_values,
    "place": json_values,
})


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(payload=report_like | json_values, key=st.none() | st.text(max_size=90))
def test_any_json_body_gives_2xx_or_4xx_never_500(est_people, payload, key):
    client = api_client(est_people.police)
    headers = {}
    if key is not None and all(32 <= ord(c) < 127 for c in key):
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    response = client.post(URL, data=json.dumps(payload), content_type="application/json",
                           **headers)
    assert 200 <= response.status_code < 500, response.content


def test_a_replayed_post_for_a_moved_report_reveals_nothing(est_people):
    from tests.factories.casework import triage

    client = api_client(est_people.police)
    first = client.post(URL, body(), format="json", HTTP_IDEMPOTENCY_KEY="retry-1")
    report = Report.objects.get(reference=first.json()["reference"])
    triage(report, est_people.coordinator, action="move_to_concern_track")
    again = client.post(URL, body(), format="json", HTTP_IDEMPOTENCY_KEY="retry-1")
    # The same neutral status as GET: no content, no concern reference.
    assert again.status_code == 200
    assert again.json()["status_display"] == "Överlämnad"
    assert "O-20" not in again.content.decode()
    assert Report.objects.count() == 1
