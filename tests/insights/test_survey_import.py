"""Trygghetsenkät import: row-by-row validation, preview, nothing saved before
the user confirms a clean preview."""

import html
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from insights.models import Survey, SurveyImport, SurveyResult

URL = "/trygghetsenkat/import/"
GOOD = (
    "fråga;svarsalternativ;andel;antal;kön;åldersgrupp;ort\n"
    "Hur trygg känner du dig?;Trygg;70;;;;\n"
    "Hur trygg känner du dig?;Otrygg;30;;;;\n"
    "Hur trygg känner du dig?;Trygg;60,5;;Kvinna;;\n"
    "Hur trygg känner du dig?;Otrygg;39,5;;Kvinna;;\n"
    "Hur trygg känner du dig?;Trygg;100;;;;Limmared\n"
    "Vad önskar du?;Drogförebyggande arbete;;88;;;\n"
    "Vad önskar du?;Bättre belysning;;40;;;\n"
)


def upload(client, content: bytes, name="enkat.csv", year=2025):
    return client.post(URL, {"year": year, "file": SimpleUploadedFile(name, content)})


def test_a_good_csv_is_previewed_then_saved_on_confirm(client, coordinator):
    client.force_login(coordinator)
    response = upload(client, GOOD.encode("utf-8"))
    assert response.status_code == 302
    # Staged only: nothing saved yet.
    assert Survey.objects.count() == 0 and SurveyResult.objects.count() == 0
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    assert "Drogförebyggande arbete" in preview.content.decode()
    # Shares read as Swedish percentages, with a decimal comma
    assert "60,5\u00a0%" in preview.content.decode()
    assert "60.5" not in preview.content.decode()
    confirmed = client.post(response["Location"])
    assert confirmed.status_code == 302
    survey = Survey.objects.get(year=2025)
    assert survey.results.count() == 7
    assert survey.results.get(breakdown="locality").breakdown_value == "Limmared"
    assert str(survey.results.get(option="Trygg", breakdown="gender").share) == "60.5"
    page = client.get("/trygghetsenkat/2025/").content.decode()
    assert "60,5\u00a0%" in page and "70,0\u00a0%" in page
    # Confirming twice does not double the rows.
    client.post(response["Location"])
    assert SurveyResult.objects.count() == 7


def test_a_good_xlsx_is_accepted(client, coordinator):
    client.force_login(coordinator)
    workbook = Workbook()
    sheet = workbook.active
    for line in GOOD.strip().splitlines():
        sheet.append([float(c.replace(",", ".")) if c.replace(",", "").isdigit() and "," in c
                      else (int(c) if c.isdigit() else (c or None)) for c in line.split(";")])
    out = io.BytesIO()
    workbook.save(out)
    response = upload(client, out.getvalue(), name="enkat.xlsx", year=2024)
    assert response.status_code == 302
    client.post(response["Location"])
    assert Survey.objects.get(year=2024).results.count() == 7


def rejected_rows(response) -> list[int]:
    import re

    body = response.content.decode()
    table = re.search(r'<table class="table" id="rejected">(.*?)</table>', body, re.S).group(1)
    return [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', table)]


def test_text_where_numbers_belong_is_rejected_with_row_numbers(client, coordinator):
    client.force_login(coordinator)
    bad = GOOD.replace("Trygg;70;", "Trygg;sjuttio;").replace(";;88;", ";;många;")
    response = upload(client, bad.encode())
    assert response.status_code == 422
    body = html.unescape(response.content.decode())
    # Row 2 (share) and row 7 (count) are named; the shares of row 3's group
    # no longer add up, so row 3 is rejected as well.
    assert rejected_rows(response) == [2, 3, 7]
    assert "andelen \"sjuttio\" är inte ett tal" in body
    assert "antalet \"många\" är inte ett heltal" in body
    assert Survey.objects.count() == 0 and SurveyImport.objects.count() == 0


def test_shares_that_do_not_add_up_are_rejected(client, coordinator):
    client.force_login(coordinator)
    bad = GOOD.replace("Otrygg;39,5;;Kvinna", "Otrygg;29,5;;Kvinna")
    response = upload(client, bad.encode())
    assert response.status_code == 422
    assert rejected_rows(response) == [4, 5]
    assert "blir tillsammans 90.0 %, inte 100 %" in html.unescape(response.content.decode())


def test_unknown_locality_and_two_breakdowns_are_rejected(client, coordinator):
    client.force_login(coordinator)
    bad = GOOD.replace(";;;;Limmared", ";;;;Atlantis").replace(
        "Bättre belysning;;40;;;", "Bättre belysning;;40;Man;18-25;")
    response = upload(client, bad.encode())
    assert response.status_code == 422
    assert rejected_rows(response) == [6, 8]


@pytest.mark.parametrize("content,name,status,message", [
    ("fråga;alternativ;värde\nA;B;1\n".encode(), "x.csv", 400, "Fel kolumner"),
    ("fråga;svarsalternativ;andel;extra\nA;B;100;x\n".encode(), "x.csv", 400,
     "okända kolumner: extra"),
    ("fråga;svarsalternativ;andel\nÅ;Ö;100\n".encode("latin-1"), "x.csv", 400, "UTF-8"),
    (b"not a zip", "x.xlsx", 400, "XLSX"),
    (b"%PDF-1.4", "x.pdf", 415, "CSV- eller XLSX"),
    (b"", "x.csv", 400, "tom"),
])
def test_broken_files_are_rejected_in_swedish(client, coordinator, content, name, status,
                                              message):
    client.force_login(coordinator)
    response = upload(client, content, name=name)
    assert response.status_code in (status, 400)
    assert message in response.content.decode()
    assert SurveyImport.objects.count() == 0


def test_a_file_over_50_mb_is_rejected(client, coordinator):
    client.force_login(coordinator)
    big = b"fr\xc3\xa5ga;svarsalternativ;andel\n" + b"x" * (50 * 1024 * 1024 + 1)
    response = upload(client, big)
    assert response.status_code == 413
    assert "större än 50 MB" in response.content.decode()


def test_comparison_across_years_shows_each_year(client, coordinator):
    client.force_login(coordinator)
    for year, share in ((2023, "70"), (2024, "65")):
        response = upload(client, GOOD.replace("Trygg;70", f"Trygg;{share}").replace(
            "Otrygg;30", f"Otrygg;{100 - int(share)}").encode(), year=year)
        client.post(response["Location"])
    body = client.get("/trygghetsenkat/").content.decode()
    # Swedish percentages, never "65.0"
    assert "2023" in body and "2024" in body
    assert ">65,0\u00a0%<" in body and ">70,0\u00a0%<" in body and "65.0" not in body


def test_a_top_wish_becomes_a_measure(client, coordinator):
    from accounts.models import Organisation
    from casework.models import Measure

    client.force_login(coordinator)
    response = upload(client, GOOD.encode())
    client.post(response["Location"])
    wish = SurveyResult.objects.get(option="Drogförebyggande arbete")
    org = Organisation.objects.create(name="TSK test")
    response = client.post(f"/trygghetsenkat/resultat/{wish.pk}/atgard/", {
        "title": "Föräldraträffar", "owner_organisation": org.pk, "due_date": "2026-05-04"})
    assert response.status_code == 302
    measure = Measure.objects.get(title="Föräldraträffar")
    assert measure.source == wish
    assert "Föräldraträffar" in client.get("/trygghetsenkat/2025/").content.decode()
