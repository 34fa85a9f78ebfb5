import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_unknown_url_gives_a_swedish_404(client):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan kunde inte hittas" in response.content.decode()


@pytest.mark.django_db
def test_start_page_needs_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_seed_demo_twice_gives_the_same_rows():
    from django.apps import apps

    call_command("seed_demo")
    first = {m._meta.label: m.objects.count() for m in apps.get_models()}
    call_command("seed_demo")
    second = {m._meta.label: m.objects.count() for m in apps.get_models()}
    first.pop("sessions.Session", None)
    second.pop("sessions.Session", None)
    assert first == second
    assert first["accounts.User"] >= 7


def test_check_deploy_is_clean_with_production_settings():
    import os
    import subprocess
    import sys

    env = dict(os.environ)
    env.update(DJANGO_SETTINGS_MODULE="config.settings.production",
               DJANGO_SECRET_KEY="x" * 30 + "-production-secret-key-for-check-0123456789",
               ALLOWED_HOSTS="tryggsam.example.org",
               EMAIL_URL="smtp+tls://relay.example.org:587")
    # The browser fixture sets this for Playwright's event loop; production never has it.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
