import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import uploads
from tests.factories.casework import make_report, triage

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_start_page_shows_what_waits(client, est_people):
    report = make_report(est_people.police)
    client.force_login(est_people.coordinator)
    body = client.get(reverse("core:home")).content.decode()
    assert "Inkorg för sortering" in body and "Ej tagna: 1" in body
    client.force_login(est_people.police)
    body = client.get(reverse("core:home")).content.decode()
    assert "Mina rapporter" in body and report.reference in body
    # Menu items follow the roles
    assert reverse("casework:report-create") in body
    assert reverse("workflows:inbox") not in body


def test_list_pages_have_a_flat_query_count(client, est_people, django_assert_max_num_queries):
    for _ in range(15):
        triage(make_report(est_people.police), est_people.coordinator)
    for user, url in [(est_people.police, reverse("casework:report-list")),
                      (est_people.coordinator, reverse("casework:case-list")),
                      (est_people.management, reverse("casework:picture-list"))]:
        client.force_login(user)
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200


def test_attachments_are_for_staff_and_the_reporter_only(client, est_people):
    upload = SimpleUploadedFile("karta.pdf", PDF, content_type="application/pdf")
    report = make_report(est_people.police, attachments=[
        uploads.check_upload(upload, accept=uploads.PHOTO_OR_PDF)])
    attachment = report.attachments.get()
    url = reverse("casework:report-attachment", args=[report.reference, attachment.pk])
    for user, status in [(est_people.coordinator, 200), (est_people.police, 200),
                         (est_people.police_colleague, 404), (est_people.housing, 404),
                         (est_people.planning, 404)]:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == status, user
        if status == 200:
            assert response["Content-Type"] == "application/pdf"
            assert "attachment" in response["Content-Disposition"]
