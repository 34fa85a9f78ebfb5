"""The one CSV writer (core.spreadsheet): formulas neutralised, numbers kept,
in every export that uses it."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from audit.models import AccessLogEntry
from core.spreadsheet import CsvWriter, neutralise
from insights.exports import Table, to_csv
from tests.concerns.conftest import new_concern


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://evil\")", "+cmd|' /C calc'!A0",
                                  "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A9)", "\tx", "\rx",
                                  "-", "-4-4", "+4,5e"])
def test_formula_text_gets_an_apostrophe(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["-4", "+4", "-4,5", "-4.5", "12", -4, Decimal("-4.5"),
                                   -0.25, "Tranemo", "a=b", "", None])
def test_numbers_and_plain_text_stay_as_they_are(value):
    assert neutralise(value) == value


def _parse(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_the_writer_keeps_negative_numbers_and_neutralises_formulas():
    out = io.StringIO()
    CsvWriter(out).writerows([["-4", -4, Decimal("-4.5"), "-4,5", "=1+1", None,
                               date(2026, 3, 1)]])
    # Numbers (typed or as text) keep their sign; only the formula is prefixed.
    assert list(csv.reader(io.StringIO(out.getvalue()), delimiter=";")) == [
        ["-4", "-4", "-4.5", "-4,5", "'=1+1", "", "2026-03-01"]]


def test_the_lagesbild_csv_writes_a_negative_difference_as_a_number():
    table = Table("categories", "Kategorier", ["Kategori", "Rapporter", "Skillnad"],
                  [["=HYPERLINK(\"http://evil\")", 3, -4], ["Klotter", 2, Decimal("-1.5")]])
    rows = _parse(to_csv(table))
    assert rows[1] == ["'=HYPERLINK(\"http://evil\")", "3", "-4"]
    assert rows[2] == ["Klotter", "2", "-1.5"]


@pytest.mark.django_db
def test_the_access_log_export_neutralises_a_formula_in_a_user_name(client, people,
                                                                    make_user):
    AccessLogEntry.objects.create(username="@SUM(1+1)", action="read", basis="coordinator",
                                  object_type="concern", object_id=7,
                                  object_reference="-4")
    client.force_login(people["log_reviewer"])
    rows = _parse(client.get(reverse("audit:log-export")).content)
    row = next(r for r in rows if r[1].endswith("@SUM(1+1)"))
    # The user name cannot run; the numeric reference keeps its sign.
    assert row[1] == "'@SUM(1+1)" and row[6] == "7" and row[7] == "-4"


@pytest.mark.django_db
def test_the_concern_export_goes_through_the_shared_writer(client, people):
    concern = new_concern(people["coordinator"])
    client.force_login(people["coordinator"])
    response = client.get(reverse("concerns:concern-export"))
    assert response.content.startswith("\ufeff".encode())
    rows = _parse(response.content)
    assert rows[1][0] == concern.reference and len(rows) == 2
