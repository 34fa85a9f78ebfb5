"""The `oidc_provider` fixture: the real OpenID Connect provider of
tests/support/oidc_provider/ in a process of its own, and Tryggsam's
settings pointed at it (issuer, client, group → role map, amr "mfa").
`client_sso_login` signs in through it with Django's test client (the
provider's pages through requests), for tests that need no browser."""

import json
import re
import sys
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from accounts.roles import Role
from config.settings.parts.signin import (
    OIDC_PROVIDER_ID,
    openid_connect_providers,
    with_provider_form_action,
)
from tests.support.processes import ManagedProcess, wait_until
from tests.support.smtp import free_port

CLIENT_ID = "tryggsam-test"
CLIENT_SECRET = "provider-test-secret-0123456789"  # noqa: S105
ROLE_MAP = {"tryggsam-samordnare": [Role.COORDINATOR],
            "tryggsam-remisser": [Role.SOCIAL_SERVICES]}


class Provider:
    def __init__(self, port: int, people_file: Path):
        self.port = port
        self.issuer = f"http://127.0.0.1:{port}/o"
        self.people_file = people_file
        self.people: dict = {}

    def set_person(self, username: str, **fields) -> None:
        self.people.setdefault(username, {}).update(fields)
        self.people_file.write_text(json.dumps(self.people), encoding="utf-8")

    def answers(self) -> bool:
        try:
            with urllib.request.urlopen(  # noqa: S310 (loopback, test provider)
                    f"{self.issuer}/.well-known/openid-configuration", timeout=2) as reply:
                return reply.status == 200
        except OSError:
            return False


def private_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


@pytest.fixture
def oidc_provider(live_server, settings, tmp_path, monkeypatch):
    """People: call `set_person` before the first sign-in to create them."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    provider = Provider(free_port(), tmp_path / "people.json")
    provider.set_person("anna", password="anna-provider-pass", email="anna@example.org",
                        given_name="Anna", family_name="Berg",
                        groups=["tryggsam-samordnare"], amr=["pwd", "mfa"])
    provider.set_person("olle", password="olle-provider-pass", email="olle@example.org",
                        given_name="Olle", family_name="Ek", groups=[], amr=["pwd"])
    env = {
        "PATH": "/usr/bin:/bin", "PYTHONUNBUFFERED": "1",
        "OIDC_TEST_DB": str(tmp_path / "provider.sqlite3"),
        "OIDC_TEST_PEOPLE": str(provider.people_file),
        "OIDC_TEST_KEY": private_key_pem(),
        "OIDC_TEST_ISSUER": provider.issuer,
        "OIDC_TEST_PORT": str(provider.port),
        "OIDC_TEST_CLIENT_ID": CLIENT_ID,
        "OIDC_TEST_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_TEST_REDIRECT_URI":
            f"{live_server.url}/accounts/oidc/{OIDC_PROVIDER_ID}/login/callback/",
        # Tryggsam's login page, where the provider's sign-out returns.
        "OIDC_TEST_POST_LOGOUT_URI": f"{live_server.url}/accounts/login/",
    }
    process = ManagedProcess([sys.executable, "-m", "tests.support.oidc_provider.serve"],
                             env, "oidc-provider").start()
    try:
        wait_until(provider.answers, timeout=60, message="the test OIDC provider did not start")
    except AssertionError:
        process.stop()
        raise AssertionError(process.log()) from None
    settings.OIDC_ISSUER = provider.issuer
    settings.SOCIALACCOUNT_PROVIDERS = openid_connect_providers(
        provider.issuer, CLIENT_ID, CLIENT_SECRET)
    settings.OIDC_ROLE_MAP = ROLE_MAP
    settings.OIDC_ROLES_FROM_PROVIDER = True
    settings.OIDC_MFA_AMR = ["mfa"]
    settings.CONTENT_SECURITY_POLICY = with_provider_form_action(
        settings.CONTENT_SECURITY_POLICY, provider.issuer)
    provider.process = process
    provider.tryggsam_url = live_server.url
    yield provider
    process.stop()


def client_sso_login(client, provider: Provider, username: str, password: str):
    """Sign in at the provider as `username` and come back to Tryggsam's
    callback with the test client; returns the callback's response. The
    token and userinfo requests go from Tryggsam to the provider for real.
    The client speaks as the live server's host: the redirect URI registered
    at the provider is the live server's."""
    import requests
    from django.urls import reverse

    client.defaults["HTTP_HOST"] = urlsplit(provider.tryggsam_url).netloc

    start = client.post(reverse("openid_connect_login",
                                kwargs={"provider_id": OIDC_PROVIDER_ID}))
    authorize = start["Location"]
    at_provider = requests.Session()
    asked = at_provider.get(authorize, allow_redirects=False)
    login_url = urljoin(authorize, asked.headers["Location"])
    form = at_provider.get(login_url)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    signed_in = at_provider.post(
        login_url, allow_redirects=False, headers={"Referer": login_url},
        data={"csrfmiddlewaretoken": csrf, "username": username, "password": password,
              "next": re.search(r'name="next" value="([^"]*)"', form.text).group(1)
              .replace("&amp;", "&")})
    assert signed_in.status_code == 302, "the provider refused the password"
    back = at_provider.get(urljoin(login_url, signed_in.headers["Location"]),
                           allow_redirects=False)
    callback = urlsplit(back.headers["Location"])
    return client.get(f"{callback.path}?{callback.query}")
