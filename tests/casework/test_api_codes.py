import json
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from casework.models import Report

pytestmark = pytest.mark.django_db

URL = "/api/v1/reports/"


def _client(user):
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def _body(**overrides):
    return {"category": "klotter", "locality": "Dalstorp", "description": "Klotter på muren.",
            "occurred_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
            **overrides}


def test_codes_are_matched_without_regard_to_case(est_people):
    response = _client(est_people.police).post(
        URL, _body(category="Klotter", locality="dalstorp"), format="json")
    assert response.status_code == 201
    report = Report.objects.get()
    assert (report.category.slug, report.locality.name) == ("klotter", "Dalstorp")


def test_an_unknown_code_is_named_with_the_valid_ones(est_people):
    response = _client(est_people.police).post(
        URL, _body(category="ufo", locality="Atlantis"), format="json")
    assert response.status_code == 400
    errors = response.json()
    text = json.dumps(errors, ensure_ascii=False)
    # No placeholder printed literally; the value and the valid codes are listed
    assert "%(" not in text and "{" not in "".join(errors["category"])
    assert "Okänd kategori ”ufo”" in errors["category"][0]
    assert "klotter" in errors["category"][0]
    assert "Okänd ort ”Atlantis”" in errors["locality"][0]
    assert "Dalstorp" in errors["locality"][0]
