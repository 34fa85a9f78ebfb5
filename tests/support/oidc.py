"""The `oidc_provider` fixture: the real OpenID Connect provider of
tests/support/oidc_provider/ in a process of its own, and Tryggsam's
settings pointed at it (issuer, client, group → role map, amr "mfa")."""

import json
import sys
import urllib.request
from pathlib import Path

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
    yield provider
    process.stop()
