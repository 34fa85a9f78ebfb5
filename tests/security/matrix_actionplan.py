"""Access matrix rows for the action plan against violent extremism: the
coordinator edits; the deputy ("security" holds the deputy role) and
management read; everyone else, the superuser included, gets 404."""

import itertools
from datetime import date

from tests.security.builders import once
from tests.security.matrix import ANON, LOGIN, NOT_FOUND, OK, Row

# Each built plan gets a period of its own (one plan per period).
_years = itertools.count(3000)


def _plan(world):
    from actionplan import services
    from meetings import services as meeting_services

    year = next(_years)
    group = meeting_services.group_create(
        name=f"Matris extremism {year}", chair=world.user("coordinator"),
        handles_sensitive=True)
    plan = services.plan_create(actor=world.user("coordinator"), title="Matrisplan",
                                start_year=year, end_year=year, working_group=group)
    goal = services.goal_add(plan=plan, actor=world.user("coordinator"), title="Matrismål")
    services.goal_measure_add(goal=goal, actor=world.user("coordinator"), title="Matrisåtgärd",
                              owner=world.user("coordinator"), owner_organisation=None,
                              due_date=date(year, 6, 1))
    return plan


def plan_kwargs(world):
    return {"pk": once(world, "actionplan", lambda: _plan(world)).pk}


def fresh_plan_kwargs(world):
    return {"pk": _plan(world).pk}


def goal_kwargs(world):
    plan = once(world, "actionplan", lambda: _plan(world))
    return {"pk": plan.pk, "goal_pk": plan.goals.get().pk}


def bare_goal_kwargs(world):
    """A fresh plan's goal without measures (removable)."""
    from actionplan import services

    plan = _plan(world)
    goal = services.goal_add(plan=plan, actor=world.user("coordinator"), title="Tomt mål")
    return {"pk": plan.pk, "goal_pk": goal.pk}


def year_kwargs(world):
    plan = once(world, "actionplan", lambda: _plan(world))
    return {"pk": plan.pk, "year": plan.start_year}


READ = {ANON: LOGIN, "coordinator": OK, "security": OK, "management": OK, "*": NOT_FOUND}
EDIT = {ANON: LOGIN, "coordinator": OK, "*": NOT_FOUND}

ROWS = [
    Row("actionplan:plan-list", expect=READ),
    Row("actionplan:plan-create", expect=EDIT),
    Row("actionplan:plan-create", method="POST", data=lambda world: {},
        expect={ANON: LOGIN, "coordinator": 400, "*": NOT_FOUND}, note="empty form"),
    Row("actionplan:plan-detail", kwargs=plan_kwargs, expect=READ),
    Row("actionplan:plan-pdf", kwargs=plan_kwargs, expect=READ),
    Row("actionplan:follow-up", kwargs=year_kwargs, expect=READ),
    Row("actionplan:follow-up", method="POST", kwargs=year_kwargs, data=lambda world: {},
        expect={ANON: LOGIN, "coordinator": 400, "*": NOT_FOUND}, note="empty form"),
    Row("actionplan:plan-edit", kwargs=plan_kwargs, expect=EDIT),
    Row("actionplan:plan-adopt", method="POST", kwargs=fresh_plan_kwargs,
        data=lambda world: {"adopted_on": "2026-01-15"},
        expect={ANON: LOGIN, "coordinator": 400, "*": NOT_FOUND}, note="version missing"),
    Row("actionplan:goal-create", method="POST", kwargs=fresh_plan_kwargs,
        data=lambda world: {"title": "Nytt mål"},
        expect={ANON: LOGIN, "coordinator": 302, "*": NOT_FOUND}),
    Row("actionplan:goal-measure-create", kwargs=goal_kwargs, expect=EDIT),
    Row("actionplan:goal-edit", kwargs=goal_kwargs, expect=EDIT),
    Row("actionplan:goal-edit", method="POST", kwargs=bare_goal_kwargs,
        data=lambda world: {"title": "Ändrat mål"},
        expect={ANON: LOGIN, "coordinator": 302, "*": NOT_FOUND}),
    Row("actionplan:goal-remove", kwargs=goal_kwargs, expect=EDIT,
        note="the goal has measures: the page says why it stays"),
    Row("actionplan:goal-remove", method="POST", kwargs=bare_goal_kwargs,
        expect={ANON: LOGIN, "coordinator": 302, "*": NOT_FOUND}),
    Row("actionplan:goal-remove", method="POST", kwargs=goal_kwargs,
        expect={ANON: LOGIN, "coordinator": 400, "*": NOT_FOUND}, note="goal has measures"),
]
