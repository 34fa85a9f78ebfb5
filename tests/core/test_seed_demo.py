"""seed_demo never runs under production settings and never resets the
password of an account that already exists."""

import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User


@pytest.mark.django_db
def test_seed_demo_keeps_an_existing_users_password(make_user):
    make_user("samordnare", password="ett-eget-langt-losenord-42")
    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    # The existing account keeps its own password; a new demo user gets the demo one.
    assert User.objects.get(username="samordnare").check_password("ett-eget-langt-losenord-42")
    assert not User.objects.get(username="samordnare").check_password("tryggsam-demo")
    assert User.objects.get(username="sakerhet").check_password("tryggsam-demo")


@pytest.mark.django_db
def test_seed_demo_refuses_when_demo_data_is_not_allowed(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="refuses"):
        call_command("seed_demo")
    assert not User.objects.filter(username="samordnare").exists()


def test_seed_demo_refuses_under_production_settings():
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.production",
               DJANGO_SECRET_KEY="s" * 60, EMAIL_URL="smtp+tls://relay.example.org:587")
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run([sys.executable, "manage.py", "seed_demo"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "refuses" in result.stderr and "seed_demo: accounts ok" not in result.stdout
