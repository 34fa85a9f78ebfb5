"""Access-matrix rows for insights (lägesbild dashboard, yearly report, safety
walks, safety survey, citizen promises). Two permissions, role-based, no
ownership: insights.view_insights and insights.manage_insights; without them
a page is 403 (PermissionDenied), an unknown object 404."""

from datetime import date

from tests.security.matrix import ANON, FORBIDDEN, LOGIN, NOT_ALLOWED, OK, Row

VIEW = {ANON: LOGIN, "coordinator": OK, "security": OK, "public_health": OK,
        "planning_chief": OK, "management": OK, "staff": OK, "*": FORBIDDEN}
MANAGE = {ANON: LOGIN, "coordinator": OK, "security": OK, "public_health": OK, "staff": OK,
          "*": FORBIDDEN}


def _locality():
    from casework.models import Locality

    return Locality.objects.order_by("pk").first()


def _walk(world):
    from insights import services

    return services.walk_create(locality=_locality(), date=date(2026, 11, 10),
                                meeting_point="Torget")


def _place(world):
    from insights import services

    walk = _walk(world)
    return services.walk_place_add(walk=walk, locality=walk.locality, location="Gångtunneln",
                                   category="lighting", description="Mörkt.")


def _promise(world):
    from insights import services

    return services.promise_create(title="Trygg centrum", locality=_locality(),
                                   period_start=date(2026, 1, 1), period_end=date(2026, 12, 31))


def _survey_result(world):
    from insights.models import Survey, SurveyResult

    survey, _ = Survey.objects.get_or_create(year=2025, defaults={"title": "Enkät 2025"})
    return SurveyResult.objects.create(survey=survey, question="Vad önskar du?",
                                       option="Belysning", share=12.5)


def _staged_by_coordinator(world):
    from insights import services

    return services.survey_import_stage(year=2025, filename="enkat.csv", rows=[],
                                        user=world.user("coordinator"))


def pk(builder):
    return lambda world: {"pk": builder(world).pk}


ROWS = [
    # /lagesbild/ is also casework:picture-list, included first: see the report
    Row("insights:dashboard", expect=VIEW),
    Row("insights:dashboard-csv", expect=VIEW),
    Row("insights:dashboard-xlsx", expect=VIEW),
    Row("insights:dashboard-pdf", expect=VIEW),
    Row("insights:yearly-index", expect=VIEW),
    Row("insights:yearly", kwargs=lambda world: {"year": 2026}, expect=VIEW),
    Row("insights:yearly-pdf", kwargs=lambda world: {"year": 2026}, expect=VIEW),
    Row("insights:yearly-xlsx", kwargs=lambda world: {"year": 2026}, expect=VIEW),
    Row("insights:walk-list", expect=VIEW),
    Row("insights:walk-coverage", expect=VIEW),
    Row("insights:walk-create", expect=MANAGE),
    Row("insights:walk-detail", kwargs=pk(_walk), expect=VIEW),
    Row("insights:walk-place-add", kwargs=pk(_walk), expect=MANAGE),
    Row("insights:walk-feedback", kwargs=pk(_walk),
        expect={**MANAGE, "coordinator": NOT_ALLOWED, "security": NOT_ALLOWED,
                "public_health": NOT_ALLOWED, "staff": NOT_ALLOWED}, note="GET"),
    Row("insights:walk-place-measure", kwargs=pk(_place), expect=MANAGE),
    Row("insights:survey-list", expect=VIEW),
    Row("insights:survey-import", expect=MANAGE),
    Row("insights:survey-detail", kwargs=lambda world: {"year": _survey_result(world)
                                                        .survey.year}, expect=VIEW),
    Row("insights:survey-preview", kwargs=pk(_staged_by_coordinator),
        expect={**MANAGE, "security": 404, "public_health": 404, "staff": 404},
        note="only the user who staged the import sees its preview"),
    Row("insights:survey-result-measure", kwargs=pk(_survey_result), expect=MANAGE),
    Row("insights:promise-list", expect=VIEW),
    Row("insights:promise-create", expect=MANAGE),
    Row("insights:promise-detail", kwargs=pk(_promise), expect=VIEW),
    Row("insights:promise-sign", kwargs=pk(_promise), expect=MANAGE),
    Row("insights:promise-commitment", kwargs=pk(_promise), expect=MANAGE),
    Row("insights:promise-csv", kwargs=pk(_promise), expect=VIEW),
    Row("insights:promise-xlsx", kwargs=pk(_promise), expect=VIEW),
]
