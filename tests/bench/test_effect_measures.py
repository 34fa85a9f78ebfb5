"""The bench's effect-follow-up data and the path its scenario measures: the
yearly effects page over many finished measures, in a number of queries that
does not depend on how many there are."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from bench.effect_measures import PREFIX, prepare_effect_measures
from bench.scenarios import REFERENCES, SCENARIOS
from casework.models import Measure

pytestmark = pytest.mark.django_db


def test_the_effects_year_scenario_runs_against_the_lagesbild_year(
        client, make_user, django_assert_max_num_queries):
    scenario = next(s for s in SCENARIOS if s.name == "effects year (vs lägesbild year)")
    assert REFERENCES[scenario.reference].target.persona == "coordinator"
    prepare_effect_measures(count=60)
    prepare_effect_measures(count=60)  # made once
    assert Measure.objects.filter(title__startswith=PREFIX).count() == 60
    client.force_login(make_user(roles=[Role.COORDINATOR]))
    url = reverse("insights:effects-year", args=[timezone.localdate().year])
    client.get(url)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    assert "Bench-effekt" in response.content.decode()
