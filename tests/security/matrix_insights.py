"""Access rows for the insights app: analytics, walks, survey, medborgarlöfte
and the yearly report. Viewers: TSK staff, planning chief, management; editors:
TSK staff only. Everyone else is refused with 403 (analytics pages are not
object-secret: their existence is no news)."""

from datetime import date

from tests.security.matrix import ANON, FORBIDDEN, LOGIN, NOT_ALLOWED, NOT_FOUND, OK, Row

VIEW = {ANON: LOGIN, "coordinator": OK, "security": OK, "public_health": OK,
        "planning_chief": OK, "management": OK, "*": FORBIDDEN}
MANAGE = {ANON: LOGIN, "coordinator": OK, "security": OK, "public_health": OK,
          "*": FORBIDDEN}


def _walk(world=None):
    from casework.models import Locality
    from insights.services import walk_create, walk_place_add

    locality = Locality.objects.order_by("name").first()
    walk = walk_create(locality=locality, date=date(2026, 5, 12), meeting_point="Torget")
    place = walk_place_add(walk=walk, locality=locality, location="Tunneln",
                           category="lighting", description="Mörkt")
    return walk, place


def _survey_result():
    from insights.models import Survey, SurveyResult

    survey, _ = Survey.objects.get_or_create(year=2025, defaults={"title": "Enkät 2025"})
    return SurveyResult.objects.create(survey=survey, question="Fråga", option="Svar",
                                       share=100)


def _promise():
    from casework.models import Locality
    from insights.services import promise_create

    return promise_create(title="Löfte", locality=Locality.objects.order_by("name").first(),
                          period_start=date(2026, 1, 1), period_end=date(2026, 12, 31))


def _staged(world):
    from insights.models import SurveyImport

    return {"pk": SurveyImport.objects.create(
        year=2025, filename="x.csv", rows=[], created_by=world.user("coordinator")).pk}


ROWS = [
    Row("insights:dashboard", expect=VIEW),
    Row("insights:dashboard-csv", expect=VIEW),
    Row("insights:dashboard-xlsx", expect=VIEW),
    Row("insights:dashboard-pdf", expect=VIEW),
    Row("insights:year-summary", kwargs=lambda world: {"year": 2026}, expect=VIEW),
    Row("insights:yearly-index", expect=VIEW),
    Row("insights:yearly", kwargs=lambda world: {"year": 2025}, expect=VIEW),
    Row("insights:yearly-pdf", kwargs=lambda world: {"year": 2025}, expect=VIEW),
    Row("insights:yearly-xlsx", kwargs=lambda world: {"year": 2025}, expect=VIEW),
    Row("insights:effects-year", kwargs=lambda world: {"year": 2025}, expect=VIEW),
    Row("insights:effects-year", kwargs=lambda world: {"year": 2025},
        query={"veckor": "3"}, expect={**VIEW, **{p: 400 for p, s in VIEW.items() if s == OK}},
        note="a bad window: Swedish error, 400"),
    Row("insights:walk-list", expect=VIEW),
    Row("insights:walk-coverage", expect=VIEW),
    Row("insights:walk-create", expect=MANAGE),
    Row("insights:walk-detail", kwargs=lambda world: {"pk": _walk()[0].pk}, expect=VIEW),
    Row("insights:walk-detail", kwargs=lambda world: {"pk": 987654},
        expect={**VIEW, "coordinator": NOT_FOUND, "security": NOT_FOUND,
                "public_health": NOT_FOUND, "planning_chief": NOT_FOUND,
                "management": NOT_FOUND}, note="unknown id"),
    Row("insights:walk-place-add", kwargs=lambda world: {"pk": _walk()[0].pk}, expect=MANAGE),
    Row("insights:walk-place-photo", kwargs=lambda world: {"pk": _walk()[1].pk},
        expect={**VIEW, "coordinator": NOT_FOUND, "security": NOT_FOUND,
                "public_health": NOT_FOUND, "planning_chief": NOT_FOUND,
                "management": NOT_FOUND}, note="place without photo"),
    Row("insights:walk-place-measure", kwargs=lambda world: {"pk": _walk()[1].pk},
        expect=MANAGE),
    Row("insights:walk-feedback", kwargs=lambda world: {"pk": _walk()[0].pk},
        expect={**MANAGE, "coordinator": NOT_ALLOWED, "security": NOT_ALLOWED,
                "public_health": NOT_ALLOWED},
        note="POST only"),
    Row("insights:walk-feedback", method="POST", kwargs=lambda world: {"pk": _walk()[0].pk},
        expect={**MANAGE, "coordinator": 303, "security": 303, "public_health": 303},
        note="no contact e-mail: back to the walk"),
    Row("insights:survey-list", expect=VIEW),
    Row("insights:survey-import", expect=MANAGE),
    Row("insights:survey-preview", kwargs=_staged,
        expect={**MANAGE, "security": NOT_FOUND, "public_health": NOT_FOUND},
        note="only its uploader sees a staged import"),
    Row("insights:survey-detail", kwargs=lambda world: {"year": _survey_result().survey.year},
        expect=VIEW),
    Row("insights:survey-result-measure", kwargs=lambda world: {"pk": _survey_result().pk},
        expect=MANAGE),
    Row("insights:survey-facts", kwargs=lambda world: {"year": _survey_result().survey.year},
        expect=MANAGE),
    Row("insights:promise-list", expect=VIEW),
    Row("insights:promise-create", expect=MANAGE),
    Row("insights:promise-detail", kwargs=lambda world: {"pk": _promise().pk}, expect=VIEW),
    Row("insights:promise-sign", kwargs=lambda world: {"pk": _promise().pk}, expect=MANAGE),
    Row("insights:promise-commitment", kwargs=lambda world: {"pk": _promise().pk},
        expect=MANAGE),
    Row("insights:promise-csv", kwargs=lambda world: {"pk": _promise().pk}, expect=VIEW),
    Row("insights:promise-xlsx", kwargs=lambda world: {"pk": _promise().pk}, expect=VIEW),
]
