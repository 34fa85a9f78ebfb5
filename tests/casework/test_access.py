"""The access matrix: roles × URLs × ownership → expected status.

Deny by default: a list page the role may not use is 403, an object the user
may not know of is 404 (IDOR: another organisation's report is 404, exactly
like a reference that does not exist). Anonymous users go to the login page."""

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from casework import services
from tests.factories.casework import make_report, triage, triage_task

pytestmark = pytest.mark.django_db

PERSONAS = ["coordinator", "security", "planning", "management", "police", "police_colleague",
            "housing", "reporter", "reporter_colleague", "social", "outsider"]
STAFF = {"coordinator": 200, "security": 200}
REPORTERS = {"police": 200, "police_colleague": 200, "housing": 200, "reporter": 200,
             "reporter_colleague": 200}


@pytest.fixture
def world(est_people):
    police_report = make_report(est_people.police)
    reporter_report = make_report(est_people.reporter)
    case_report = make_report(est_people.housing)
    case = triage(case_report, est_people.coordinator)
    draft = services.picture_create(actor=est_people.coordinator, period_kind="week",
                                    period_start=timezone.localdate())
    published = services.picture_create(actor=est_people.coordinator, period_kind="month",
                                        period_start=timezone.localdate())
    published = services.picture_record_analysis(picture=published, actor=est_people.planning,
                                                 version=published.version, analysis="Analys.")
    published = services.picture_publish(picture=published, actor=est_people.coordinator,
                                         version=published.version)
    measure = services.measure_create(actor=est_people.coordinator, title="Belysning",
                                      owner_organisation=est_people.housing_org,
                                      owner=est_people.housing)
    return {
        "police_report": police_report.reference, "reporter_report": reporter_report.reference,
        "case": case.reference, "draft": draft.pk, "published": published.pk,
        "measure": measure.pk, "task": triage_task(police_report).pk,
    }


# (url name, argument key or None, {persona: status}, default status for the rest)
MATRIX = [
    ("casework:report-create", None, {**STAFF, **REPORTERS}, 403),
    ("casework:report-list", None, {**STAFF, **REPORTERS}, 403),
    ("casework:report-detail", "police_report",
     {**STAFF, "police": 200, "police_colleague": 200}, 404),
    ("casework:report-detail", "reporter_report", {**STAFF, "reporter": 200}, 404),
    ("casework:case-list", None, STAFF, 403),
    ("casework:case-detail", "case", STAFF, 404),
    ("casework:picture-list", None, {**STAFF, "planning": 200, "management": 200}, 403),
    ("casework:picture-create", None, STAFF, 403),
    ("casework:picture-detail", "draft", {**STAFF, "planning": 200}, 404),
    ("casework:picture-detail", "published", {**STAFF, "planning": 200, "management": 200},
     404),
    ("casework:picture-analysis", "draft", {**STAFF, "planning": 200}, 404),
    ("casework:picture-pdf", "draft", {**STAFF, "planning": 200}, 404),
    ("casework:picture-summary", "published",
     {**STAFF, **REPORTERS, "planning": 200, "management": 200}, 404),
    ("casework:picture-summary", "draft", {**STAFF, "planning": 200}, 404),
    ("casework:measure-list", None, {**STAFF, "planning": 200, "management": 200}, 403),
    ("casework:measure-create", None, {**STAFF, "planning": 200}, 403),
    ("casework:measure-detail", "measure",
     {**STAFF, "planning": 200, "management": 200, "housing": 200}, 404),
    ("casework:measure-edit", "measure", {**STAFF, "planning": 200, "housing": 200}, 404),
    ("workflows:inbox", None, STAFF, 403),
    ("workflows:task", "task", STAFF, 404),
]


def _url(world, name, key):
    return reverse(name, args=[world[key]] if key else [])


@pytest.mark.parametrize("name, key, allowed, default", MATRIX,
                         ids=[f"{m[0]}[{m[1]}]" for m in MATRIX])
def test_access_matrix(client, est_people, world, name, key, allowed, default):
    url = _url(world, name, key)
    got = {}
    for persona in PERSONAS:
        client.force_login(getattr(est_people, persona))
        got[persona] = client.get(url).status_code
    expected = {persona: allowed.get(persona, default) for persona in PERSONAS}
    assert got == expected
    client.logout()
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


API_MATRIX = {"coordinator": 200, "security": 200, "police": 200, "police_colleague": 200,
              "housing": 404, "reporter": 404, "reporter_colleague": 404, "planning": 403,
              "management": 403, "social": 403, "outsider": 403}


def test_api_status_matrix_and_idor(est_people, world):
    from rest_framework.test import APIClient

    url = f"/api/v1/reports/{world['police_report']}/"
    got = {}
    for persona in PERSONAS:
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=getattr(est_people, persona))
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        got[persona] = client.get(url).status_code
    assert got == API_MATRIX
    # A reference that does not exist answers exactly like another org's report
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get(user=est_people.housing)}")
    assert client.get("/api/v1/reports/R-2026-99999/").status_code == 404


def test_handed_over_reports_are_404_for_all_but_reporters_and_concern_handlers(
        client, est_people):
    report = make_report(est_people.police)
    triage(report, est_people.coordinator, action="move_to_concern_track")
    url = reverse("casework:report-detail", args=[report.reference])
    for persona in PERSONAS:
        client.force_login(getattr(est_people, persona))
        response = client.get(url)
        if persona in ("police", "police_colleague"):
            # The reporting organisation: the neutral status only.
            assert response.status_code == 200, persona
            assert "Överlämnad" in response.content.decode()
        elif persona == "coordinator":
            assert response.status_code == 302, persona  # on to the concern
        else:
            assert response.status_code == 404, persona


def test_only_staff_may_post_to_cases_and_owners_follow_up_measures(client, est_people, world):
    client.force_login(est_people.planning)
    response = client.post(reverse("casework:case-action", args=[world["case"], "anteckning"]),
                           {"text": "x"})
    assert response.status_code == 404
    client.force_login(est_people.police)
    response = client.post(reverse("casework:measure-detail", args=[world["measure"]]),
                           {"note": "Jag är inte ägare."})
    assert response.status_code == 404
    client.force_login(est_people.management)
    response = client.post(reverse("casework:measure-detail", args=[world["measure"]]),
                           {"note": "Ledningen läser bara."})
    assert response.status_code == 403


@pytest.mark.parametrize("url, expected", [
    # an id past the bounded converter is no such page; a bad filter or page
    # number gives the list (unfiltered, first page)
    ("/inkorg/99999999999999999999999/", 404),
    ("/inkorg/?ort=99999999999999999999&sida=99999999999999", 200),
    ("/lagesbilder/99999999999999999999999/", 404), ("/atgarder/99999999999999999999999/", 404),
    ("/atgarder/?organisation=99999999999999999999999&sida=-3", 200),
    ("/rapporter/R-2026-00001/bilagor/99999999999999999999999/", 404),
    ("/arenden/?status=nonsense&sida=abc", 200),
])
def test_absurd_ids_and_parameters_are_never_a_500(client, est_people, url, expected):
    client.force_login(est_people.coordinator)
    assert client.get(url).status_code == expected


def test_the_api_hides_a_plain_reporters_colleagues_reports_as_the_web_does(est_people, world):
    from rest_framework.test import APIClient

    # reporter_colleague shares the reporter's organisation but is no partner:
    # org-wide reading is for police and housing only, on the web and the API.
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=est_people.reporter_colleague)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get(f"/api/v1/reports/{world['reporter_report']}/").status_code == 404
    token, _ = Token.objects.get_or_create(user=est_people.reporter)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get(f"/api/v1/reports/{world['reporter_report']}/").status_code == 200


def test_a_partner_editing_their_measure_sees_no_case_or_lagesbild_choices(
        client, est_people, world):
    from casework.models import Case, Measure

    case = Case.objects.get(reference=world["case"])
    measure = Measure.objects.get(pk=world["measure"])
    measure.cases.add(case)
    url = reverse("casework:measure-edit", args=[measure.pk])
    client.force_login(est_people.housing)
    body = client.get(url).content.decode()
    # cases are EST staff's: the owner may not learn their titles from a <select>
    assert case.title not in body and 'name="cases"' not in body
    assert 'name="situation_picture"' not in body
    response = client.post(url, {
        "title": "Belysning i tunneln", "term": "short", "status": "in_progress",
        "owner_organisation": est_people.housing_org.pk, "owner": est_people.housing.pk,
        "version": measure.version})
    assert response.status_code == 302
    measure.refresh_from_db()
    # the owner's edit leaves the case links alone
    assert measure.title == "Belysning i tunneln" and list(measure.cases.all()) == [case]
    client.force_login(est_people.coordinator)
    assert case.title in client.get(url).content.decode()
