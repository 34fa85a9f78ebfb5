"""Redis (the Celery broker) stops and comes back: the site keeps serving,
/health/ says 503 and names the broker meanwhile, and mail queued during the
outage goes out after the restart through the real worker and beat."""

import pytest
from django.test import Client
from django.utils import timezone

from accounts.roles import Role
from config.settings.bench import BENCH_SECRET_KEY
from core.models import WorkerHeartbeat
from notifications.models import OutgoingEmail
from notifications.services import email_enqueue
from tests.faults.conftest import http_get
from tests.support.processes import wait_until


def enqueue(key):
    return email_enqueue(key=key, to=f"{key.replace(':', '-')}@example.org",
                         template="test_notice",
                         context={"reference": "R-2026-00001", "url": "/x/"})


def sent(key) -> bool:
    return OutgoingEmail.objects.get(key=key).status == OutgoingEmail.Status.SENT


@pytest.mark.slow
def test_site_serves_health_names_broker_and_mail_goes_out_after_redis_returns(
    private_broker, real_server, celery_processes, smtp_server, make_user, settings,
):
    celery_processes("worker")
    celery_processes("beat", OUTBOX_TICK_SECONDS=1)
    enqueue("before:1")
    wait_until(lambda: sent("before:1"), 60, message="nothing sent before the outage")

    # a session the real server (bench settings, production-like) accepts
    settings.SECRET_KEY = BENCH_SECRET_KEY
    browser = Client()
    browser.force_login(make_user("sara", roles=[Role.COORDINATOR]))
    cookie = {"Cookie": f"__Host-sessionid={browser.session.session_key}"}
    WorkerHeartbeat.objects.create(hostname="fault-test", seen_at=timezone.now())

    private_broker.stop()
    enqueue("during:1")
    # the site keeps serving pages while the broker is gone
    status, body = http_get(real_server.port, "/", headers=cookie)
    assert status == 200 and "Logga ut" in body
    assert http_get(real_server.port, "/accounts/login/")[0] == 200
    # and /health/ says 503, naming the broker and nothing else
    status, body = http_get(real_server.port, "/health/")
    assert status == 503
    assert '"failing": ["broker"]' in body
    assert not sent("during:1")

    private_broker.start()
    # worker and beat reconnect by themselves; the queued e-mail goes out
    wait_until(lambda: sent("during:1"), 90, message="queued mail not sent after restart")
    assert http_get(real_server.port, "/health/")[0] == 200
    smtp_server.wait_for(2)
    assert sorted(m["To"] for m in smtp_server.messages) == [
        "before-1@example.org", "during-1@example.org",
    ]
