"""Access matrix rows for workflows (the EST triage inbox and its tasks).
Source of truth: workflows/views.py and tests/workflows/test_inbox.py: the
inbox is EST staff's (others 403); a task is 404 to anyone who may not triage,
so outsiders cannot probe task ids. Role-based: a superuser without an EST
role is an outsider here."""

from tests.security.builders import once
from tests.security.matrix import ANON, FORBIDDEN, LOGIN, NOT_FOUND, OK, Row

EST = ("coordinator", "security")


def _task(world, key="task"):
    from tests.factories.casework import make_report, triage_task

    def build():
        return triage_task(make_report(world.user("reporter"))).pk

    return once(world, key, build)


def task(world):
    return {"task_id": _task(world)}


def fresh_task(world):
    """POST rows change the task: one per persona."""
    from tests.factories.casework import make_report, triage_task

    return {"task_id": triage_task(make_report(world.user("reporter"))).pk}


ROWS = [
    Row("workflows:inbox", expect={ANON: LOGIN, **dict.fromkeys(EST, OK), "*": FORBIDDEN}),
    Row("workflows:inbox", query={"vy": "x", "sortera": "y", "ort": "z", "sida": "-1"},
        expect={ANON: LOGIN, **dict.fromkeys(EST, OK), "*": FORBIDDEN},
        note="odd filters are ignored, never a 500"),
    Row("workflows:task", kwargs=task,
        expect={ANON: LOGIN, **dict.fromkeys(EST, OK), "*": NOT_FOUND}),
    Row("workflows:task", kwargs=lambda world: {"task_id": 987654},
        expect={ANON: LOGIN, "*": NOT_FOUND}, note="unknown task"),
    Row("workflows:task", method="POST", kwargs=fresh_task, data=lambda world: {"action": "x"},
        expect={ANON: LOGIN, **dict.fromkeys(EST, 400), "*": NOT_FOUND},
        note="a bad triage decision is a 400"),
    Row("workflows:task-claim", method="POST", kwargs=fresh_task,
        expect={ANON: LOGIN, **dict.fromkeys(EST, 302), "*": NOT_FOUND}),
    Row("workflows:task-claim", kwargs=task,
        expect={ANON: LOGIN, "*": 405}, note="GET claims nothing"),
    Row("workflows:task-release", method="POST", kwargs=fresh_task,
        expect={ANON: LOGIN, **dict.fromkeys(EST, 302), "*": NOT_FOUND},
        note="an unclaimed task: a message, no change"),
    Row("workflows:task-reassign", method="POST", kwargs=fresh_task,
        data=lambda world: {"user": world.user("security").pk},
        expect={ANON: LOGIN, **dict.fromkeys(EST, 302), "*": NOT_FOUND}),
    Row("workflows:task-reassign", method="POST", kwargs=fresh_task,
        data=lambda world: {"user": world.user("reporter").pk},
        expect={ANON: LOGIN, **dict.fromkeys(EST, 302), "*": NOT_FOUND},
        note="only to EST staff: an outsider is not a choice"),
]
