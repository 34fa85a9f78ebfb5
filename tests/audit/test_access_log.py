import logging

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from audit.models import AccessLogEntry
from concerns import services
from tests.concerns.conftest import SUBJECT, new_concern, referred
from tests.support.refuse import refuse_inserts

pytestmark = pytest.mark.django_db


def _rows(**filters):
    return AccessLogEntry.objects.filter(**filters)


def test_each_read_writes_exactly_one_row(client, people):
    concern = new_concern(people["coordinator"])
    client.force_login(people["coordinator"])
    before = _rows().count()
    url = reverse("concerns:concern-detail", args=[concern.pk])
    client.get(url)
    client.get(url)
    # Two reads, two rows, with who, what, action and address.
    rows = list(_rows().order_by("id")[before:])
    assert len(rows) == 2
    assert {(r.username, r.action, r.object_type, r.object_id, r.object_reference,
             r.ip_address, r.basis) for r in rows} == {
        ("samordnare", "read", "concern", concern.pk, concern.reference, "127.0.0.1",
         "coordinator")}


def test_api_reads_and_exports_are_logged_per_object(client, people):
    first, second = new_concern(people["coordinator"]), new_concern(people["coordinator"])
    client.force_login(people["deputy"])
    client.get(reverse("concerns:api-concern-detail", args=[first.pk]))
    assert _rows(action="api_read", object_id=first.pk, basis="deputy").count() == 1
    client.get(reverse("concerns:concern-export"))
    assert _rows(action="export").count() == 2
    assert set(_rows(action="export").values_list("object_id", flat=True)) == \
        {first.pk, second.pk}


def test_the_handshake_is_logged(people):
    concern, referral = referred(people["coordinator"], people["receiver_a"])
    services.referral_answer(actor=people["receiver_a"], referral_id=referral.pk, accept=True)
    services.referral_report_status(actor=people["receiver_a"], referral_id=referral.pk,
                                    status="ongoing")
    actions = list(_rows(object_type="referral", object_id=referral.pk)
                   .order_by("id").values_list("action", "username"))
    assert actions == [("referral_sent", "samordnare"), ("referral_accepted", "soc_a"),
                       ("referral_feedback", "soc_a")]


def test_the_database_refuses_update_and_delete():
    row = AccessLogEntry.objects.create(action="read", basis="coordinator",
                                        object_type="concern", object_id=1)
    # The trigger in PostgreSQL refuses, whatever the ORM or raw SQL does.
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLogEntry.objects.filter(pk=row.pk).update(username="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessLogEntry.objects.filter(pk=row.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_accesslogentry")
    assert AccessLogEntry.objects.filter(pk=row.pk, username="").exists()


def test_the_log_is_kept_when_the_concern_is_deleted(client, people):
    concern = new_concern(people["coordinator"])
    client.force_login(people["coordinator"])
    client.get(reverse("concerns:concern-detail", args=[concern.pk]))
    reference, pk = concern.reference, concern.pk
    services.concern_delete(actor=people["coordinator"], concern_id=pk)
    actions = set(_rows(object_id=pk, object_type="concern").values_list("action", flat=True))
    assert {"create", "read", "delete"} <= actions
    assert _rows(object_reference=reference).count() >= 3


def test_a_read_fails_closed_when_the_log_cannot_be_written(client, people):
    concern = new_concern(people["coordinator"])
    refuse_inserts("audit_accesslogentry")
    client.force_login(people["coordinator"])
    response = client.get(reverse("concerns:concern-detail", args=[concern.pk]))
    body = response.content.decode()
    # No content without a log row: 503 and nothing of the concern.
    assert response.status_code == 503
    assert concern.reference not in body and SUBJECT["subject_name"] not in body
    api = client.get(reverse("concerns:api-concern-detail", args=[concern.pk]))
    assert api.status_code == 503
    assert SUBJECT["subject_name"] not in api.content.decode()


def test_no_personal_data_reaches_the_log_lines(client, people, caplog):
    caplog.set_level(logging.DEBUG)
    client.force_login(people["coordinator"])
    response = client.post(reverse("concerns:concern-create"), {
        "source": "phone", "raised_by_contact": "070-1234567", **SUBJECT, "urgency": "normal",
    })
    assert response.status_code == 302
    concern_url = response["Location"]
    client.get(concern_url)
    concern_id = int(concern_url.rstrip("/").rsplit("/", 1)[1])
    client.post(reverse("concerns:concern-triage", args=[concern_id]), {
        "risk_assessment": "Hemlig bedömning", "urgency": "high", "environment": "right",
        "age_group": "18_25"})
    services.referral_escalate_overdue()
    text = caplog.text + " ".join(str(r.args) for r in caplog.records)
    for secret in ("Testa Testsson", "19121212", "121212-1212", "Hemlig", "070-1234567"):
        assert secret not in text


def test_the_log_review_page_is_for_the_log_reviewer_only(client, people):
    concern = new_concern(people["coordinator"])
    client.force_login(people["deputy"])
    client.get(reverse("concerns:concern-detail", args=[concern.pk]))
    client.force_login(people["police"])
    client.get(reverse("concerns:concern-detail", args=[concern.pk]))
    for role in ("coordinator", "deputy", "police", "superuser", "receiver_a"):
        client.force_login(people[role])
        assert client.get(reverse("audit:log")).status_code == 404
        assert client.get(reverse("audit:log-export")).status_code == 404
    client.force_login(people["log_reviewer"])
    page = client.get(reverse("audit:log"), {"reference": concern.reference})
    assert page.status_code == 200
    # The saved view flags the deputy's read and the police's denied attempt,
    # not the coordinator's own work.
    flagged = client.get(reverse("audit:log"), {"view": "no-referral"}).content.decode()
    assert "ersattare" in flagged and "polis" in flagged and "samordnare" not in flagged
    csv = client.get(reverse("audit:log-export"), {"user": "ersattare"})
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode().strip().splitlines()
    assert len(lines) == 2 and concern.reference in lines[1]
    bad = client.get(reverse("audit:log"), {"start": "2026-12-01", "end": "2026-01-01"})
    assert bad.status_code == 400
