from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from casework.models import Category, Locality, Report
from notifications.models import OutgoingEmail
from tests.factories.casework import triage_task
from tests.support.images import image_bytes

pytestmark = pytest.mark.django_db

PNG = image_bytes("PNG")


def form_data(**overrides):
    data = {
        "category": Category.objects.get(slug="klotter").pk,
        "locality": Locality.objects.get(name="Limmared").pk,
        "place": "Skolgården",
        "occurred_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "occurred_time": "21:30",
        "part_of_day": "unknown",
        "description": "Nytt klotter på skolans gavel.",
        "urgency": "normal",
        "submission_key": "abc123",
    }
    data.update(overrides)
    return data


def test_a_reporter_submits_a_report_and_it_waits_in_the_inbox(client, est_people):
    client.force_login(est_people.police)
    response = client.post(reverse("casework:report-create"), form_data())
    report = Report.objects.get()
    # The reporter lands on the report with its human reference
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:report-detail", args=[report.reference])
    assert report.reference.startswith(f"R-{timezone.localdate().year}-")
    assert report.organisation == est_people.police_org
    # …and the triage flow has an open task for it
    assert triage_task(report) is not None
    page = client.get(response["Location"])
    assert report.reference in page.content.decode()


def test_the_form_page_shows_the_hint_about_private_persons(client, est_people):
    client.force_login(est_people.reporter)
    response = client.get(reverse("casework:report-create"))
    assert response.status_code == 200
    assert "privatpersoner" in response.content.decode()


def test_a_double_submit_creates_one_report(client, est_people):
    client.force_login(est_people.reporter)
    first = client.post(reverse("casework:report-create"), form_data())
    second = client.post(reverse("casework:report-create"), form_data())
    # Same submission key: one report, both answers lead to it
    assert Report.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_a_photo_is_accepted_and_an_exe_renamed_jpg_is_refused(client, est_people):
    client.force_login(est_people.reporter)
    photo = SimpleUploadedFile("bild.png", PNG, content_type="image/png")
    response = client.post(reverse("casework:report-create"),
                           form_data(attachments=[photo]))
    assert response.status_code == 302
    assert Report.objects.get().attachments.get().mimetype == "image/png"

    exe = SimpleUploadedFile("bild.jpg", b"MZ\x90\x00" + b"\x00" * 200,
                             content_type="image/jpeg")
    response = client.post(reverse("casework:report-create"),
                           form_data(submission_key="other", attachments=[exe]))
    # Refused by content, in Swedish, nothing saved, input kept
    assert response.status_code == 400
    assert "inte ett foto" in response.content.decode()
    assert Report.objects.count() == 1
    assert "Skolgården" in response.content.decode()


@pytest.mark.parametrize("overrides, message", [
    ({"occurred_on": (timezone.localdate() + timedelta(days=2)).isoformat()}, "framtiden"),
    ({"occurred_on": "1999-12-31"}, "före 2000"),
    ({"locality": "99999"}, "Välj en ort"),
    ({"category": "abc"}, "Välj en kategori"),
    ({"description": "   "}, "Beskriv"),
    ({"description": "x" * 5001}, "för lång"),
    ({"occurred_on": "igår"}, "datum"),
])
def test_bad_input_gets_a_swedish_message_and_keeps_the_input(client, est_people, overrides,
                                                              message):
    client.force_login(est_people.reporter)
    response = client.post(reverse("casework:report-create"), form_data(**overrides))
    body = response.content.decode()
    assert response.status_code == 400
    assert message in body
    assert "Skolgården" in body  # what the user typed is still there
    assert Report.objects.count() == 0


def test_submit_stays_within_twenty_queries_and_sends_no_mail(client, est_people,
                                                              django_assert_max_num_queries,
                                                              mailoutbox):
    client.force_login(est_people.reporter)
    # Steady state: not the year's first report (that one creates the counter row)
    client.post(reverse("casework:report-create"), form_data(submission_key="first"))
    data = form_data()
    with django_assert_max_num_queries(20):
        response = client.post(reverse("casework:report-create"), data)
    assert response.status_code == 302
    # No SMTP in the request, nothing queued either
    assert mailoutbox == []
    assert OutgoingEmail.objects.count() == 0
    assert Report.objects.count() == 2


def test_my_reports_lists_only_my_own(client, est_people):
    from tests.factories.casework import make_report

    mine = make_report(est_people.reporter)
    theirs = make_report(est_people.reporter_colleague)
    client.force_login(est_people.reporter)
    body = client.get(reverse("casework:report-list")).content.decode()
    assert mine.reference in body
    assert theirs.reference not in body


def test_a_partner_sees_the_organisations_reports(client, est_people):
    from tests.factories.casework import make_report

    colleague = make_report(est_people.police_colleague)
    client.force_login(est_people.police)
    body = client.get(reverse("casework:report-list") + "?organisation=1").content.decode()
    assert colleague.reference in body
    assert client.get(reverse("casework:report-detail",
                              args=[colleague.reference])).status_code == 200


def test_an_urgent_report_alerts_the_coordinators_through_the_outbox(client, est_people):
    client.force_login(est_people.police)
    client.post(reverse("casework:report-create"), form_data(urgency="urgent"))
    report = Report.objects.get()
    alerts = OutgoingEmail.objects.filter(template="est_report_urgent")
    assert sorted(a.to_email for a in alerts) == sorted(
        [est_people.coordinator.email, est_people.security.email])
    assert all(a.context["reference"] == report.reference for a in alerts)
    assert all("klotter" not in str(a.context) for a in alerts)
    # Rendered in Swedish with the reference and a link
    from notifications.emails import build_message

    message = build_message(alerts[0])
    assert message.subject == f"Tryggsam: brådskande rapport {report.reference}"
    assert f"/rapporter/{report.reference}/" in message.body


@pytest.mark.parametrize("template", ["est_report_feedback", "est_picture_summary",
                                      "est_picture_management", "est_measure_due",
                                      "est_measure_overdue"])
def test_every_est_email_renders_in_swedish(template):
    from notifications.emails import build_message

    email = OutgoingEmail(key="k", to_email="a@example.org", template=template, context={
        "reference": "R-2026-00001", "url": "/x/", "period_start": "2026-11-23",
        "period_end": "2026-11-29", "due_date": "2026-12-01", "title": "T"})
    message = build_message(email)
    assert message.subject.startswith("Tryggsam: ")
    assert "Öppna i Tryggsam" in message.body
    assert not any(word in message.subject for word in ("feedback", "measure", "situation"))
