import pytest
from django.urls import reverse

from casework.models import Case, Category, Locality

pytestmark = pytest.mark.django_db

URL = reverse("casework:case-list")


def _cases(n, *, title="", **fields):
    return [Case.objects.create(reference=f"A-2026-{i:05d}", title=title or f"Ärende {i}",
                                **fields) for i in range(n)]


def test_search_filters_sort_and_a_total(client, est_people):
    uddebo = Locality.objects.get(name="Uddebo")
    klotter = Category.objects.get(slug="klotter")
    _cases(3, title="Belysning")
    Case.objects.create(reference="A-2026-00099", title="Klotter på skolan",
                        locality=uddebo, category=klotter, status="analysis")
    client.force_login(est_people.coordinator)
    # Words in the title, case-insensitive; the total counts the matches
    body = client.get(URL, {"q": "klotter"}).content.decode()
    assert "A-2026-00099" in body and "A-2026-00001" not in body
    assert "1 ärende" in body
    # By reference, locality, category and status
    assert "A-2026-00099" in client.get(URL, {"q": "00099"}).content.decode()
    body = client.get(URL, {"locality": uddebo.pk, "category": klotter.pk,
                            "status": "analysis"}).content.decode()
    assert "A-2026-00099" in body and "A-2026-00000" not in body
    # All four, sorted by reference both ways
    body = client.get(URL, {"sort": "reference"}).content.decode()
    assert "4 ärenden" in body
    assert body.index("A-2026-00000") < body.index("A-2026-00099")
    body = client.get(URL, {"sort": "-reference"}).content.decode()
    assert body.index("A-2026-00099") < body.index("A-2026-00000")
    assert "fallande" in body


def test_a_bad_filter_is_shown_in_swedish_not_a_500(client, est_people):
    _cases(2)
    client.force_login(est_people.coordinator)
    response = client.get(URL, {"status": "nonsense", "sort": "password"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Välj ett giltigt alternativ" in body
    assert "2 ärenden" in body


def test_the_filter_travels_with_the_pager(client, est_people):
    _cases(51, title="Belysning")
    client.force_login(est_people.coordinator)
    body = client.get(URL, {"q": "belysning", "sort": "reference"}).content.decode()
    assert "51 ärenden" in body
    assert "q=belysning&amp;sort=reference&amp;sida=2" in body


@pytest.mark.parametrize("count", [3, 40])
def test_query_count_is_constant_in_page_size(client, est_people, count,
                                              django_assert_max_num_queries):
    _cases(count, locality=Locality.objects.get(name="Tranemo"),
           category=Category.objects.get(slug="klotter"), owner=est_people.coordinator)
    client.force_login(est_people.coordinator)
    client.get(URL)  # warm the session
    with django_assert_max_num_queries(12):
        response = client.get(URL, {"q": "ärende", "sort": "-reports"})
    assert response.status_code == 200
