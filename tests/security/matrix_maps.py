"""Access rows for the map (maps app): the page, its GeoJSON and the list
alternative answer to the analytics readers (insights.view_insights), like
/lagesbild/, which shows the same counts; everyone else gets 403. What each
reader sees inside (measures) is tested in tests/maps/test_map_data.py."""

from tests.security.matrix import ANON, FORBIDDEN, LOGIN, OK, Row

VIEW = {ANON: LOGIN, "coordinator": OK, "security": OK, "public_health": OK,
        "planning_chief": OK, "management": OK, "*": FORBIDDEN}

ROWS = [
    Row("maps:map", expect=VIEW),
    Row("maps:data", expect=VIEW),
    Row("maps:list", expect=VIEW),
]
