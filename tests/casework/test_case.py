import pytest
from django.urls import reverse

from casework.choices import CaseStatus
from notifications.models import OutgoingEmail
from tests.factories.casework import make_report, triage

pytestmark = pytest.mark.django_db


def test_a_case_moves_through_its_states_with_a_timeline(client, est_people):
    report = make_report(est_people.police)
    case = triage(report, est_people.coordinator)
    client.force_login(est_people.coordinator)
    url = reverse("casework:case-detail", args=[case.reference])
    for status in (CaseStatus.ANALYSIS, CaseStatus.ACTION, CaseStatus.FEEDBACK):
        case.refresh_from_db()
        response = client.post(reverse("casework:case-action", args=[case.reference, "status"]),
                               {"status": status, "version": case.version, "note": ""})
        assert response.status_code == 302
    client.post(reverse("casework:case-action", args=[case.reference, "anteckning"]),
                {"text": "Ringt fastighetsägaren."})
    body = client.get(url).content.decode()
    # Every event is on the timeline: who, when, what
    assert "Öppnat från rapport" in body
    assert "Analys → Åtgärd" in body
    assert "Ringt fastighetsägaren." in body
    assert case.events.count() == 5


def test_closing_tells_each_reporter_through_the_outbox_without_the_description(
        client, est_people):
    first = make_report(est_people.police, description="Hemlig detalj om en person.")
    case = triage(first, est_people.coordinator)
    second = make_report(est_people.housing)
    triage(second, est_people.coordinator, action="add_to_case", case=case)
    client.force_login(est_people.coordinator)
    case.refresh_from_db()
    response = client.post(reverse("casework:case-action", args=[case.reference, "avsluta"]),
                           {"outcome": "Klottret sanerat.", "version": case.version})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    emails = OutgoingEmail.objects.filter(template="est_report_feedback")
    assert sorted(e.to_email for e in emails) == sorted(
        [est_people.police.email, est_people.housing.email])
    # A reference and a link, never the report's text
    for email in emails:
        assert "Hemlig" not in str(email.context)
    # The reporter sees what came of it
    client.force_login(est_people.police)
    page = client.get(reverse("casework:report-detail", args=[first.reference])).content.decode()
    assert "Klottret sanerat." in page


def test_a_stale_status_change_is_a_conflict(client, est_people):
    case = triage(make_report(est_people.police), est_people.coordinator)
    client.force_login(est_people.coordinator)
    stale = case.version
    client.post(reverse("casework:case-action", args=[case.reference, "status"]),
                {"status": CaseStatus.ANALYSIS, "version": stale})
    response = client.post(reverse("casework:case-action", args=[case.reference, "status"]),
                           {"status": CaseStatus.ACTION, "version": stale})
    assert response.status_code == 409
    assert "Någon annan ändrade ärendet" in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.ANALYSIS


def test_closing_needs_an_outcome(client, est_people):
    case = triage(make_report(est_people.police), est_people.coordinator)
    client.force_login(est_people.coordinator)
    response = client.post(reverse("casework:case-action", args=[case.reference, "avsluta"]),
                           {"outcome": "", "version": case.version})
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.status == CaseStatus.INTAKE
