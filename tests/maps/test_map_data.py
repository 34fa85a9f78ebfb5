"""The map's GeoJSON and its list alternative: who sees what, counts without
report text, and a query count that does not grow with the data."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from casework.models import Locality
from meetings.models import WorkingGroup
from tests.factories.casework import make_report

from .conftest import positioned_measure, walk_place

pytestmark = pytest.mark.django_db


def features(client, kind=None):
    response = client.get(reverse("maps:data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    found = response.json()["features"]
    return [f for f in found if kind is None or f["properties"]["kind"] == kind]


def test_localities_come_with_their_outline_and_report_count(client, est_people):
    make_report(est_people.police, locality="Tranemo", description="Hemlig detalj om en person")
    make_report(est_people.police, locality="Tranemo")
    client.force_login(est_people.coordinator)
    localities = {f["properties"]["name"]: f for f in features(client, "locality")}
    # every active locality is there, drawn as its shipped outline
    assert set(localities) == set(Locality.objects.filter(is_active=True)
                                  .values_list("name", flat=True))
    assert localities["Tranemo"]["geometry"]["type"] == "Polygon"
    # only the number of reports, never what they say
    assert localities["Tranemo"]["properties"]["reports"] == 2
    assert localities["Limmared"]["properties"]["reports"] == 0
    assert "Hemlig detalj" not in client.get(reverse("maps:data")).content.decode()


def test_a_locality_without_an_outline_is_its_centre_point(client, est_people, settings,
                                                          tmp_path):
    outline_file = tmp_path / "tom.geojson"
    outline_file.write_text('{"type": "FeatureCollection", "features": []}')
    settings.MAP_LOCALITY_OUTLINES = str(outline_file)
    client.force_login(est_people.coordinator)
    tranemo = next(f for f in features(client, "locality")
                   if f["properties"]["name"] == "Tranemo")
    assert tranemo["geometry"] == {"type": "Point", "coordinates": [13.353, 57.485]}


def test_walk_places_and_measures_with_a_position_are_points(client, est_people):
    walk_place("Gångtunneln")
    walk_place("Utan position", position=None)
    positioned_measure(est_people, "Ny belysning")
    client.force_login(est_people.coordinator)
    places = features(client, "walk_place")
    # a place without a position is not drawn (the list shows it)
    assert [p["properties"]["name"] for p in places] == ["Gångtunneln"]
    assert places[0]["geometry"] == {"type": "Point", "coordinates": [13.352, 57.486]}
    assert [m["properties"]["name"] for m in features(client, "measure")] == ["Ny belysning"]


def test_people_without_the_analytics_right_get_no_map(client, est_people):
    for user in (est_people.reporter, est_people.police, est_people.social,
                 est_people.outsider):
        client.force_login(user)
        for name in ("maps:map", "maps:data", "maps:list"):
            assert client.get(reverse(name)).status_code == 403, (user, name)
    client.logout()
    assert client.get(reverse("maps:data")).status_code == 302


def test_measures_follow_the_measure_rules(client, est_people, make_user):
    positioned_measure(est_people, "Vanlig åtgärd")
    group = WorkingGroup.objects.create(name="Känslig grupp", handles_sensitive=True)
    positioned_measure(est_people, "Hemlig åtgärd", restricted_to_group=group)
    # the coordinator sees both; management only the ordinary one
    client.force_login(est_people.coordinator)
    assert {f["properties"]["name"] for f in features(client, "measure")} == {
        "Vanlig åtgärd", "Hemlig åtgärd"}
    client.force_login(est_people.management)
    assert [f["properties"]["name"] for f in features(client, "measure")] == ["Vanlig åtgärd"]
    assert "Hemlig" not in client.get(reverse("maps:list")).content.decode()
    # the public-health strategist sees the analytics but no measure list
    client.force_login(make_user("karta-folkhalsa", roles=[Role.PUBLIC_HEALTH]))
    assert features(client, "measure") == []
    assert "Vanlig åtgärd" not in client.get(reverse("maps:list")).content.decode()


def test_the_query_count_does_not_grow_with_the_data(client, est_people,
                                                     django_assert_max_num_queries):
    client.force_login(est_people.coordinator)
    walk_place("Första")
    positioned_measure(est_people, "Första åtgärden")
    make_report(est_people.police)
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("maps:data"))
    for number in range(8):
        walk_place(f"Plats {number}")
        positioned_measure(est_people, f"Åtgärd {number}")
        make_report(est_people.police, locality="Limmared")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(features(client)) == 13 + 9 + 9


def test_the_list_shows_the_same_items_as_tables(client, est_people):
    walk_place("Gångtunneln")
    walk_place("Utan position", position=None)
    positioned_measure(est_people, "Ny belysning")
    make_report(est_people.police, locality="Dalstorp")
    client.force_login(est_people.coordinator)
    body = client.get(reverse("maps:list")).content.decode()
    for text in ("Gångtunneln", "Utan position", "Ingen position", "Ny belysning",
                 "57.48600, 13.35200", "Dalstorp", "Tillbaka till kartan"):
        assert text in body, text
    # the map page links to the list and describes itself
    page = client.get(reverse("maps:map")).content.decode()
    assert reverse("maps:list") in page and 'aria-describedby="map-description"' in page
