"""The yearly report (lag 2023:196) and the medborgarlöfte follow-up."""

import csv
import io
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.models import Organisation
from casework.models import Category, Locality, Measure
from insights import services
from insights.selectors import coordination
from meetings.models import Meeting, WorkingGroup

from .conftest import make_report


def test_yearly_report_pdf_and_xlsx_hold_the_year(client, coordinator):
    klotter = Category.objects.get(slug="klotter")
    for day in (date(2025, 2, 3), date(2025, 7, 8), date(2025, 7, 9)):
        make_report(day=day, category=klotter)
    make_report(day=date(2024, 5, 5), category=klotter)
    org = Organisation.objects.create(name="Polisen test")
    measure = Measure.objects.create(title="Kameraövervakning vid torget",
                                     owner_organisation=org, due_date=date(2025, 12, 1),
                                     status="in_progress")
    # Decided during the year being reported.
    Measure.objects.filter(pk=measure.pk).update(created_at=datetime(2025, 3, 1, 10, tzinfo=UTC))
    services.walk_create(locality=Locality.objects.get(name="Uddebo"), date=date(2025, 5, 13),
                         meeting_point="Bron", residents_count=6)
    client.force_login(coordinator)
    page = client.get("/lagesbild/arsrapport/2025/")
    assert page.status_code == 200
    pdf = client.get("/lagesbild/arsrapport/2025/rapport.pdf")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(
        io.BytesIO(pdf.content)).pages).split())  # table cells may wrap
    for heading in ("Årsrapport 2025", "Lägesbild och trender", "Handlingsplan", "Samordning",
                    "Trygghetsvandringar och täckning", "Trygghetsenkäten i korthet",
                    "Effekter av årets åtgärder"):
        assert heading in text
    assert "Kameraövervakning vid torget" in text
    assert "3 rapporter under året, mot 1 året innan" in text
    workbook = load_workbook(io.BytesIO(client.get(
        "/lagesbild/arsrapport/2025/rapport.xlsx").content))
    assert len(workbook.worksheets) == 9  # the ninth: the effects of the year's measures
    categories = {r[0]: r for r in workbook.worksheets[0].iter_rows(values_only=True)}
    assert categories["Klotter"][1:4] == (3, 1, 2)
    plan = [r[0] for r in workbook.worksheets[3].iter_rows(values_only=True)]
    assert "Kameraövervakning vid torget" in plan
    walks = list(workbook.worksheets[5].iter_rows(values_only=True))
    assert walks[1][1] == "Uddebo" and walks[1][2] == 6


def test_promise_commitments_are_measures_with_follow_up_and_export(client, coordinator):
    police = Organisation.objects.create(name="Polisen p")
    client.force_login(coordinator)
    response = client.post("/medborgarloften/nytt/", {
        "title": "Medborgarlöfte Limmared", "locality": Locality.objects.get(name="Limmared").pk,
        "area_description": "Centrum", "period_start": "2026-01-01",
        "period_end": "2026-12-31", "text": "Vi lovar"})
    assert response.status_code == 302
    url = response["Location"]
    pk = int(url.rstrip("/").rsplit("/", 1)[1])
    assert client.post(f"/medborgarloften/{pk}/undertecknare/", {
        "organisation": police.pk, "signed_by": "Chef", "signed_on": "2026-01-15"}
    ).status_code == 302
    assert client.post(f"/medborgarloften/{pk}/ataganden/ny/", {
        "title": "=cmd|' /C calc'!A0", "owner_organisation": police.pk,
        "follow_up_on": "2026-06-30"}).status_code == 302
    measure = Measure.objects.get()
    assert measure.source.pk == pk and measure.due_date == date(2026, 6, 30)
    body = client.get(url).content.decode()
    assert "Chef" in body
    rows = list(csv.reader(io.StringIO(client.get(
        f"/medborgarloften/{pk}/uppfoljning.csv").content.decode("utf-8-sig")), delimiter=";"))
    # The injected formula is neutralised in the export.
    assert rows[1][0] == "'=cmd|' /C calc'!A0"
    assert rows[1][3] == "2026-06-30"
    sheet = load_workbook(io.BytesIO(client.get(
        f"/medborgarloften/{pk}/uppfoljning.xlsx").content)).active
    assert sheet.cell(2, 1).value == "'=cmd|' /C calc'!A0"


def test_a_promise_period_ending_before_it_starts_is_rejected(client, coordinator):
    client.force_login(coordinator)
    response = client.post("/medborgarloften/nytt/", {
        "title": "X", "locality": Locality.objects.first().pk,
        "period_start": "2026-05-01", "period_end": "2026-01-01"})
    assert response.status_code == 400
    assert "Slutdatumet är före startdatumet" in response.content.decode()


def test_coordination_counts_meetings_held_per_working_group(db):
    group = WorkingGroup.objects.create(name="Lägesbildsgruppen test")
    for number, (day, status) in enumerate([(date(2025, 3, 1), "planned"),
                                            (date(2025, 9, 1), "planned"),
                                            (date(2025, 10, 1), "cancelled"),
                                            (date(2026, 1, 10), "planned")]):
        Meeting.objects.create(group=group, title=f"Möte {number}", uid=f"uid-{number}",
                               date=day, start_time="14:00", end_time="16:00", status=status)
    result = coordination(2025, today=date(2026, 11, 29))
    # Two held in 2025; the cancelled one and the next year's do not count.
    assert result["total"] == 2
    assert {"group": "Lägesbildsgruppen test", "count": 2} in result["groups"]


def test_a_commitment_follow_up_lies_inside_the_promise_period(client, coordinator):
    from insights.models import CitizenPromise

    police = Organisation.objects.create(name="Polisen q")
    promise = CitizenPromise.objects.create(
        title="Löfte", locality=Locality.objects.first(), period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30))
    client.force_login(coordinator)
    url = f"/medborgarloften/{promise.pk}/ataganden/ny/"
    response = client.post(url, {"title": "Kvällsvandring", "owner_organisation": police.pk,
                                 "follow_up_on": "2026-09-01"})
    # Refused next to the date, naming the period; nothing saved
    assert response.status_code == 400
    assert "inom löftets period, 2026-01-01 – 2026-06-30" in response.content.decode()
    assert not Measure.objects.exists()
    assert client.post(url, {"title": "Kvällsvandring", "owner_organisation": police.pk,
                             "follow_up_on": "2026-06-30"}).status_code == 302


def test_a_reversed_promise_period_never_shows_the_constraint_name(client, coordinator):
    client.force_login(coordinator)
    response = client.post("/medborgarloften/nytt/", {
        "title": "X", "locality": Locality.objects.first().pk,
        "period_start": "2026-05-01", "period_end": "2026-01-01"})
    body = response.content.decode()
    # One Swedish message, on the end date; the constraint's name stays inside
    assert response.status_code == 400
    assert "promise_period_order" not in body and "Begränsningen" not in body
    assert body.count("Slutdatumet är före startdatumet") == 2  # summary + field


def test_the_constraint_itself_speaks_swedish(db):
    from django.core.exceptions import ValidationError

    from insights.models import CitizenPromise

    promise = CitizenPromise(title="X", locality=Locality.objects.first(),
                             period_start=date(2026, 5, 1), period_end=date(2026, 1, 1))
    with pytest.raises(ValidationError, match="Slutdatumet är före startdatumet"):
        promise.validate_constraints()
