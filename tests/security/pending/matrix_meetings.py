"""Access-matrix rows for meetings (working groups, meetings, calendar links).
Most URLs have their roles × membership table in tests/meetings/test_views.py;
the rest are here. A group or meeting the user is not part of is 404."""

import itertools
from datetime import date, time

from tests.security.matrix import ANON, FORBIDDEN, LOGIN, NOT_ALLOWED, NOT_FOUND, OK, Row

TESTS = "tests/meetings/test_views.py"
COVERED_BY = {name: TESTS for name in [
    "meetings:group-list", "meetings:group-create", "meetings:group-detail",
    "meetings:group-year", "meetings:member-add", "meetings:series-create",
    "meetings:my-meetings", "meetings:feed-renew", "meetings:meeting-detail",
    "meetings:meeting-agenda", "meetings:meeting-move", "meetings:meeting-cancel",
    "meetings:meeting-minutes", "meetings:decision-add", "meetings:meeting-rsvp",
    "meetings:rsvp-link", "meetings:unsubscribe",
]}


_numbers = itertools.count(1)
# see the group (member, or overview roles) but may not manage it
SEE_ONLY = {"reporter": FORBIDDEN, "security": FORBIDDEN, "management": FORBIDDEN}


def _group(world):
    """A group chaired by the coordinator persona, with the reporter as member."""
    from meetings import services

    group = services.group_create(name=f"Matrisgruppen {next(_numbers)}", purpose="Prov",
                                  chair=world.user("coordinator"))
    services.membership_add(group=group, user=world.user("reporter"))
    return group


def _meeting(world):
    from meetings import services

    group = _group(world)
    series = services.series_create(group=group, title=group.name,
                                    rrule="FREQ=MONTHLY;BYDAY=2TU", starts_on=date(2026, 1, 1),
                                    ends_on=date(2026, 12, 31), start_time=time(9, 0),
                                    end_time=time(10, 30))
    return series.meetings.order_by("date").first()


def _feed_token(world):
    from meetings.models import CalendarFeed

    return CalendarFeed.objects.get_or_create(user=world.user("reporter"))[0].token


ROWS = [
    Row("meetings:group-edit", kwargs=lambda world: {"pk": _group(world).pk},
        expect={ANON: LOGIN, "coordinator": OK, "staff": OK, **SEE_ONLY, "*": NOT_FOUND}),
    Row("meetings:member-remove", method="POST",
        kwargs=lambda world: {"pk": (group := _group(world)).pk,
                              "member_pk": group.memberships.get(
                                  user=world.user("reporter")).pk},
        expect={ANON: LOGIN, "coordinator": 302, "staff": 302, **SEE_ONLY, "*": NOT_FOUND}),
    Row("meetings:member-remove", kwargs=lambda world: {"pk": 1, "member_pk": 1},
        expect={ANON: LOGIN, "*": NOT_ALLOWED}, note="GET"),
    Row("meetings:meeting-calendar", kwargs=lambda world: {"pk": _meeting(world).pk},
        expect={ANON: LOGIN, "coordinator": OK, "reporter": OK, "security": OK,
                "management": OK, "staff": OK, "*": NOT_FOUND}),
    # the calendar feed is opened by calendar programs: the secret token is the key
    Row("meetings:feed", kwargs=lambda world: {"token": _feed_token(world)},
        expect={ANON: OK, "*": OK}),
    Row("meetings:feed", kwargs=lambda world: {"token": "fel-token"},
        expect={ANON: NOT_FOUND, "*": NOT_FOUND}, note="unknown token"),
]
