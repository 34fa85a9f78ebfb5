import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from casework import selectors, services
from casework.choices import PictureStatus
from casework.models import Measure, SituationPicture
from casework.tasks import picture_document_store
from notifications.emails import attachment_content
from notifications.models import OutgoingEmail
from tests.factories.casework import make_report, triage

pytestmark = pytest.mark.django_db


def test_period_bounds():
    assert services.period_bounds("week", date(2026, 11, 26)) == (date(2026, 11, 23),
                                                                   date(2026, 11, 29))
    assert services.period_bounds("month", date(2026, 2, 10)) == (date(2026, 2, 1),
                                                                   date(2026, 2, 28))
    assert services.period_bounds("tertial", date(2026, 6, 1)) == (date(2026, 5, 1),
                                                                    date(2026, 8, 31))
    assert services.period_bounds("year", date(2026, 6, 1)) == (date(2026, 1, 1),
                                                                 date(2026, 12, 31))


def test_statistics_compare_with_previous_period_and_last_year(est_people):
    today = timezone.localdate()
    make_report(est_people.police, days_ago=0, locality="Uddebo")
    make_report(est_people.police, days_ago=0, locality="Uddebo", category="brander")
    make_report(est_people.police, days_ago=7, locality="Uddebo")
    make_report(est_people.police, days_ago=365, locality="Uddebo")
    moved = make_report(est_people.police, days_ago=0, locality="Sjötofta")
    triage(moved, est_people.coordinator, action="move_to_concern_track")
    picture = services.picture_create(actor=est_people.coordinator, period_kind="custom",
                                      period_start=today - timedelta(days=6),
                                      period_end=today)
    figures = selectors.picture_statistics(picture)
    assert figures["total"] == 2
    assert figures["previous_total"] == 1
    assert figures["last_year_total"] == 1
    # The moved report is not counted anywhere, and its locality does not show
    assert [row["name"] for row in figures["by_locality"]] == ["Uddebo"]


def test_the_cycle_create_analyse_publish(client, est_people, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    make_report(est_people.police, days_ago=0)
    make_report(est_people.housing, days_ago=0, description="Detalj som inte får mejlas.")
    make_report(est_people.reporter, days_ago=0)
    client.force_login(est_people.coordinator)
    response = client.post(reverse("casework:picture-create"), {
        "period_kind": "custom", "period_start": (today - timedelta(days=3)).isoformat(),
        "period_end": today.isoformat(), "title": "Vecka test"})
    picture = SituationPicture.objects.get()
    assert response["Location"] == reverse("casework:picture-detail", args=[picture.pk])
    # The planning chief records the joint analysis with proposed measures
    client.force_login(est_people.planning)
    response = client.post(reverse("casework:picture-analysis", args=[picture.pk]), {
        "analysis": "Klotter ökar i centrum.", "version": picture.version,
        "measure_1_title": "Snabbsanering", "measure_1_term": "short",
        "measure_1_organisation": est_people.housing_org.pk,
        "measure_2_title": "Belysning", "measure_2_term": "long",
        "measure_2_organisation": est_people.tsk_org.pk,
    })
    assert response.status_code == 302
    picture.refresh_from_db()
    assert picture.status == PictureStatus.ANALYSED
    assert Measure.objects.filter(situation_picture=picture).count() == 2
    # The planning chief may not publish; the coordinator does
    assert client.post(reverse("casework:picture-publish", args=[picture.pk]),
                       {"version": picture.version}).status_code == 403
    client.force_login(est_people.coordinator)
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(reverse("casework:picture-publish", args=[picture.pk]),
                    {"version": picture.version})
    picture.refresh_from_db()
    assert picture.status == PictureStatus.PUBLISHED
    # The PDF is not rendered in the publishing transaction: a task after commit.
    assert callbacks and not picture.document
    assert not OutgoingEmail.objects.filter(template="est_picture_management").exists()
    assert picture_document_store(picture.pk) is True
    picture.refresh_from_db()
    assert picture.summary["total"] == 3
    reporters = OutgoingEmail.objects.filter(template="est_picture_summary")
    assert sorted(e.to_email for e in reporters) == sorted(
        u.email for u in (est_people.police, est_people.housing, est_people.reporter))
    assert all("Detalj" not in str(e.context) for e in reporters)
    management = OutgoingEmail.objects.get(template="est_picture_management")
    assert management.to_email == est_people.management.email
    # The mail refers to the document stored once; it carries no copy.
    assert management.attachments[0]["stored_name"] == picture.document.name
    assert "content_b64" not in management.attachments[0]
    pdf = attachment_content(management.attachments[0])
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Vecka test" in text and "Klotter ökar i centrum." in text
    # Publishing again changes nothing and sends nothing twice
    count = OutgoingEmail.objects.count()
    client.post(reverse("casework:picture-publish", args=[picture.pk]),
                {"version": picture.version})
    assert picture_document_store(picture.pk) is False
    assert OutgoingEmail.objects.count() == count
    # A reporter may read the summary once published
    client.force_login(est_people.reporter)
    assert client.get(reverse("casework:picture-summary", args=[picture.pk])).status_code == 200
    assert client.get(reverse("casework:picture-detail", args=[picture.pk])).status_code == 404


def test_publishing_needs_the_analysis_first(client, est_people):
    picture = services.picture_create(actor=est_people.coordinator, period_kind="week",
                                      period_start=timezone.localdate())
    client.force_login(est_people.coordinator)
    response = client.post(reverse("casework:picture-publish", args=[picture.pk]),
                           {"version": picture.version}, follow=True)
    assert "Registrera den gemensamma analysen" in response.content.decode()
    picture.refresh_from_db()
    assert picture.status == PictureStatus.DRAFT


def test_the_pdf_view_renders(client, est_people):
    picture = services.picture_create(actor=est_people.coordinator, period_kind="month",
                                      period_start=timezone.localdate())
    client.force_login(est_people.planning)
    response = client.get(reverse("casework:picture-pdf", args=[picture.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_custom_period_needs_a_valid_end(client, est_people):
    client.force_login(est_people.coordinator)
    response = client.post(reverse("casework:picture-create"), {
        "period_kind": "custom", "period_start": "2026-05-10", "period_end": "2026-05-01"})
    assert response.status_code == 400
    assert "Perioden måste sluta" in response.content.decode()


def test_management_shares_one_stored_document(client, est_people, make_user,
                                               django_capture_on_commit_callbacks):
    from accounts.roles import Role

    second = make_user("ledning-tva", roles=[Role.MANAGEMENT])
    picture = services.picture_create(actor=est_people.coordinator, period_kind="month",
                                      period_start=timezone.localdate())
    picture = services.picture_record_analysis(picture=picture, actor=est_people.planning,
                                               version=picture.version, analysis="Lugnt.")
    with django_capture_on_commit_callbacks(execute=False):
        services.picture_publish(picture=picture, actor=est_people.coordinator,
                                 version=picture.version)
    picture_document_store(picture.pk)
    picture.refresh_from_db()
    rows = OutgoingEmail.objects.filter(template="est_picture_management")
    # One stored PDF, named by every management row; the published PDF view
    # serves that same document.
    assert {row.to_email for row in rows} == {est_people.management.email, second.email}
    assert {row.attachments[0]["stored_name"] for row in rows} == {picture.document.name}
    client.force_login(est_people.planning)
    response = client.get(reverse("casework:picture-pdf", args=[picture.pk]))
    assert response.content == attachment_content(rows[0].attachments[0])
