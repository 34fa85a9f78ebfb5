"""Need-to-know: every role × every concern and referral URL gives exactly
the expected status; receivers cannot reach each other's referrals (IDOR)."""

import pytest
from django.urls import reverse

from audit.models import AccessLogEntry
from concerns.models import Concern

from .conftest import new_concern, referred, triaged_concern

pytestmark = pytest.mark.django_db

HANDLERS = ("coordinator", "deputy")
OUTSIDERS = ("security", "public_health", "police", "housing", "planning", "management",
             "reporter", "group", "log_reviewer", "superuser")
RECEIVERS = ("receiver_a", "receiver_b")


@pytest.fixture
def world(people):
    concern_a, referral_a = referred(people["coordinator"], people["receiver_a"])
    concern_b, referral_b = referred(people["coordinator"], people["receiver_b"])
    return {"concern": concern_a, "referral_a": referral_a, "referral_b": referral_b,
            "concern_b": concern_b}


def concern_urls(world):
    pk = world["concern"].pk
    return [
        reverse("concerns:concern-list"),
        reverse("concerns:concern-create"),
        reverse("concerns:concern-export"),
        reverse("concerns:concern-detail", args=[pk]),
        reverse("concerns:concern-triage", args=[pk]),
        reverse("concerns:referral-create", args=[pk]),
        reverse("concerns:concern-police", args=[pk]),
        reverse("concerns:concern-no-action", args=[pk]),
        reverse("concerns:concern-close", args=[pk]),
        reverse("concerns:api-concern-list"),
        reverse("concerns:api-concern-detail", args=[pk]),
    ]


ADMIN_URLS = ["/admin/concerns/concern/", "/admin/concerns/referral/",
              "/admin/concerns/concernevent/", "/admin/audit/accesslogentry/",
              "/admin/concerns/concern/1/change/"]


def _status(client, user, url):
    client.force_login(user)
    return client.get(url).status_code


@pytest.mark.parametrize("role", HANDLERS)
def test_handlers_reach_every_concern_page(client, people, world, role):
    for url in concern_urls(world):
        assert _status(client, people[role], url) == 200, url
    for key in ("referral_a", "referral_b"):
        url = reverse("concerns:referral-detail", args=[world[key].pk])
        assert _status(client, people[role], url) == 200, url
    assert _status(client, people[role], reverse("concerns:referral-inbox")) == 200


@pytest.mark.parametrize("role", OUTSIDERS + RECEIVERS)
def test_everyone_else_gets_404_on_concern_pages(client, people, world, role):
    for url in concern_urls(world):
        assert _status(client, people[role], url) == 404, url
    # Reopen is POST only; it is 404 too.
    client.force_login(people[role])
    response = client.post(reverse("concerns:concern-reopen", args=[world["concern"].pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_get_404_on_referrals(client, people, world, role):
    assert _status(client, people[role], reverse("concerns:referral-inbox")) == 404
    for key in ("referral_a", "referral_b"):
        url = reverse("concerns:referral-detail", args=[world[key].pk])
        assert _status(client, people[role], url) == 404, url


def test_receivers_see_only_their_own_referral(client, people, world):
    a, b = world["referral_a"], world["referral_b"]
    url = lambda r: reverse("concerns:referral-detail", args=[r.pk])  # noqa: E731
    assert _status(client, people["receiver_a"], url(a)) == 200
    assert _status(client, people["receiver_b"], url(b)) == 200
    # IDOR: changing the id gives 404, for every id around theirs too.
    for pk in range(min(a.pk, b.pk) - 2, max(a.pk, b.pk) + 3):
        if pk != a.pk:
            assert _status(client, people["receiver_a"],
                           reverse("concerns:referral-detail", args=[pk])) == 404
        if pk != b.pk:
            assert _status(client, people["receiver_b"],
                           reverse("concerns:referral-detail", args=[pk])) == 404
    # Acting on the other's referral: 404 and nothing changes.
    client.force_login(people["receiver_b"])
    response = client.post(url(a), {"form": "answer", "decision": "accept"})
    assert response.status_code == 404
    a.refresh_from_db()
    assert a.status == "sent"


def test_the_receiver_inbox_lists_only_their_referrals(client, people, world):
    client.force_login(people["receiver_a"])
    body = client.get(reverse("concerns:referral-inbox")).content.decode()
    assert world["concern"].reference in body
    assert world["concern_b"].reference not in body


def test_a_receiver_sees_no_triage_notes_or_indicators(client, people, world):
    client.force_login(people["receiver_a"])
    body = client.get(reverse("concerns:referral-detail",
                              args=[world["referral_a"].pk])).content.decode()
    assert "Hemlig bedömning" not in body
    assert "Hemlig indikator" not in body


@pytest.mark.parametrize("role", HANDLERS + OUTSIDERS + RECEIVERS)
def test_the_admin_shows_no_concern_content(client, people, world, role):
    for url in ADMIN_URLS:
        status = _status(client, people[role], url)
        # Non-staff are sent to the admin login; the superuser gets 404.
        assert status == (404 if role == "superuser" else 302), url
    client.force_login(people["superuser"])
    body = client.get("/admin/").content.decode()
    assert "concern" not in body.lower() and "Oro" not in body


def test_the_workflow_admin_hides_concern_processes(client, people, world):
    from viewflow.workflow.models import Process, Task

    client.force_login(people["superuser"])
    process = Process.objects.filter(artifact_object_id=world["concern"].pk).first()
    task = Task.objects.filter(process=process).first()
    assert client.get("/admin/viewflow/process/").status_code == 200
    # The concern flow's processes and tasks are not reachable in the admin.
    assert client.get(f"/admin/viewflow/process/{process.pk}/change/").status_code == 404
    assert client.get(f"/admin/viewflow/task/{task.pk}/change/").status_code == 404
    listing = client.get("/admin/viewflow/process/").content.decode()
    assert f"/admin/viewflow/process/{process.pk}/change/" not in listing


def test_anonymous_users_are_sent_to_login(client, world):
    for url in concern_urls(world):
        response = client.get(url)
        assert response.status_code == (401 if url.startswith("/api/") else 302), url
    assert Concern.objects.count() == 2


def test_the_staff_form_is_for_municipal_staff_and_shows_nothing_back(client, people):
    from accounts.models import Organisation

    police_org = Organisation.objects.create(name="Polisen", kind=Organisation.Kind.POLICE)
    people["police"].organisation = police_org
    people["police"].save()
    client.force_login(people["police"])
    assert client.get(reverse("concerns:concern-report")).status_code == 404
    client.force_login(people["reporter"])
    response = client.post(reverse("concerns:concern-report"), {
        "subject_name": "Namn Namnsson", "age_group": "unknown", "environment": "left",
        "indicators": "Oro",
    })
    assert response.status_code == 302
    body = client.get(response["Location"]).content.decode()
    concern = Concern.objects.get()
    assert concern.reference not in body and "Namn Namnsson" not in body
    # The creator cannot read what they sent.
    assert _status(client, people["reporter"],
                   reverse("concerns:concern-detail", args=[concern.pk])) == 404


def test_denied_attempts_are_logged(client, people, world):
    _status(client, people["police"],
            reverse("concerns:concern-detail", args=[world["concern"].pk]))
    row = AccessLogEntry.objects.filter(action="denied").latest("id")
    assert row.username == people["police"].username
    assert row.object_id == world["concern"].pk


def test_the_list_pages_use_a_bounded_number_of_queries(client, people, world,
                                                        django_assert_max_num_queries):
    for _ in range(5):
        referred(people["coordinator"], people["receiver_a"])
    client.force_login(people["coordinator"])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("concerns:concern-list")).status_code == 200
    client.force_login(people["receiver_a"])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("concerns:referral-inbox")).status_code == 200


def test_the_concern_list_filters_by_status_and_names_a_bad_one(client, people):
    triaged = triaged_concern(people["coordinator"])
    fresh = new_concern(people["coordinator"], subject_name="Nyare Person")
    client.force_login(people["coordinator"])
    url = reverse("concerns:concern-list")
    # a status filters; a bad one is named in Swedish and the whole list is shown
    body = client.get(url, {"status": "triaged"}).content.decode()
    assert triaged.reference in body and fresh.reference not in body
    response = client.get(url, {"status": "nonsense"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ. nonsense finns inte bland tillgängliga" in body
    assert triaged.reference in body and fresh.reference in body
