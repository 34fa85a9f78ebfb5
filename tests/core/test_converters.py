"""Ids beyond PostgreSQL's bigint, and years past four digits, give 404 on
every URL (core.converters), and the denied attempt on a concern is logged."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter

from audit.models import AccessLogEntry
from core.converters import MAX_BIGINT, NO_SUCH_ID

HUGE = "99999999999999999999999"


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def _converters(resolver):
    for entry in resolver.url_patterns:
        yield from getattr(entry.pattern, "converters", {}).values()
        if isinstance(entry, URLResolver):
            yield from _converters(entry)


def test_no_url_uses_the_unbounded_int_converter():
    # A new <int:pk> anywhere would bring the 500 back: use <id:pk> or <year:year>.
    assert not [c for c in _converters(get_resolver()) if isinstance(c, IntConverter)]


@pytest.mark.django_db
@pytest.mark.parametrize("url", [
    f"/oro/{HUGE}/", f"/oro/{HUGE}/bedomning/", f"/api/oro/{HUGE}/", f"/remisser/{HUGE}/",
    f"/lagesbilder/{HUGE}/", f"/atgarder/{HUGE}/", f"/inkorg/{HUGE}/",
    f"/arbetsgrupper/{HUGE}/", f"/moten/{HUGE}/", f"/trygghetsvandringar/{HUGE}/",
    f"/medborgarloften/{HUGE}/", f"/oro/{MAX_BIGINT + 1}/",
    "/lagesbild/arsrapport/99999/", "/lagesbild/arsrapport/0999/",
    "/trygghetsenkat/99999999999/",
])
def test_out_of_range_numbers_give_404_to_the_coordinator(client, people, url):
    client.force_login(people["coordinator"])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_the_largest_bigint_is_an_ordinary_unknown_id(client, people):
    client.force_login(people["coordinator"])
    assert client.get(f"/oro/{MAX_BIGINT}/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("url", [f"/oro/{HUGE}/", f"/api/oro/{HUGE}/"])
def test_an_outsiders_attempt_at_a_huge_id_is_logged_as_denied(client, people, url):
    client.force_login(people["police"])
    before = AccessLogEntry.objects.count()
    assert client.get(url).status_code == 404
    # Logged like any other denied attempt, with the id no row has.
    row = AccessLogEntry.objects.order_by("-id").first()
    assert AccessLogEntry.objects.count() == before + 1
    assert (row.action, row.username, row.object_type, row.object_id) == (
        "denied", "polis", "concern", NO_SUCH_ID)
