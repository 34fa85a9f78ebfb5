"""The whole handshake through HTTP, with the e-mails delivered by the real
outbox sender to a real SMTP server (aiosmtpd)."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from concerns.models import Concern, Referral
from notifications.sending import outbox_send_due

from .conftest import SUBJECT

pytestmark = pytest.mark.django_db


def _subjects(server):
    return [str(m["Subject"]).strip() for m in server.messages]


def test_refer_acknowledge_and_report_back_over_http(client, people, smtp_server):
    coordinator, receiver = people["coordinator"], people["receiver_a"]
    with time_machine.travel(date(2026, 12, 23), tick=True):
        client.force_login(coordinator)
        response = client.post(reverse("concerns:concern-create"), {
            "source": "phone", **SUBJECT, "urgency": "normal"})
        assert response.status_code == 302
        concern = Concern.objects.get()
        assert concern.subject_personnummer == "19121212-1212"
        # Routing before triage is refused with a Swedish message.
        early = client.post(reverse("concerns:referral-create", args=[concern.pk]),
                            {"kind": "support", "receiver_user": receiver.pk})
        assert early.status_code == 400 and "Bedöm ärendet" in early.content.decode()
        client.post(reverse("concerns:concern-triage", args=[concern.pk]), {
            "risk_assessment": "Hemlig bedömning", "urgency": "high", "environment": "right",
            "age_group": "18_25"})
        response = client.post(reverse("concerns:referral-create", args=[concern.pk]), {
            "kind": "support", "receiver_unit": receiver.organisation_id,
            "receiver_user": receiver.pk, "message": "Behöver stödsamtal"})
        assert response.status_code == 302
        referral = Referral.objects.get()
        assert referral.due_on == date(2026, 12, 29)
        assert outbox_send_due() == 1
    smtp_server.wait_for(1)
    message = smtp_server.messages[0]
    # The receiver gets the reference and a link, nothing else.
    assert str(message["Subject"]) == f"Ny remiss {concern.reference} väntar på kvittens"
    assert str(message["To"]) == receiver.email
    body = message.get_body(("plain",)).get_content()
    assert f"/remisser/{referral.pk}/" in body
    for secret in ("Testa", "1212", "Hemlig", "stödsamtal", "radikal"):
        assert secret not in body and secret not in str(message["Subject"])

    # The receiver acknowledges through the page linked in the e-mail.
    client.force_login(receiver)
    page = client.get(reverse("concerns:referral-detail", args=[referral.pk]))
    assert page.status_code == 200 and "Behöver stödsamtal" in page.content.decode()
    bad = client.post(reverse("concerns:referral-detail", args=[referral.pk]),
                      {"form": "answer", "decision": "decline", "reason": ""})
    assert bad.status_code == 400 and "Ange skäl" in bad.content.decode()
    ok = client.post(reverse("concerns:referral-detail", args=[referral.pk]),
                     {"form": "answer", "decision": "accept"})
    assert ok.status_code == 302
    twice = client.post(reverse("concerns:referral-detail", args=[referral.pk]),
                        {"form": "answer", "decision": "accept"})
    assert twice.status_code == 409 and "redan kvitterad" in twice.content.decode()
    fed = client.post(reverse("concerns:referral-detail", args=[referral.pk]),
                      {"form": "feedback", "status": "ongoing"})
    assert fed.status_code == 302

    # The coordinator is told, and sees the kvittens and the status.
    assert outbox_send_due() == 1
    smtp_server.wait_for(2)
    assert _subjects(smtp_server)[1] == f"Remiss {concern.reference} har kvitterats"
    assert str(smtp_server.messages[1]["To"]) == coordinator.email
    client.force_login(coordinator)
    detail = client.get(reverse("concerns:concern-detail", args=[concern.pk])).content.decode()
    assert "Accepterad" in detail and "Insats pågår" in detail
    # The reminder was withdrawn: nothing more is sent on the last day.
    with time_machine.travel(date(2026, 12, 29)):
        assert outbox_send_due() == 0

    # Close with an outcome, then reopen.
    closed = client.post(reverse("concerns:concern-close", args=[concern.pk]),
                         {"outcome": "support"})
    assert closed.status_code == 302
    concern.refresh_from_db()
    assert concern.status == "closed" and concern.retention_date
    edit = client.post(reverse("concerns:concern-triage", args=[concern.pk]),
                       {"risk_assessment": "x", "urgency": "low", "environment": "left",
                        "age_group": "18_25"})
    assert edit.status_code == 400 and "avslutat" in edit.content.decode()
    reopened = client.post(reverse("concerns:concern-reopen", args=[concern.pk]))
    assert reopened.status_code == 302
    concern.refresh_from_db()
    assert concern.status == "new"


def test_reminder_and_escalation_reach_the_inboxes(people, smtp_server):
    from concerns import services

    from .conftest import referred

    with time_machine.travel(date(2026, 6, 18)):
        concern, referral = referred(people["coordinator"], people["receiver_a"])
    # Before midsummer's deadline (2026-06-23 08:00) only the notice goes out.
    with time_machine.travel("2026-06-22 12:00 +0200"):
        assert outbox_send_due() == 1
    with time_machine.travel("2026-06-23 08:05 +0200"):
        assert outbox_send_due() == 1
    smtp_server.wait_for(2)
    assert _subjects(smtp_server)[1] == \
        f"Påminnelse: remiss {concern.reference} väntar på kvittens"
    with time_machine.travel("2026-06-24 09:00 +0200"):
        assert services.referral_escalate_overdue() == 1
        assert outbox_send_due() == 1
    smtp_server.wait_for(3)
    assert _subjects(smtp_server)[2] == \
        f"Remiss {concern.reference} har inte kvitterats i tid"
    assert str(smtp_server.messages[2]["To"]) == people["coordinator"].email


def test_an_invalid_personnummer_is_refused_and_nothing_is_saved(client, people):
    client.force_login(people["coordinator"])
    response = client.post(reverse("concerns:concern-create"), {
        "source": "phone", **SUBJECT, "subject_personnummer": "19121212-1213",
        "urgency": "normal"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ange ett giltigt personnummer" in body and "Testa Testsson" in body
    assert not Concern.objects.exists()


def test_a_child_concern_shows_the_orosanmalan_duty_and_records_it(client, people):
    from .conftest import triaged_concern

    concern = triaged_concern(people["coordinator"], age_group="13_17", child_concerned=True)
    client.force_login(people["coordinator"])
    url = reverse("concerns:referral-create", args=[concern.pk])
    page = client.get(url).content.decode()
    assert "orosanmälan" in page and "14 kap. 1 §" in page
    # Without the orosanmälan recorded: refused, nothing saved.
    response = client.post(url, {"kind": "support", "receiver_user": people["receiver_b"].pk})
    assert response.status_code == 400 and not Referral.objects.exists()
    # A person outside the chosen unit: refused.
    response = client.post(url, {"kind": "support", "receiver_unit": people["receiver_a"]
                                 .organisation_id, "receiver_user": people["receiver_b"].pk,
                                 "child_report_made": "on"})
    assert response.status_code == 400 and "hör inte till" in response.content.decode()
    response = client.post(url, {"kind": "support", "receiver_user": people["receiver_b"].pk,
                                 "child_report_made": "on", "child_report_made_on": "2026-01-05"})
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.child_report_made and referral.child_report_made_on == date(2026, 1, 5)
