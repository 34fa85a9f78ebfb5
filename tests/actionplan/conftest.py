"""Personas for the action plan: the coordinator (edits), the deputy and
management (read), a member of the extremism group who owns a measure, and
outsiders of every other role."""

from datetime import date

import pytest

from accounts.models import Organisation
from accounts.roles import Role
from actionplan import services
from meetings import services as meeting_services
from meetings.models import WorkingGroup

READERS = ("coordinator", "deputy", "management")
OUTSIDERS = ("security", "social", "public_health", "police", "housing", "planning",
             "reporter", "group", "log_reviewer", "superuser")


@pytest.fixture
def ifo(db):
    return Organisation.objects.get_or_create(
        name="IFO", defaults={"kind": Organisation.Kind.SOCIAL_SERVICES})[0]


@pytest.fixture
def people(make_user, ifo):
    return {
        "coordinator": make_user("samordnare", roles=[Role.COORDINATOR]),
        "deputy": make_user("ersattare", roles=[Role.SECURITY_COORDINATOR,
                                                Role.CONCERN_DEPUTY]),
        "management": make_user("ledning", roles=[Role.MANAGEMENT]),
        "security": make_user("sakerhet2", roles=[Role.SECURITY_COORDINATOR]),
        "social": make_user("soc", roles=[Role.SOCIAL_SERVICES], organisation=ifo),
        "public_health": make_user("folkhalsa", roles=[Role.PUBLIC_HEALTH]),
        "police": make_user("polis", roles=[Role.POLICE, Role.REPORTER]),
        "housing": make_user("bostad", roles=[Role.HOUSING, Role.REPORTER]),
        "planning": make_user("plan", roles=[Role.PLANNING_CHIEF]),
        "reporter": make_user("rapportor", roles=[Role.REPORTER]),
        "group": make_user("grupp", roles=[Role.GROUP_MEMBER]),
        "log_reviewer": make_user("logg", roles=[Role.LOG_REVIEWER]),
        "superuser": make_user("admin", is_superuser=True, is_staff=True),
    }


@pytest.fixture
def group(people):
    """The sensitive extremism group; the social-services contact is a member."""
    group = WorkingGroup.objects.get_or_create(
        name="Lägesbild våldsbejakande extremism",
        defaults={"handles_sensitive": True})[0]
    if not group.handles_sensitive:
        group.handles_sensitive = True
        group.save(update_fields=["handles_sensitive"])
    meeting_services.membership_add(group=group, user=people["social"])
    return group


@pytest.fixture
def plan(people, group):
    """A plan 2026–2027 with one goal and one measure owned by the member."""
    coordinator = people["coordinator"]
    plan = services.plan_create(actor=coordinator, title="Handlingsplan mot extremism",
                                start_year=2026, end_year=2027, working_group=group,
                                introduction="Bakgrund till planen.")
    goal = services.goal_add(plan=plan, actor=coordinator, title="Kunskapen ökar HEMLIGTMÅL")
    services.goal_measure_add(goal=goal, actor=coordinator, title="Utbildningsdag HEMLIGÅTGÄRD",
                              owner=people["social"], owner_organisation=None,
                              due_date=date(2027, 3, 31))
    return plan
