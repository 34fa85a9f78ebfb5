"""The access matrix (tests/security/matrix.py) checked against the real URL
configuration and the real views: every named URL is listed, every listed URL
exists, and every persona gets exactly the status the table says."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import OrganisationFactory, UserFactory
from tests.security.matrix import ALL_PERSONAS, ANON, LOGIN, PERSONAS, Row, collect

ROWS, PUBLIC_URLS, COVERED_BY = collect(covered=True)
ROOT = Path(__file__).resolve().parents[2]

# Prefixes that are not ours to list. The admin is listed (matrix_admin.py):
# it answers to the same need-to-know rules as the views.
SKIPPED_PREFIXES = ("static/", "media/", "__debug__/")


def walk(patterns, prefix="", namespace=None):
    """Yield (full name, route) for every named pattern, recursively."""
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from walk(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            # DRF's format_suffix_patterns adds "<name>" again with ".json" etc.
            if "format" in getattr(entry.pattern, "converters", {}) or "(?P<format>" in route:
                continue
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), route


def project_url_names() -> dict[str, str]:
    return dict(walk(get_resolver().url_patterns))


def test_every_named_url_is_in_the_matrix_or_public():
    listed = {row.name for row in ROWS} | set(PUBLIC_URLS) | set(COVERED_BY)
    missing = {name: route for name, route in project_url_names().items() if name not in listed}
    skeleton = "\n".join(
        f'    Row("{name}", expect={{ANON: LOGIN, "*": NOT_FOUND}}),  # /{route}'
        for name, route in sorted(missing.items())
    )
    assert not missing, (
        "URLs without an access-matrix row; add them to tests/security/matrix_<app>.py "
        f"ROWS (or PUBLIC_URLS with a reason):\n{skeleton}"
    )


def test_every_matrix_row_names_a_real_url_and_is_well_formed():
    names = project_url_names()
    problems = [p for row in ROWS for p in row.problems()]
    problems += [f"{row.name}: no such URL" for row in ROWS if row.name not in names]
    problems += [f"{name}: no such URL" for name in PUBLIC_URLS if name not in names]
    problems += [f"{name}: give a reason" for name, why in PUBLIC_URLS.items() if not why]
    for name, test_file in COVERED_BY.items():
        path = ROOT / test_file
        if name not in names:
            problems.append(f"{name}: no such URL")
        elif not path.is_file():
            problems.append(f"{name}: covering test {test_file} does not exist")
        elif f'"{name}"' not in path.read_text(encoding="utf-8"):
            problems.append(f"{name}: {test_file} does not name this URL")
    assert not problems, "\n".join(problems)


class World:
    """The users of one matrix test, one per persona, made on first use."""

    def __init__(self):
        self.users = {}

    def user(self, persona: str):
        if persona not in self.users:
            roles, attrs = PERSONAS[persona]
            attrs = dict(attrs)
            if "organisation" in attrs:
                attrs["organisation"] = OrganisationFactory(name=attrs["organisation"])
            self.users[persona] = UserFactory(
                username=f"matrix-{persona}", roles=roles, **attrs,
            )
        return self.users[persona]


def request(client: Client, row: Row, world: World):
    kwargs = row.kwargs(world) if row.kwargs else {}
    url = reverse(row.name, kwargs=kwargs)
    data = row.data(world) if row.data else (row.query or None)
    return getattr(client, row.method.lower())(url, data)


def status_matches(response, expected) -> bool:
    if expected == LOGIN:
        location = response.get("Location", "")
        return response.status_code == 302 and location.startswith(reverse(settings.LOGIN_URL))
    return response.status_code == expected


def row_id(row: Row) -> str:
    return f"{row.method} {row.name}" + (f" ({row.note})" if row.note else "")


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=row_id)
def test_each_persona_gets_the_expected_status(row):
    world = World()
    wrong = []
    for persona in ALL_PERSONAS:
        client = Client()
        if persona != ANON:
            client.force_login(world.user(persona))
        response = request(client, row, world)
        expected = row.expected_for(persona)
        if not status_matches(response, expected):
            wrong.append(f"{persona}: expected {expected}, got {response.status_code} "
                         f"{response.get('Location', '')}")
    # every persona gets exactly what the table says
    assert not wrong, f"{row_id(row)}:\n" + "\n".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=row_id)
def test_a_deactivated_user_is_treated_as_anonymous(row):
    world = World()
    user = world.user("staff")
    client = Client()
    client.force_login(user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    response = request(client, row, world)
    # the session of a deactivated user grants nothing more than no session
    assert status_matches(response, row.expected_for(ANON)), (
        f"{row_id(row)}: got {response.status_code} {response.get('Location', '')}"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PUBLIC_URLS))
def test_public_urls_answer_anonymous_users_without_a_login(client, name):
    if "<" in project_url_names()[name]:
        # a public URL with parameters (a token…) is checked by its Row instead
        assert any(row.name == name for row in ROWS), f"{name}: add a Row with kwargs"
        return
    response = client.get(reverse(name))
    # open by design: no redirect to the login page, no server error
    assert response.status_code in (200, 503), response.status_code


def test_no_url_shadows_another():
    """Two apps mounted at "" can claim the same path; Django then serves the
    first and the second view is silently unreachable (it happened with
    /lagesbild/ on the way to the first merge)."""
    import re

    seen, clashes = {}, []
    for name, route in project_url_names().items():
        shape = re.sub(r"<(?:(\w+):)?\w+>", lambda m: f"<{m.group(1) or 'str'}>", route)
        if shape in seen and ALIASES.get(name) != seen[shape]:
            clashes.append(f"/{route}: {seen[shape]} and {name}")
        seen.setdefault(shape, name)
    assert not clashes, clashes


# Names that allauth reverses for Tryggsam's own login and logout pages: the
# same path on purpose (accounts/allauth_urls.py), not a second view.
ALIASES = {"account_login": "login", "account_logout": "logout"}
