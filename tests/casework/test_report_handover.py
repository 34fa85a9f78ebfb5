"""A report handed over to the concern track: its content moves to the
concern (description, urgency, place, date, reporter, files, origin), the
report row keeps nothing, its reporter sees a neutral status, a concern
handler is sent on to the concern, everyone else gets 404."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from accounts.roles import Role
from audit.models import AccessLogEntry
from casework.choices import ReportStatus
from casework.models import Report, ReportAttachment
from casework.services import report_move_to_concern_track
from concerns.models import Concern, ConcernAttachment
from core.uploads import PHOTO_OR_PDF, check_upload
from tests.factories.accounts import UserFactory
from tests.factories.casework import make_report, triage

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SECRET = "Eleven ritar hakkors och pratar om att skaffa vapen."


def _handed_over(est_people, **overrides):
    upload = SimpleUploadedFile("skiss.pdf", PDF, content_type="application/pdf")
    data = {"description": SECRET, "urgency": "high", "place": "Skolgården",
            "latitude": "57.200000", "longitude": "13.400000",
            "attachments": [check_upload(upload, accept=PHOTO_OR_PDF)]}
    report = make_report(est_people.police, **{**data, **overrides})
    first = report.attachments.first()
    stored_name = first.file.name if first else None
    triage(report, est_people.coordinator, action="move_to_concern_track")
    report.refresh_from_db()
    return report, stored_name


def test_the_concern_receives_the_reports_content(est_people):
    report, stored_name = _handed_over(est_people)
    concern = Concern.objects.get(est_report_id=report.pk)
    # Everything the reporter wrote is on the concern, urgency Hög stays Hög.
    assert concern.source == "est"
    assert concern.indicators == SECRET
    assert concern.urgency == "high"
    assert concern.place.startswith("Tranemo, Skolgården")
    assert concern.occurred_on is not None
    assert concern.est_report_reference == report.reference
    assert concern.raised_by_organisation == "Polisen"
    assert concern.raised_by_role == "Rapportör i EST (Klotter)"
    # The file moved: the concern's row points at the same stored file.
    attachment = concern.attachments.get()
    assert attachment.file.name == stored_name and attachment.filename == "skiss.pdf"
    assert default_storage.exists(stored_name)
    assert not ReportAttachment.objects.filter(report=report).exists()


def test_an_urgent_report_becomes_a_high_urgency_concern(est_people):
    report, _ = _handed_over(est_people, urgency="urgent", attachments=[])
    assert Concern.objects.get(est_report_id=report.pk).urgency == "high"


def test_the_report_row_keeps_no_content(est_people):
    report, _ = _handed_over(est_people)
    assert report.status == ReportStatus.MOVED and report.handed_over_at is not None
    assert report.description == "" and report.place == ""
    assert report.latitude is None and report.longitude is None
    assert report.category_id is None and report.locality_id is None
    assert report.urgency == "normal" and report.case_id is None
    # Not even in the database's own text of the row.
    with connection.cursor() as cursor:
        cursor.execute("SELECT casework_report::text FROM casework_report WHERE id = %s",
                       [report.pk])
        row_text = cursor.fetchone()[0]
    assert "hakkors" not in row_text and "Skolgården" not in row_text


def test_the_move_is_one_transaction(est_people, monkeypatch):
    """If the concern cannot be created, the report stays as it was."""
    import concerns.services

    report = make_report(est_people.police, description=SECRET)

    def broken(**kwargs):
        raise RuntimeError("concern store down")

    monkeypatch.setattr(concerns.services, "concern_create_from_est_report", broken)
    with pytest.raises(RuntimeError):
        report_move_to_concern_track(report=report, actor=est_people.coordinator)
    report.refresh_from_db()
    assert report.status == ReportStatus.NEW and report.description == SECRET
    assert not Concern.objects.exists()


def test_the_reporter_sees_a_neutral_status(client, est_people):
    report, _ = _handed_over(est_people)
    client.force_login(est_people.police)
    # Mina rapporter lists it as "Överlämnad", without any content.
    listing = client.get(reverse("casework:report-list")).content.decode()
    assert report.reference in listing and "Överlämnad" in listing
    page = client.get(reverse("casework:report-detail", args=[report.reference]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Överlämnad" in body
    for leak in ("hakkors", "Skolgården", "oro", "Oro", "extrem", "O-20"):
        assert leak not in body, leak
    # The API says the same.
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(est_people.police)
    data = api.get(f"/api/v1/reports/{report.reference}/").json()
    assert data["status_display"] == "Överlämnad"
    assert data["category"] is None and data["locality"] is None and data["outcome"] is None
    assert "O-20" not in str(data)


def test_a_partner_colleague_sees_the_neutral_status_too(client, est_people):
    report, _ = _handed_over(est_people)
    client.force_login(est_people.police_colleague)
    response = client.get(reverse("casework:report-detail", args=[report.reference]))
    assert response.status_code == 200 and "Överlämnad" in response.content.decode()


def test_the_coordinator_is_sent_on_to_the_concern(client, est_people):
    report, _ = _handed_over(est_people)
    concern = Concern.objects.get(est_report_id=report.pk)
    deputy = UserFactory(username="t_ersattare", roles=[Role.SECURITY_COORDINATOR,
                                                         Role.CONCERN_DEPUTY])
    for user in (est_people.coordinator, deputy):
        client.force_login(user)
        response = client.get(reverse("casework:report-detail", args=[report.reference]))
        assert response.status_code == 302
        assert response["Location"] == reverse("concerns:concern-detail", args=[concern.pk])
    # The concern page shows the content and the origin; the read is logged.
    page = client.get(response["Location"]).content.decode()
    assert "hakkors" in page and "Skolgården" in page and report.reference in page
    assert reverse("concerns:concern-attachment",
                   args=[concern.pk, concern.attachments.get().pk]) in page
    assert AccessLogEntry.objects.filter(user_id=deputy.pk, object_id=concern.pk,
                                         action="read").exists()


def test_outsiders_get_404_for_the_report_and_its_concern(client, est_people):
    report, _ = _handed_over(est_people)
    concern = Concern.objects.get(est_report_id=report.pk)
    attachment = concern.attachments.get()
    for persona in ("security", "planning", "management", "housing", "reporter", "social",
                    "outsider"):
        user = getattr(est_people, persona)
        client.force_login(user)
        assert client.get(reverse("casework:report-detail",
                                  args=[report.reference])).status_code == 404, persona
        assert client.get(reverse("concerns:concern-detail",
                                  args=[concern.pk])).status_code == 404, persona
        assert client.get(reverse("concerns:concern-attachment",
                                  args=[concern.pk, attachment.pk])).status_code == 404, persona
        assert client.get(reverse("concerns:concern-edit",
                                  args=[concern.pk])).status_code == 404, persona
    # The reporter does not get the file or the concern either.
    client.force_login(est_people.police)
    assert client.get(reverse("concerns:concern-attachment",
                              args=[concern.pk, attachment.pk])).status_code == 404


def test_the_coordinator_downloads_the_moved_file(client, est_people):
    report, _ = _handed_over(est_people)
    concern = Concern.objects.get(est_report_id=report.pk)
    client.force_login(est_people.coordinator)
    response = client.get(reverse("concerns:concern-attachment",
                                  args=[concern.pk, concern.attachments.get().pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert client.get(reverse("concerns:concern-attachment",
                              args=[concern.pk, 10**20])).status_code == 404


def test_the_concern_details_can_be_completed_afterwards(client, est_people):
    report, _ = _handed_over(est_people)
    concern = Concern.objects.get(est_report_id=report.pk)
    client.force_login(est_people.coordinator)
    url = reverse("concerns:concern-edit", args=[concern.pk])
    assert client.get(url).status_code == 200
    form = {"raised_by_role": concern.raised_by_role,
            "raised_by_organisation": concern.raised_by_organisation,
            "raised_by_contact": concern.raised_by_contact, "subject_name": "Testa Elev",
            "subject_personnummer": "", "age_group": "13_17", "environment": "right",
            "indicators": concern.indicators + " Kompletterat.", "place": concern.place,
            "occurred_on": concern.occurred_on.isoformat(), "urgency": "high"}
    response = client.post(url, form)
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.subject_name == "Testa Elev" and concern.environment == "right"
    assert concern.child_concerned and concern.indicators.endswith("Kompletterat.")
    assert concern.source == "est" and concern.est_report_reference == report.reference
    assert concern.events.filter(kind="updated").count() == 1
    # Bad input: a Swedish message and a 400, nothing saved.
    bad = client.post(url, {**form, "occurred_on": "2999-01-01"})
    assert bad.status_code == 400
    assert "framtiden" in bad.content.decode()


def test_a_replayed_api_post_for_a_handed_over_report_shows_the_neutral_status(est_people):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(est_people.police)
    body = {"category": "klotter", "locality": "Tranemo", "occurred_on": "2026-01-05",
            "description": SECRET}
    first = api.post("/api/v1/reports/", body, format="json", HTTP_IDEMPOTENCY_KEY="ho-1")
    report = Report.objects.get(reference=first.json()["reference"])
    triage(report, est_people.coordinator, action="move_to_concern_track")
    again = api.post("/api/v1/reports/", body, format="json", HTTP_IDEMPOTENCY_KEY="ho-1")
    assert again.status_code == 200
    assert again.json()["status_display"] == "Överlämnad"
    assert "hakkors" not in again.content.decode()
    assert Report.objects.count() == 1 and ConcernAttachment.objects.count() == 0
