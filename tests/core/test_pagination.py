"""One pagination for every list: ?sida=N, LIMIT n+1, one pager template."""

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from casework import services
from core.pagination import MAX_PAGE, PAGE_SIZE, page_number, paginate
from tests.factories.casework import est_people  # noqa: F401 (fixture)


@pytest.mark.parametrize("value,number", [
    (None, 1), ("", 1), ("x", 1), ("0", 1), ("-3", 1), ("2", 2), (str(MAX_PAGE + 5), MAX_PAGE),
])
def test_the_page_number_is_always_a_page(value, number):
    assert page_number(value) == number


def test_a_page_knows_its_neighbours_without_counting():
    rows = list(range(PAGE_SIZE * 2 + 1))
    request = RequestFactory().get("/", {"sida": "2"})
    page = paginate(rows, request)
    assert list(page) == rows[PAGE_SIZE:PAGE_SIZE * 2]
    assert page.has_previous() and page.has_next and page.has_other_pages()
    assert (page.previous_page_number(), page.next_page_number()) == (1, 3)
    last = paginate(rows, 3)
    assert list(last) == [rows[-1]] and not last.has_next
    # The one pager template links both ways and keeps the list's filter.
    html = render_to_string("core/_pager.html", {"page": page, "query": "status=open"})
    assert "?status=open&amp;sida=1" in html and "?status=open&amp;sida=3" in html
    assert render_to_string("core/_pager.html", {"page": paginate(rows[:3], 1)}).strip() == ""


@pytest.mark.django_db
def test_a_list_page_pages_through_the_shared_pager(client, est_people):  # noqa: F811
    today = timezone.localdate()
    for offset in range(PAGE_SIZE + 1):
        services.picture_create(actor=est_people.coordinator, period_kind="custom",
                                period_start=today - timedelta(days=offset),
                                period_end=today - timedelta(days=offset))
    client.force_login(est_people.coordinator)
    first = client.get(reverse("casework:picture-list")).content.decode()
    assert 'rel="next"' in first and "sida=2" in first
    second = client.get(reverse("casework:picture-list"), {"sida": "2"}).content.decode()
    assert 'rel="prev"' in second and 'rel="next"' not in second
