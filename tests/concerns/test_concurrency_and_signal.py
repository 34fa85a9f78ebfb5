import threading

import pytest
from django.db import connection
from django.urls import reverse

from concerns import services
from concerns.models import Concern, Referral
from core.errors import Invalid

from .conftest import new_concern, referred


@pytest.mark.django_db(transaction=True)
def test_two_receivers_answering_at_once_one_wins(people, units):
    colleague = people["receiver_a"].__class__.objects.create(
        username="soc_a2", email="soc_a2@example.org", organisation=units["ifo"])
    colleague.groups.set(people["receiver_a"].groups.all())
    coordinator = people["coordinator"]
    concern = new_concern(coordinator)
    services.concern_triage(actor=coordinator, concern_id=concern.pk, data={})
    # Addressed to the unit: both members may answer.
    referral = services.referral_send(actor=coordinator, concern_id=concern.pk,
                                      kind="support", receiver_unit=units["ifo"])
    barrier = threading.Barrier(2)
    results = []

    def answer(user, accept):
        try:
            barrier.wait()
            services.referral_answer(actor=user, referral_id=referral.pk, accept=accept,
                                     reason="" if accept else "Fel enhet")
            results.append("ok")
        except Invalid:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=answer, args=(people["receiver_a"], True)),
               threading.Thread(target=answer, args=(colleague, False))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["ok", "refused"]
    referral.refresh_from_db()
    assert referral.status in ("accepted", "declined") and referral.answered_by_id


@pytest.mark.django_db
def test_a_report_moved_from_est_becomes_a_concern_once(people):
    for _ in range(2):
        services.concern_create_from_est_report(
            actor=people["coordinator"], report_id=4711, report_reference="R-2026-04711",
            data={"indicators": "Text från rapporten", "urgency": "high"})
    concern = Concern.objects.get()
    assert concern.est_report_id == 4711 and concern.source == "est"
    assert concern.status == "new" and concern.urgency == "high"
    assert concern.est_report_reference == "R-2026-04711"


@pytest.mark.django_db
def test_statistics_page_is_anonymous_and_restricted(client, people):
    referred(people["coordinator"], people["receiver_a"])
    for role, expected in (("coordinator", 200), ("management", 200), ("police", 404),
                           ("receiver_a", 404), ("superuser", 404)):
        client.force_login(people[role])
        response = client.get(reverse("concerns:concern-statistics"))
        assert response.status_code == expected, role
        if expected == 200:
            body = response.content.decode()
            assert "&lt;5" in body  # (escaped: the page holds no raw "<5")
            assert "Testa" not in body and "O-20" not in body
    client.force_login(people["coordinator"])
    bad = client.get(reverse("concerns:concern-statistics"),
                     {"start": "2026-12-01", "end": "2026-01-01"})
    assert bad.status_code == 400
    assert Referral.objects.count() == 1
