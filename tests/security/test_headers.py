"""Security headers on every kind of response: pages, error pages, JSON."""

import pytest
from django.urls import reverse

EXPECTED = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def assert_security_headers(response):
    for header, value in EXPECTED.items():
        assert response.get(header) == value, f"{header}: {response.get(header)!r}"
    csp = response.get("Content-Security-Policy", "")
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    # only our own origin: no inline scripts, no CDN, no framing
    assert directives.get("default-src") == "'self'", csp
    assert directives.get("script-src") == "'self'", csp
    assert directives.get("frame-ancestors") == "'none'", csp
    assert directives.get("object-src") == "'none'", csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/health/", "/finns-inte/", "/"])
def test_anonymous_responses_carry_the_security_headers(client, path):
    assert_security_headers(client.get(path))


@pytest.mark.django_db
def test_logged_in_pages_carry_the_security_headers_and_are_not_cached(client, make_user):
    client.force_login(make_user("sara"))
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert_security_headers(response)


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_http_only_and_same_site(client, make_user):
    make_user("sara")
    client.get(reverse("login"))
    client.post(reverse("login"), {"username": "sara", "password": "correct horse battery"})
    session = client.cookies["sessionid"]
    assert session["httponly"] and session["samesite"] == "Lax"
    assert client.cookies["csrftoken"]["httponly"]


def test_production_settings_add_https_only_headers_and_cookies():
    import os
    import subprocess
    import sys

    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_NAME, s.DEBUG)"
    )
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.production",
               DJANGO_SECRET_KEY="p" * 60, EMAIL_URL="smtp+tls://relay.example.org:587")
    out = subprocess.run([sys.executable, "-c", f"import django;django.setup();{code}"],
                         env=env, capture_output=True, text=True, timeout=60, check=True)
    hsts, session_secure, csrf_secure, redirect, cookie_name, debug = out.stdout.split()
    # HTTPS everywhere, cookies never sent in clear, no debug pages
    assert int(hsts) >= 31536000
    assert (session_secure, csrf_secure, redirect, debug) == ("True", "True", "True", "False")
    assert cookie_name.startswith("__Host-")
