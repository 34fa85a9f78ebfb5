import pytest
from django.urls import reverse

from casework import services
from casework.choices import CaseStatus
from core.errors import Invalid
from tests.factories.casework import make_report, triage

pytestmark = pytest.mark.django_db


def _post_status(client, case, status):
    case.refresh_from_db()
    return client.post(reverse("casework:case-action", args=[case.reference, "status"]),
                       {"status": status, "version": case.version, "note": ""})


def test_analysis_cannot_skip_action_to_feedback(client, est_people):
    case = triage(make_report(est_people.police), est_people.coordinator)
    client.force_login(est_people.coordinator)
    assert _post_status(client, case, CaseStatus.ANALYSIS).status_code == 302
    response = _post_status(client, case, CaseStatus.FEEDBACK)
    # Refused with a Swedish message naming the moves that are allowed
    assert response.status_code == 400
    body = response.content.decode()
    assert "kan inte gå från Analys till Återkoppling" in body
    assert "Åtgärd" in body
    case.refresh_from_db()
    assert case.status == CaseStatus.ANALYSIS


def test_feedback_cannot_jump_back_to_intake(est_people):
    case = triage(make_report(est_people.police), est_people.coordinator)
    for status in (CaseStatus.ANALYSIS, CaseStatus.ACTION, CaseStatus.FEEDBACK):
        case = services.case_set_status(case=case, status=status, actor=est_people.coordinator)
    with pytest.raises(Invalid, match="Återkoppling till Inkommen"):
        services.case_set_status(case=case, status=CaseStatus.INTAKE,
                                 actor=est_people.coordinator)
    # One step back is allowed when a step has to be redone
    case = services.case_set_status(case=case, status=CaseStatus.ACTION,
                                    actor=est_people.coordinator)
    assert case.status == CaseStatus.ACTION


def test_the_status_form_offers_only_the_allowed_moves(client, est_people):
    case = triage(make_report(est_people.police), est_people.coordinator)
    client.force_login(est_people.coordinator)
    _post_status(client, case, CaseStatus.ANALYSIS)
    body = client.get(reverse("casework:case-detail", args=[case.reference])).content.decode()
    form = body.split('name="status"')[1].split("</select>")[0]
    assert 'value="action"' in form and 'value="intake"' in form
    assert 'value="feedback"' not in form
