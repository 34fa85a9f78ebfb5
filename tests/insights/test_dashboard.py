"""The /lagesbild/ page, its exports and who may see it."""

import csv
import io
import re
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from casework.models import Category, Locality
from insights.exports import display

from .conftest import make_report

URL = "/lagesbild/"
MARCH = "?kind=month&day=2026-03-10"


def page_tables(html: str) -> dict[str, list[list[str]]]:
    """Every table#table-<key> of the page as rows of cell texts."""
    tables = {}
    for key, body in re.findall(r'<table class="table" id="table-(\w+)">(.*?)</table>', html,
                                re.S):
        rows = []
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
            cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
            rows.append([re.sub(r"<[^>]+>", "", c).strip() for c in cells])
        tables[key] = rows
    return tables


@pytest.fixture
def march_reports(db):
    tranemo = Locality.objects.get(name="Tranemo")
    limmared = Locality.objects.get(name="Limmared")
    klotter = Category.objects.get(slug="klotter")
    brand = Category.objects.get(slug="brander")
    for day in (date(2026, 3, 2), date(2026, 3, 14), date(2026, 3, 31)):
        make_report(day=day, locality=tranemo, category=klotter, place="Torget")
    make_report(day=date(2026, 3, 20), locality=limmared, category=brand,
                place="=HYPERLINK(\"http://evil\")")
    make_report(day=date(2026, 3, 21), locality=limmared, category=brand,
                place="=HYPERLINK(\"http://evil\")")
    make_report(day=date(2026, 3, 22), locality=limmared, category=brand, status="moved")
    make_report(day=date(2026, 2, 27), locality=tranemo, category=klotter)
    make_report(day=date(2025, 3, 5), locality=tranemo, category=brand)


def test_dashboard_shows_counts_and_changes(client, coordinator, march_reports):
    client.force_login(coordinator)
    response = client.get(URL + MARCH)
    assert response.status_code == 200
    tables = page_tables(response.content.decode())
    rows = {r[0]: r for r in tables["categories"][1:]}
    # March: 3 klotter, 2 fires (the moved one is not counted); February 1; March 2025 1.
    assert rows["Klotter"][1:5] == ["3", "1", "2", "200"]
    assert rows["Bränder"][1] == "2" and rows["Bränder"][5:7] == ["1", "1"]
    assert rows["Totalt"][1] == "5" if "Totalt" in rows else rows["Total"][1] == "5"
    # Repeated places are ranked.
    places = tables["places"]
    assert ["Tranemo", "Torget", "3", "2026-03-31"] in places


def test_csv_and_xlsx_equal_the_page(client, coordinator, march_reports):
    client.force_login(coordinator)
    page = page_tables(client.get(URL + MARCH).content.decode())
    workbook = load_workbook(io.BytesIO(
        client.get("/lagesbild/export.xlsx" + MARCH).content))
    assert len(workbook.worksheets) == 4
    for key, sheet in zip(("categories", "localities", "trend", "places"), workbook.worksheets,
                          strict=True):
        response = client.get(f"/lagesbild/export.csv{MARCH}&table={key}")
        raw = response.content
        # UTF-8 with BOM, semicolons.
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
        expected = [[c.replace("&quot;", '"').replace("&#x27;", "'") for c in r]
                    for r in page[key]]

        def norm(rows):
            # openpyxl reads a date cell back as a datetime at midnight.
            return [[("–" if c in ("", None) else display(
                c.date() if isinstance(c, datetime) else c)).lstrip("'") for c in r]
                for r in rows]

        assert norm(rows) == norm(expected)
        xlsx_rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        assert norm(xlsx_rows) == norm(expected)
        # Typed cells: counts are numbers, not text.
        if key == "categories":
            assert isinstance(xlsx_rows[1][1], int)


def test_injected_formulas_are_neutralised(client, coordinator, march_reports):
    client.force_login(coordinator)
    raw = client.get(f"/lagesbild/export.csv{MARCH}&table=places").content.decode(
        "utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw), delimiter=";"))
    cells = [c for r in rows for c in r]
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    assert "'=HYPERLINK(\"http://evil\")" in cells
    workbook = load_workbook(io.BytesIO(
        client.get("/lagesbild/export.xlsx" + MARCH).content))
    values = [c for row in workbook.worksheets[3].iter_rows(values_only=True) for c in row]
    assert "'=HYPERLINK(\"http://evil\")" in values
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)


def test_pdf_holds_headings_and_numbers(client, coordinator, march_reports):
    client.force_login(coordinator)
    response = client.get("/lagesbild/export.pdf" + MARCH)
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "2026-03" in text
    assert "Klotter" in text and "Bränder" in text
    assert "Torget" in text
    assert re.search(r"Klotter\s+3\s+1\s+2\s+200", text)


def test_a_period_ending_before_it_starts_is_a_swedish_400(client, coordinator):
    client.force_login(coordinator)
    response = client.get(URL + "?kind=custom&start=2026-05-01&end=2026-04-01")
    assert response.status_code == 400
    assert "Slutdatumet är före startdatumet" in response.content.decode()
    bad_day = client.get("/lagesbild/export.csv?kind=week&day=inte-ett-datum")
    assert bad_day.status_code == 400


def test_filters_narrow_the_counts(client, coordinator, march_reports):
    client.force_login(coordinator)
    tranemo = Locality.objects.get(name="Tranemo")
    response = client.get(URL + MARCH + f"&localities={tranemo.pk}")
    tables = page_tables(response.content.decode())
    assert [r[0] for r in tables["localities"][1:]] == ["Tranemo"]
    assert tables["localities"][1][1] == "3"


def test_query_count_does_not_grow_with_data(client, coordinator, django_assert_max_num_queries):
    client.force_login(coordinator)
    client.get(URL + MARCH)  # warm caches (content types, session)
    for count in (1, 40):
        for i in range(count):
            make_report(day=date(2026, 3, 1 + i % 28), place=f"Plats {i % 3}")
        with django_assert_max_num_queries(14):
            assert client.get(URL + "?kind=year&day=2026-03-01").status_code == 200


@pytest.mark.parametrize("role_fixture,status", [("outsider", 403), ("manager", 200)])
def test_access_follows_the_roles(db, client, request, role_fixture, status):
    user = request.getfixturevalue(role_fixture)
    client.force_login(user)
    for url in (URL, "/trygghetsvandringar/", "/trygghetsenkat/", "/medborgarloften/",
                "/lagesbild/arsrapport/2025/"):
        assert client.get(url).status_code == status


def test_anonymous_users_are_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_management_cannot_edit(client, manager):
    client.force_login(manager)
    assert client.get("/trygghetsvandringar/ny/").status_code == 403
    assert client.get("/trygghetsenkat/import/").status_code == 403


def test_the_map_shows_only_with_a_tile_source_and_the_list_always(
        client, coordinator, march_reports, settings):
    client.force_login(coordinator)
    settings.INSIGHTS_MAP_TILE_URL = ""
    body = client.get(URL + MARCH).content.decode()
    assert "Karta över orterna" not in body and 'id="table-localities"' in body
    settings.INSIGHTS_MAP_TILE_URL = "https://kartor.example.org/{z}/{x}/{y}.png"
    body = client.get(URL + MARCH).content.decode()
    assert "Karta över orterna" in body and 'id="table-localities"' in body
    assert "Tranemo (3)" in body


def test_export_links_work_before_a_period_is_chosen(client, coordinator):
    client.force_login(coordinator)
    body = client.get(URL).content.decode()
    links = re.findall(r'href="(/lagesbild/export\.[a-z]+\?[^"]*)"', body)
    # Every export link names the period shown (the current month) and answers 200
    assert links and all("kind=month" in link and "day=" in link for link in links)
    for link in links:
        assert client.get(link.replace("&amp;", "&")).status_code == 200, link
    # A CSV link carrying only its table is not a filter missing its period
    assert client.get("/lagesbild/export.csv?table=categories").status_code == 200
