"""Survey depth (issue 14): respondents and response rate, the split by
gender and age group, the top wishes, the written analysis per year and the
years side by side with their change, in Swedish number format."""

import html
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from insights import services
from insights.models import Survey, SurveyImport, SurveyResult
from insights.survey_stats import response_rate

SAFETY = "Hur trygg känner du dig?"
WISH = "Vad önskar du att kommunen prioriterar?"


def make_year(year, *, invited=2000, respondents=610, wishes=None, analysis="", extra=0):
    survey = Survey.objects.create(year=year, title=f"Trygghetsenkät {year}", invited=invited,
                                   respondents=respondents, analysis=analysis)
    rows = [("Trygg", "70.5", None, "total", ""), ("Otrygg", "29.5", None, "total", ""),
            ("Trygg", "60.0", 120, "gender", "Kvinna"), ("Otrygg", "40.0", 80, "gender", "Kvinna"),
            ("Trygg", "80.0", 160, "gender", "Man"), ("Otrygg", "20.0", 40, "gender", "Man"),
            ("Trygg", "55.0", None, "age_group", "16–29 år"),
            ("Otrygg", "45.0", None, "age_group", "16–29 år")]
    objs = [SurveyResult(survey=survey, question=SAFETY, option=o, share=Decimal(s), count=c,
                         breakdown=b, breakdown_value=v, row_number=i)
            for i, (o, s, c, b, v) in enumerate(rows, start=2)]
    wishes = wishes or [("Bättre belysning", 40), ("Drogförebyggande arbete", 88),
                        ("Fler vuxna ute", 12)] + [(f"Önskan {n}", 1) for n in range(extra)]
    objs += [SurveyResult(survey=survey, question=WISH, option=o, count=c, row_number=20 + i)
             for i, (o, c) in enumerate(wishes)]
    SurveyResult.objects.bulk_create(objs)
    return survey


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_response_rate_is_respondents_over_invited():
    # 610 of 2000 answered: 30.5 %; no rate without both numbers
    assert response_rate(Survey(invited=2000, respondents=610)) == Decimal("30.5")
    assert response_rate(Survey(invited=None, respondents=610)) is None
    assert response_rate(Survey(invited=2000, respondents=None)) is None


def test_the_year_page_shows_rate_splits_wishes_and_analysis(client, coordinator,
                                                            django_assert_max_num_queries):
    make_year(2024, respondents=500)
    make_year(2025, analysis="Otryggheten är störst bland unga.\n\nFler vuxna ute.")
    client.force_login(coordinator)
    with django_assert_max_num_queries(14):
        body = page(client, "/trygghetsenkat/2025/")
    # Response rate in Swedish format with its change since the year before
    assert "30,5\u00a0%" in body and "+5,5 procentenheter sedan 2024" in body
    # Gender and age split, with respondents per group from the counts
    assert "Kvinna" in body and "16–29 år" in body and ">200<" in body
    # Top wishes: most common first
    wishes = body[body.index('id="top-wishes"'):]
    assert wishes.index("Drogförebyggande arbete") < wishes.index("Bättre belysning") \
        < wishes.index("Fler vuxna ute")
    # The written analysis, paragraphs kept
    assert "<p>Otryggheten är störst bland unga.</p>" in body


def test_the_year_page_costs_the_same_queries_with_more_rows(client, coordinator,
                                                             django_assert_max_num_queries):
    make_year(2025, extra=60)
    client.force_login(coordinator)
    with django_assert_max_num_queries(14):
        page(client, "/trygghetsenkat/2025/")


def test_the_years_are_compared_with_their_change(client, coordinator,
                                                 django_assert_max_num_queries):
    make_year(2023, respondents=600, analysis="Analys 2023")
    make_year(2024, respondents=500, analysis="Analys 2024")
    make_year(2025, respondents=610, extra=30)
    client.force_login(coordinator)
    with django_assert_max_num_queries(10):
        body = page(client, "/trygghetsenkat/")
    table = body[body.index('id="survey-years"'):]
    table = table[:table.index("</table>")]
    # 30,0 % → 25,0 % → 30,5 %: each year's change in percentage points
    assert "30,0\u00a0%" in table and "25,0\u00a0%" in table and "30,5\u00a0%" in table
    assert "\u22125,0 procentenheter" in table and "+5,5 procentenheter" in table
    assert table.count("Drogförebyggande arbete") == 3
    # Both analyses are there, the newest first
    assert body.index("Analys 2024") < body.index("Analys 2023")
    assert "30.5" not in table and "25.0" not in table  # never a decimal point


def test_the_coordinator_writes_the_analysis_and_numbers(client, coordinator):
    make_year(2025, invited=None, respondents=None)
    client.force_login(coordinator)
    response = client.post("/trygghetsenkat/2025/analys/", {
        "invited": "1000", "respondents": "250", "wish_question": WISH,
        "analysis": "Trygghetsvandringar gav effekt."})
    assert response.status_code == 302
    survey = Survey.objects.get(year=2025)
    assert (survey.invited, survey.respondents, survey.wish_question) == (1000, 250, WISH)
    assert "25,0\u00a0%" in page(client, "/trygghetsenkat/2025/")


def test_more_respondents_than_invited_is_refused_in_swedish(client, coordinator):
    make_year(2025)
    client.force_login(coordinator)
    response = client.post("/trygghetsenkat/2025/analys/", {
        "invited": "100", "respondents": "250", "wish_question": "", "analysis": "Text"})
    # 400, a Swedish message, the input kept, nothing saved
    assert response.status_code == 400
    body = html.unescape(response.content.decode())
    assert "Det kan inte finnas fler svarande än inbjudna." in body and "Text" in body
    assert Survey.objects.get(year=2025).respondents == 610


def test_a_viewer_cannot_edit_the_analysis(client, manager):
    make_year(2025)
    client.force_login(manager)
    assert client.get("/trygghetsenkat/2025/").status_code == 200
    response = client.post("/trygghetsenkat/2025/analys/", {"analysis": "x"})
    assert response.status_code == 403
    assert Survey.objects.get(year=2025).analysis == ""


def test_the_import_takes_invited_and_respondents(client, coordinator):
    client.force_login(coordinator)
    content = f"fråga;svarsalternativ;antal\n{WISH};Belysning;5\n".encode()
    response = client.post("/trygghetsenkat/import/", {
        "year": 2025, "invited": "40", "respondents": "10",
        "file": SimpleUploadedFile("e.csv", content)})
    assert response.status_code == 302
    client.post(response["Location"])
    survey = Survey.objects.get(year=2025)
    assert (survey.invited, survey.respondents) == (40, 10)


def test_an_import_with_impossible_numbers_saves_nothing(client, coordinator):
    client.force_login(coordinator)
    content = f"fråga;svarsalternativ;antal\n{WISH};Belysning;5\n".encode()
    for invited, respondents in (("10", "40"), ("0", "0"), ("tio", "")):
        response = client.post("/trygghetsenkat/import/", {
            "year": 2025, "invited": invited, "respondents": respondents,
            "file": SimpleUploadedFile("e.csv", content)})
        assert response.status_code == 400
    assert SurveyImport.objects.count() == 0 and Survey.objects.count() == 0


def test_the_service_refuses_impossible_numbers(db):
    import pytest

    from core.errors import Invalid

    survey = make_year(2025)
    with pytest.raises(Invalid):
        services.survey_update(survey=survey, invited=10, respondents=11, wish_question="",
                               analysis="")
    assert Survey.objects.get(year=2025).respondents == 610


def test_the_survey_page_without_any_year_is_a_helpful_empty_state(client, coordinator):
    client.force_login(coordinator)
    body = page(client, "/trygghetsenkat/")
    assert "Ingen enkät importerad ännu." in body


def test_the_demo_has_years_with_all_of_it(db):
    import io

    from insights import demo

    demo.seed(io.StringIO())
    full = [s for s in Survey.objects.all()
            if s.invited and s.respondents and s.analysis
            and s.results.filter(breakdown="gender").exists()
            and s.results.filter(breakdown="age_group").exists()]
    # at least two years with respondents, rate, splits, wishes and an analysis
    assert len(full) >= 2
    assert all(response_rate(s) is not None for s in full)
