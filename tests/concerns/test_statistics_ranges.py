"""The concern statistics count whole quarters: nonsensical or thin ranges
are refused with a Swedish 400, and no count under 5 can be worked out by
comparing two periods (differencing)."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from concerns.selectors import concern_statistics
from tests.factories import ConcernFactory
from tests.factories.concerns import SUBJECT

pytestmark = pytest.mark.django_db
URL = "/oro/statistik/"


def _closed_on(people, day, **data):
    with time_machine.travel(day):
        ConcernFactory(actor=people["coordinator"], data={**SUBJECT, **data}, closed=True)


YEARS = "Välj ett datum mellan 2000-01-01 och"
START = "Statistiken räknas per helt kvartal: börja den 1 januari"
END = "Statistiken räknas per helt kvartal: sluta den 31 mars"
ORDER = "Startdatum får inte vara efter slutdatum."


@pytest.mark.parametrize("query, message", [
    ({"start": "0001-01-01", "end": "9999-12-31"}, YEARS),
    ({"start": "1999-10-01", "end": "2026-12-31"}, YEARS),
    ({"start": "2026-01-01", "end": "9999-12-31"}, YEARS),
    ({"start": "2026-03-01", "end": "2026-03-01"}, START),
    ({"start": "2026-01-01", "end": "2026-03-30"}, END),
    ({"start": "2026-01-02", "end": "2026-03-31"}, START),
    ({"start": "2026-04-01", "end": "2026-03-31"}, ORDER),
])
def test_nonsensical_and_thin_ranges_get_a_swedish_400(client, people, query, message):
    client.force_login(people["coordinator"])
    response = client.get(URL, query)
    # Refused, with the message that names what is wrong with this range
    assert response.status_code == 400
    assert message in response.content.decode()


def test_whole_quarters_are_accepted(client, people):
    client.force_login(people["coordinator"])
    assert client.get(URL, {"start": "2026-01-01", "end": "2026-06-30"}).status_code == 200
    assert client.get(URL).status_code == 200


def test_a_thin_slice_cannot_reveal_a_small_count_by_differencing(people):
    # Six concerns in Q1, two of them on 31 March: the quarter shows 6, and no
    # range that cuts inside the quarter shows anything but the same 6.
    for day in (date(2026, 1, 12), date(2026, 2, 2), date(2026, 2, 3), date(2026, 3, 2),
                date(2026, 3, 31), date(2026, 3, 31)):
        _closed_on(people, day, environment="right")
    whole = concern_statistics(start=date(2026, 1, 1), end=date(2026, 3, 31))
    assert {(r["quarter"], r["dimension"], r["value"]): r["count"] for r in whole}[
        ("2026-Q1", "environment", "right")] == 6
    for start, end in ((date(2026, 1, 1), date(2026, 3, 30)),
                       (date(2026, 3, 31), date(2026, 3, 31)),
                       (date(2026, 2, 1), date(2026, 2, 28))):
        assert concern_statistics(start=start, end=end) == whole


def test_the_page_states_the_granularity(client, people):
    client.force_login(people["management"])
    body = client.get(reverse("concerns:concern-statistics")).content.decode()
    assert "hela kvartal" in body


def test_quarters_are_shown_in_swedish(client, people):
    _closed_on(people, date(2026, 2, 2), environment="right")
    client.force_login(people["coordinator"])
    body = client.get(URL, {"start": "2026-01-01", "end": "2026-03-31"}).content.decode()
    # "2026 kv. 1", never the key "2026-Q1"
    assert "2026 kv. 1" in body
    assert "2026-Q1" not in body
