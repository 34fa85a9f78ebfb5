import pytest
from django.utils import timezone

from core.models import WorkerHeartbeat


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
