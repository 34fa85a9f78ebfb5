"""Production refuses to start without a mail relay, and has no /epost/
(the local mailbox exists only in local settings)."""

import os
import subprocess
import sys

import pytest

RELAY = "smtp+tls://tryggsam:secret@relay.example.org:587"
PROBE = (
    "import django; django.setup();"
    "from django.conf import settings; from django.urls import resolve, Resolver404;"
    "\ntry:\n    resolve('/epost/'); print('mailbox', settings.LOCAL_MAILBOX)"
    "\nexcept Resolver404:\n    print('no-mailbox', settings.LOCAL_MAILBOX)"
    "\nprint(settings.EMAIL_HOST, settings.EMAIL_PORT)"
)


def _run(module: str, **extra) -> subprocess.CompletedProcess:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE=module, DJANGO_SECRET_KEY="k" * 60, **extra)
    for name in ("EMAIL_URL", "EMAIL_HOST", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        if name not in extra:
            env.pop(name, None)
    return subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                          text=True, timeout=120)


def test_production_refuses_to_start_without_a_mail_relay():
    result = _run("config.settings.production")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "EMAIL_URL" in result.stderr


@pytest.mark.parametrize("setting", [{"EMAIL_URL": RELAY}, {"EMAIL_HOST": "relay.example.org"}])
def test_production_with_a_relay_starts_without_the_local_mailbox(setting):
    result = _run("config.settings.production", **setting)
    assert result.returncode == 0, result.stderr
    mailbox, relay = result.stdout.splitlines()
    assert mailbox == "no-mailbox False"
    assert relay.startswith("relay.example.org ")


def test_local_settings_have_the_mailbox_and_the_sink():
    result = _run("config.settings.local")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["mailbox True", "127.0.0.1 1025"]
