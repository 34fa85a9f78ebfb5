"""The PDF for kommunstyrelsen: made by WeasyPrint, in Swedish, with the
goals, measures, owners, due dates and the latest follow-up."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from actionplan import services
from actionplan.models import GoalStatus
from actionplan.pdf import plan_pdf, plan_pdf_html
from audit.models import AccessLogEntry

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_pdf_holds_goals_measures_owners_and_follow_up(people, plan):
    goal = plan.goals.get()
    services.follow_up_record(plan=plan, actor=people["coordinator"], year=2026,
                              summary="Arbetet går enligt plan.",
                              assessments={goal.pk: (GoalStatus.PARTLY_MET, "Halvvägs.")})
    data = plan_pdf(plan)
    assert data.startswith(b"%PDF")
    text = _text(data)
    assert "HEMLIGTMÅL" in text
    assert "HEMLIGÅTGÄRD" in text
    assert "2027-03-31" in text
    assert people["social"].get_full_name() in text
    assert "Delvis uppfyllt" in text
    assert "Uppföljning 2026" in text


def test_pdf_html_is_swedish(plan):
    html = plan_pdf_html(plan)
    assert "Mål och åtgärder" in html
    assert "Goals and measures" not in html


def test_pdf_download_is_logged_as_export(client, people, plan):
    client.force_login(people["management"])
    response = client.get(reverse("actionplan:plan-pdf", args=[plan.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AccessLogEntry.objects.filter(user_id=people["management"].pk,
                                         action=AccessLogEntry.Action.EXPORT,
                                         object_type="action-plan").exists()
