"""The whole EST cycle through HTTP as the real roles, e-mails delivered to a
real SMTP server (aiosmtpd): report → triage → case → lägesbild → joint
analysis → measure → feedback."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.models import Measure, Report, SituationPicture
from casework.tasks import picture_document_store
from core.workdays import next_working_day
from notifications.sending import outbox_send_due
from tests.factories.casework import triage_task

pytestmark = pytest.mark.django_db


def test_the_est_cycle(client, est_people, smtp_server, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    # 1. The police officer reports from the phone form
    client.force_login(est_people.police)
    client.post(reverse("casework:report-create"), {
        "category": 2, "locality": 1, "place": "Torget",
        "occurred_on": today.isoformat(), "part_of_day": "evening",
        "description": "Grupp ungdomar eldade i papperskorg vid torget.",
        "urgency": "high", "submission_key": "cycle-1"})
    report = Report.objects.get()
    # 2. The samordnare claims it in the inbox and opens a case
    client.force_login(est_people.coordinator)
    task = triage_task(report)
    assert report.reference in client.get(reverse("workflows:inbox")).content.decode()
    client.post(reverse("workflows:task-claim", args=[task.pk]))
    response = client.post(reverse("workflows:task", args=[task.pk]),
                           {"action": "open_case", "title": "Bränder vid torget"})
    report.refresh_from_db()
    case = report.case
    assert response["Location"] == reverse("casework:case-detail", args=[case.reference])
    client.post(reverse("casework:case-action", args=[case.reference, "status"]),
                {"status": "analysis", "version": case.version})
    # 3. A lägesbild for the week
    client.post(reverse("casework:picture-create"), {
        "period_kind": "custom", "period_start": (today - timedelta(days=6)).isoformat(),
        "period_end": today.isoformat(), "title": "Lägesbild vecka"})
    picture = SituationPicture.objects.get()
    client.post(reverse("casework:picture-detail", args=[picture.pk]), {
        "highlights": "Bränder i centrum.", "notes": "", "version": picture.version})
    # 4. The planning chief records the joint analysis and a measure
    client.force_login(est_people.planning)
    picture.refresh_from_db()
    client.post(reverse("casework:picture-analysis", args=[picture.pk]), {
        "analysis": "Fler vuxna på stan kvällstid.", "version": picture.version,
        "measure_1_title": "Nattvandring fredagar", "measure_1_term": "short",
        "measure_1_organisation": est_people.tsk_org.pk})
    measure = Measure.objects.get()
    client.post(reverse("casework:measure-edit", args=[measure.pk]), {
        "title": measure.title, "term": "short", "owner_organisation": est_people.tsk_org.pk,
        "owner": est_people.coordinator.pk,
        "due_date": next_working_day(today + timedelta(days=14)).isoformat(),
        "status": "decided", "cases": [case.pk], "situation_picture": picture.pk,
        "version": measure.version})
    measure.refresh_from_db()
    assert measure.status == "decided" and list(measure.cases.all()) == [case]
    # 5. The samordnare publishes: feedback to the reporter, PDF to management
    client.force_login(est_people.coordinator)
    picture.refresh_from_db()
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(reverse("casework:picture-publish", args=[picture.pk]),
                    {"version": picture.version})
    # The PDF is rendered after commit by a task: run its body here.
    assert callbacks
    picture_document_store(picture.pk)
    # 6. The case is followed up and closed: the reporter hears what came of it
    case.refresh_from_db()
    client.post(reverse("casework:case-action", args=[case.reference, "avsluta"]),
                {"outcome": "Nattvandring införd.", "version": case.version})
    # The outbox delivers through real SMTP (never in the requests above)
    assert smtp_server.messages == []
    # the reporter's two, management's PDF, and the notice to the measure's new owner
    assert outbox_send_due() == 4
    messages = smtp_server.wait_for(4)
    notice = next(m for m in messages if m["To"] == est_people.coordinator.email)
    assert f"Å-{measure.pk}" in notice["Subject"]
    by_subject = {str(m["Subject"]).strip(): m for m in messages}
    to_police = [m for m in messages if m["To"] == est_people.police.email]
    assert len(to_police) == 2
    assert any(report.reference in m["Subject"] for m in to_police)
    management = next(m for m in messages if m["To"] == est_people.management.email)
    attachments = [part for part in management.iter_attachments()]
    assert attachments[0].get_content_type() == "application/pdf"
    # Never the description, in any e-mail
    for message in messages:
        assert "papperskorg" not in message.as_string()
    assert all(subject.startswith("Tryggsam:") for subject in by_subject), list(by_subject)
    # The reporter reads the feedback
    client.force_login(est_people.police)
    page = client.get(reverse("casework:report-detail", args=[report.reference])).content.decode()
    assert "Nattvandring införd." in page
    summary = client.get(reverse("casework:picture-summary", args=[picture.pk]))
    assert summary.status_code == 200
