"""The analytics pages in a real browser: the dashboard draws its chart and
table, and axe finds no serious or critical violation."""

from datetime import date

import pytest
from django.core.management import call_command

from accounts.roles import Role
from insights.models import SafetyWalk
from tests.support.browser import axe_violations, browser_login

from .conftest import make_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded(make_user):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    make_report(day=date.today(), place="Torget")
    make_report(day=date.today(), place="Torget")
    return make_user("webb-samordnare", roles=[Role.COORDINATOR])


def test_dashboard_renders_chart_and_table_without_axe_violations(page, seeded):
    browser_login(page, "webb-samordnare", "correct horse battery")
    page.goto(f"{page.live_server_url}/lagesbild/")
    page.wait_for_selector("svg.chart")
    # The chart and the accessible table with the same numbers.
    assert page.locator("svg.chart title").first.text_content() == "Rapporter per kategori"
    table = page.locator("#table-categories")
    assert table.locator("caption").inner_text() == "Rapporter per kategori"
    assert table.locator("tbody tr").count() >= 9
    assert page.locator("#table-places").inner_text().count("Torget") == 1
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["/trygghetsvandringar/", "/trygghetsvandringar/tackning/",
                                  "walk", "/trygghetsenkat/", "/trygghetsenkat/2025/",
                                  "/trygghetsenkat/import/", "/medborgarloften/",
                                  "/lagesbild/arsrapport/2025/"])
def test_walk_survey_and_report_pages_have_no_serious_axe_violations(page, seeded, path):
    if path == "walk":
        path = f"/trygghetsvandringar/{SafetyWalk.objects.filter(places__isnull=False).first().pk}/"
    browser_login(page, "webb-samordnare", "correct horse battery")
    page.goto(f"{page.live_server_url}{path}")
    page.wait_for_selector("h1")
    assert axe_violations(page) == []
