from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import WorkerHeartbeat
from notifications.models import OutgoingEmail
from notifications.services import email_enqueue


@pytest.mark.django_db
def test_health_is_ok_when_database_broker_and_worker_answer(client):
    WorkerHeartbeat.objects.create(hostname="w1", seen_at=timezone.now())
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


@pytest.mark.django_db
def test_health_names_the_broker_when_redis_is_unreachable(client, settings):
    WorkerHeartbeat.objects.create(hostname="w1", seen_at=timezone.now())
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["failing"] == ["broker"]


@pytest.mark.django_db
def test_health_names_the_worker_without_recent_heartbeat(client):
    WorkerHeartbeat.objects.create(
        hostname="w1", seen_at=timezone.now() - timezone.timedelta(hours=1),
    )
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["failing"] == ["worker"]


@pytest.mark.django_db
def test_pages_keep_serving_while_redis_is_down(client, settings, make_user):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    settings.CELERY_BROKER_URL = settings.REDIS_URL
    client.force_login(make_user("sara"))
    assert client.get("/").status_code == 200


@pytest.mark.slow
def test_the_broker_check_follows_redis_down_and_back(settings, private_redis):
    """The check keeps one connection pool per process; a connection pooled
    before Redis went away must not make it report the wrong state after."""
    from core.health import check_broker

    settings.REDIS_URL = private_redis.url
    assert check_broker() is None  # a pooled connection now exists
    private_redis.stop()
    assert check_broker() is not None
    private_redis.start()
    assert check_broker() is None


def _email_due_since(key: str, seconds_ago: int, status=OutgoingEmail.Status.PENDING):
    email = email_enqueue(key=key, to="mottagare@example.org", template="test_notice")
    OutgoingEmail.objects.filter(pk=email.pk).update(
        due_at=timezone.now() - timedelta(seconds=seconds_ago), status=status)


@pytest.mark.django_db
def test_health_fails_on_due_mail_older_than_the_threshold(client, settings):
    settings.OUTBOX_MAX_DUE_AGE = 600
    WorkerHeartbeat.objects.create(hostname="w1", seen_at=timezone.now())
    _email_due_since("old", 3600)
    _email_due_since("fresh", 30)
    response = client.get("/health/")
    # the oldest due row decides: an hour old against ten minutes allowed
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["outbox"]
    assert 3600 <= body["checks"]["outbox"]["oldest_due_age_seconds"] < 3700
    assert "mottagare" not in response.content.decode()


@pytest.mark.django_db
def test_health_is_ok_with_fresh_due_mail_and_shows_failed_rows(client, settings):
    settings.OUTBOX_MAX_DUE_AGE = 600
    WorkerHeartbeat.objects.create(hostname="w1", seen_at=timezone.now())
    _email_due_since("fresh", 30)
    _email_due_since("gave-up-1", 7200, status=OutgoingEmail.Status.FAILED)
    _email_due_since("gave-up-2", 7200, status=OutgoingEmail.Status.FAILED)
    _email_due_since("delivered", 7200, status=OutgoingEmail.Status.SENT)
    response = client.get("/health/")
    # failed rows are counted but do not fail the check; sent rows are not due
    assert response.status_code == 200
    outbox = response.json()["checks"]["outbox"]
    assert outbox["ok"] is True
    assert outbox["failed"] == 2
    assert 30 <= outbox["oldest_due_age_seconds"] < 120


@pytest.mark.django_db
def test_health_does_not_count_mail_waiting_for_its_retry_as_due(client, settings):
    settings.OUTBOX_MAX_DUE_AGE = 600
    WorkerHeartbeat.objects.create(hostname="w1", seen_at=timezone.now())
    _email_due_since("retry-later", -300)
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["checks"]["outbox"]["oldest_due_age_seconds"] == 0
