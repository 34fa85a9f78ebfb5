"""Reads for the depth of the trygghetsenkät (issue 14): respondents and the
response rate, the answers split by gender and age group, the top wishes and
the years side by side with their change. Each read is a fixed number of
queries whatever the number of rows or years."""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.contenttypes.models import ContentType

from casework.models import Measure

from .models import Breakdown, Survey, SurveyResult

TOP_WISHES = 5
# Words that mark the wish question when the coordinator has not chosen one
# ("Vad önskar du…", "…prioriterar…").
WISH_WORDS = ("önska", "önskemål", "prioriter")
SPLITS = (Breakdown.GENDER, Breakdown.AGE_GROUP)


def response_rate(survey: Survey) -> Decimal | None:
    """Respondents as a share (%) of those invited, one decimal; None when
    either number is missing or nobody was invited."""
    if not survey.invited or survey.respondents is None:
        return None
    rate = Decimal(survey.respondents) * 100 / Decimal(survey.invited)
    return rate.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def wish_question(survey: Survey, questions) -> str:
    """The coordinator's choice, else the first question that reads as one
    about wishes, else ""."""
    questions = list(questions)
    if survey.wish_question and survey.wish_question in questions:
        return survey.wish_question
    for question in questions:
        if any(word in question.casefold() for word in WISH_WORDS):
            return question
    return ""


def _value(row) -> Decimal:
    return row.share if row.share is not None else Decimal(row.count or 0)


def top_wishes(survey: Survey, rows: list, *, limit: int = TOP_WISHES) -> dict:
    """The most common wished measures: the wish question's answers (all
    respondents), largest first, each with the measures made from it."""
    totals = [r for r in rows if r.breakdown == Breakdown.TOTAL]
    question = wish_question(survey, dict.fromkeys(r.question for r in totals))
    answers = sorted((r for r in totals if r.question == question),
                     key=lambda r: (-_value(r), r.row_number))[:limit]
    measures = defaultdict(list)
    if answers:
        result_type = ContentType.objects.get_for_model(SurveyResult)
        for measure in Measure.objects.filter(source_type=result_type,
                                              source_id__in=[r.pk for r in answers]):
            measures[measure.source_id].append(measure)
    return {"question": question,
            "rows": [{"result": r, "measures": measures.get(r.pk, [])} for r in answers]}


def splits(rows: list) -> list[dict]:
    """Per breakdown (gender, age group) and question: a table of groups by
    answer options, with the respondents per group where counts are given."""
    out = []
    for breakdown in SPLITS:
        mine = [r for r in rows if r.breakdown == breakdown]
        if not mine:
            continue
        questions = defaultdict(lambda: {"options": {}, "groups": defaultdict(dict)})
        counted = defaultdict(int)
        for row in mine:
            table = questions[row.question]
            table["options"].setdefault(row.option, None)
            table["groups"][row.breakdown_value][row.option] = row
            if row.count is not None:
                counted[row.question, row.breakdown_value] += row.count
        tables = []
        for question, table in questions.items():
            options = list(table["options"])
            tables.append({"question": question, "options": options, "groups": [
                {"group": group, "respondents": counted.get((question, group)),
                 "cells": [cells.get(option) for option in options]}
                for group, cells in table["groups"].items()]})
        out.append({"breakdown": breakdown, "label": Breakdown(breakdown).label,
                    "tables": tables})
    return out


def survey_overview(survey: Survey) -> dict:
    """Everything the year's page shows beyond the raw rows: three queries
    (the rows, the previous year, the measures of the top wishes)."""
    rows = list(survey.results.all())
    previous = Survey.objects.filter(year__lt=survey.year).order_by("-year").first()
    rate = response_rate(survey)
    previous_rate = response_rate(previous) if previous else None
    return {"rows": rows, "rate": rate, "previous": previous, "previous_rate": previous_rate,
            "rate_change": rate - previous_rate if None not in (rate, previous_rate) else None,
            "wishes": top_wishes(survey, rows), "splits": splits(rows)}


def _change(values: list):
    """The change from each year to the next (None where either is missing)."""
    if not values:
        return []
    pairs = zip(values, values[1:], strict=False)
    return [None] + [b - a if None not in (a, b) else None for a, b in pairs]


def survey_years() -> dict:
    """The years side by side: respondents, invited, response rate and its
    change, the top wish and the written analysis per year; and per question
    and option (all respondents) the value each year and the latest change.
    Two queries whatever the number of years and rows."""
    surveys = list(Survey.objects.order_by("year"))
    totals = defaultdict(list)
    for row in SurveyResult.objects.filter(breakdown=Breakdown.TOTAL).order_by(
            "survey_id", "row_number", "pk"):
        totals[row.survey_id].append(row)
    rates = [response_rate(s) for s in surveys]
    years = []
    for survey, rate, change in zip(surveys, rates, _change(rates), strict=True):
        wish = ""
        question = wish_question(survey, dict.fromkeys(r.question
                                                       for r in totals[survey.pk]))
        answers = [r for r in totals[survey.pk] if r.question == question]
        if answers:
            wish = min(answers, key=lambda r: (-_value(r), r.row_number)).option
        years.append({"survey": survey, "rate": rate, "rate_change": change, "top_wish": wish})
    table: dict = defaultdict(lambda: defaultdict(dict))
    shares: dict = defaultdict(lambda: True)
    for survey in surveys:
        for row in totals[survey.pk]:
            table[row.question][row.option][survey.year] = _value(row)
            shares[row.question] &= row.share is not None
    year_numbers = [s.year for s in surveys]
    questions = []
    for question, options in table.items():
        rows = []
        for option, by_year in options.items():
            values = [by_year.get(y) for y in year_numbers]
            rows.append({"option": option, "values": values,
                         "change": _change(values)[-1] if len(values) > 1 else None})
        questions.append({"question": question, "is_share": shares[question], "rows": rows})
    return {"years": years, "year_numbers": year_numbers, "questions": questions}
