"""Access matrix rows for insights (lägesbild analytics, yearly report, safety
walks, the safety survey, medborgarlöften). insights/rules.py: view = TSK staff
(coordinator, security coordinator, public health), planning chief and
management; manage = TSK staff. Others get 403 (role pages, nothing secret
about their existence). A staged survey import belongs to its uploader: other
managers get 404."""

from datetime import date

from tests.security.builders import locality, once
from tests.security.matrix import ANON, FORBIDDEN, LOGIN, NOT_FOUND, OK, Row

# "staff" is a Django superuser: has_perm grants superusers every rules
# permission, and these pages hold aggregate, non-personal figures only.
VIEW = {ANON: LOGIN, "coordinator": OK, "security": OK, "public_health": OK,
        "planning_chief": OK, "management": OK, "staff": OK, "*": FORBIDDEN}
MANAGE = {ANON: LOGIN, "coordinator": OK, "security": OK, "public_health": OK,
          "staff": OK, "*": FORBIDDEN}
YEAR = 2025


def _walk(world):
    from insights import services

    return once(world, "walk", lambda: services.walk_create(
        locality=locality(), date=date(YEAR, 5, 4), meeting_point="Torget"))


def _place(world):
    from insights import services

    return once(world, "place", lambda: services.walk_place_add(
        walk=_walk(world), locality=locality(), location="Gångtunneln", category="lighting",
        description="Mörkt"))


def _survey_result(world):
    def build():
        from insights.models import Survey, SurveyResult

        survey = Survey.objects.get_or_create(year=YEAR, defaults={"title": "Enkät"})[0]
        return SurveyResult.objects.create(survey=survey, question="Trygg?", option="Ja",
                                           share="55.0", count=10)

    return once(world, "survey_result", build)


def _staged_import(owner):
    def build(world):
        from insights import services

        return {"pk": services.survey_import_stage(
            year=YEAR, filename="enkat.csv", rows=[], user=world.user(owner)).pk}

    return build


def _promise(world):
    from insights import services

    return once(world, "promise", lambda: services.promise_create(
        title="Trygga Tranemo", locality=locality(), period_start=date(YEAR, 1, 1),
        period_end=date(YEAR, 12, 31)))


walk = lambda world: {"pk": _walk(world).pk}  # noqa: E731
place = lambda world: {"pk": _place(world).pk}  # noqa: E731
result = lambda world: {"pk": _survey_result(world).pk}  # noqa: E731
promise = lambda world: {"pk": _promise(world).pk}  # noqa: E731
year = lambda world: {"year": YEAR}  # noqa: E731

ROWS = [
    Row("insights:dashboard", expect=VIEW),
    Row("insights:dashboard", query={"period": "nonsense", "ort": "x"},
        expect={**VIEW, **{p: 400 for p, s in VIEW.items() if s == OK}},
        note="odd filters: a 400, never a 500"),
    Row("insights:dashboard-csv", expect=VIEW),
    Row("insights:dashboard-xlsx", expect=VIEW),
    Row("insights:dashboard-pdf", expect=VIEW),
    Row("insights:yearly-index", expect=VIEW),
    Row("insights:yearly", kwargs=year, expect=VIEW),
    Row("insights:yearly", kwargs=lambda world: {"year": 1900},
        expect={**VIEW, **{p: NOT_FOUND for p, s in VIEW.items() if s == OK}},
        note="year out of range"),
    Row("insights:yearly-pdf", kwargs=year, expect=VIEW),
    Row("insights:yearly-xlsx", kwargs=year, expect=VIEW),
    Row("insights:walk-list", expect=VIEW),
    Row("insights:walk-coverage", expect=VIEW),
    Row("insights:walk-create", expect=MANAGE),
    Row("insights:walk-create", method="POST", data=lambda world: {"meeting_point": ""},
        expect={**MANAGE, **{p: 400 for p, s in MANAGE.items() if s == OK}},
        note="bad input is a 400, not a 500"),
    Row("insights:walk-detail", kwargs=walk, expect=VIEW),
    Row("insights:walk-detail", kwargs=lambda world: {"pk": 987654},
        expect={**VIEW, **{p: NOT_FOUND for p, s in VIEW.items() if s == OK}},
        note="unknown id"),
    Row("insights:walk-place-add", kwargs=walk, expect=MANAGE),
    Row("insights:walk-place-measure", kwargs=place, expect=MANAGE),
    Row("insights:walk-feedback", method="POST", kwargs=walk,
        expect={**MANAGE, **{p: 303 for p, s in MANAGE.items() if s == OK}},
        note="the locality has no contact address: back to the walk"),
    Row("insights:walk-feedback", kwargs=walk,
        expect={**MANAGE, **{p: 405 for p, s in MANAGE.items() if s == OK}},
        note="GET sends nothing"),
    Row("insights:survey-list", expect=VIEW),
    Row("insights:survey-detail", kwargs=lambda world: {
        "year": _survey_result(world).survey.year}, expect=VIEW),
    Row("insights:survey-import", expect=MANAGE),
    Row("insights:survey-preview", kwargs=_staged_import("coordinator"),
        expect={ANON: LOGIN, "coordinator": OK, "security": NOT_FOUND,
                "public_health": NOT_FOUND, "staff": NOT_FOUND, "*": FORBIDDEN},
        note="a staged import is its uploader's"),
    Row("insights:survey-preview", method="POST", kwargs=_staged_import("coordinator"),
        expect={ANON: LOGIN, "coordinator": 302, "security": NOT_FOUND,
                "public_health": NOT_FOUND, "staff": NOT_FOUND, "*": FORBIDDEN},
        note="only the uploader confirms their import"),
    Row("insights:survey-result-measure", kwargs=result, expect=MANAGE),
    Row("insights:promise-list", expect=VIEW),
    Row("insights:promise-create", expect=MANAGE),
    Row("insights:promise-create", method="POST", data=lambda world: {"title": ""},
        expect={**MANAGE, **{p: 400 for p, s in MANAGE.items() if s == OK}},
        note="bad input is a 400"),
    Row("insights:promise-detail", kwargs=promise, expect=VIEW),
    Row("insights:promise-sign", kwargs=promise, expect=MANAGE),
    Row("insights:promise-commitment", kwargs=promise, expect=MANAGE),
    Row("insights:promise-csv", kwargs=promise, expect=VIEW),
    Row("insights:promise-xlsx", kwargs=promise, expect=VIEW),
]
