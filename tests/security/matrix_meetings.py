"""Access matrix rows for meetings (working groups, meetings, RSVP, calendar).
Source of truth: meetings/rules.py and tests/meetings/test_views.py. A group
is seen by its members, its chair/secretary and the coordinator, and (when it
handles nothing sensitive) by EST staff and management; anyone else gets 404.
Running it (agenda, minutes, decisions, members, series, moving and
cancelling) is the chair's, the secretary's and the coordinator's: a viewer
who may not run it gets 403. "group_member" is an ordinary member; the chair
is nobody of the personas. "staff" is a Django superuser, whom the rules
permissions grant everything. The signed links (RSVP, unsubscribe, calendar
feed) work without a login: the token is the credential."""

from datetime import time, timedelta

from django.utils import timezone

from tests.security.builders import once, reference_data
from tests.security.matrix import ANON, FORBIDDEN, LOGIN, NOT_FOUND, OK, Row

VIEWERS_OPEN = {"coordinator": OK, "staff": OK, "group_member": OK, "security": OK,
                "management": OK}


def status_for(viewers, *, manage, member=FORBIDDEN, viewer=FORBIDDEN):
    """Managers get `manage`, the member `member`, the other viewers `viewer`."""
    expect = {ANON: LOGIN, "*": NOT_FOUND}
    for persona in viewers:
        expect[persona] = viewer
    if "group_member" in viewers:
        expect["group_member"] = member
    expect["coordinator"] = expect["staff"] = manage
    return expect


def _chair():
    from accounts.roles import Role
    from tests.factories import UserFactory

    return UserFactory(username="matrix-chair", roles=[Role.GROUP_MEMBER])


def _group(world, *, sensitive=False):
    from meetings import services

    def build():
        reference_data()
        group = services.group_create(name=f"Matrisgruppen {sensitive}", chair=_chair(),
                                      handles_sensitive=sensitive)
        services.membership_add(group=group, user=world.user("group_member"))
        return group

    return once(world, f"group:{sensitive}", build)


def _meeting(world, *, sensitive=False, fresh=False):
    from meetings import services

    def build():
        group = _group(world, sensitive=sensitive)
        start = timezone.localdate() + timedelta(days=14)
        series = services.series_create(
            group=group, title=group.name, rrule="FREQ=WEEKLY;COUNT=1", starts_on=start,
            ends_on=start + timedelta(days=30), start_time=time(9, 0), end_time=time(10, 0))
        return series.meetings.order_by("date").first()

    if fresh:
        return build()
    return once(world, f"meeting:{sensitive}", build)


group = lambda world: {"pk": _group(world).pk}  # noqa: E731
sensitive_group = lambda world: {"pk": _group(world, sensitive=True).pk}  # noqa: E731
meeting = lambda world: {"pk": _meeting(world).pk}  # noqa: E731
fresh_meeting = lambda world: {"pk": _meeting(world, fresh=True).pk}  # noqa: E731


def _external_membership(world):
    """A fresh external member to remove (one per persona)."""
    from meetings import services

    member = services.membership_add(group=_group(world), name="Extern Person",
                                     organisation="Föreningen",
                                     email=f"extern{timezone.now().timestamp()}@example.org")
    return {"pk": member.group_id, "member_pk": member.pk}


def _rsvp_token(world):
    from meetings import services

    attendee = _meeting(world).attendees.get(user=world.user("group_member"))
    return {"token": services.signed_rsvp_token(attendee)}


def _unsubscribe_token(world):
    from meetings import services

    membership = _group(world).memberships.get(user=world.user("group_member"))
    return {"token": services.signed_unsubscribe_token(membership)}


def _feed_token(world):
    from meetings import services

    return {"token": once(world, "feed", lambda: services.feed_get_or_create(
        user=world.user("group_member")).token)}


OPEN_VIEW = status_for(VIEWERS_OPEN, manage=OK, member=OK, viewer=OK)
OPEN_MANAGE = status_for(VIEWERS_OPEN, manage=OK)

ROWS = [
    Row("meetings:group-list", expect={ANON: LOGIN, "*": OK}, note="lists only what I may see"),
    Row("meetings:group-create", expect={ANON: LOGIN, "coordinator": OK, "staff": OK,
                                         "*": FORBIDDEN}),
    Row("meetings:group-create", method="POST", data=lambda world: {"name": ""},
        expect={ANON: LOGIN, "coordinator": 400, "staff": 400, "*": FORBIDDEN},
        note="bad input is a 400"),
    Row("meetings:group-detail", kwargs=group, expect=OPEN_VIEW),
    Row("meetings:group-detail", kwargs=sensitive_group,
        expect={ANON: LOGIN, "coordinator": OK, "staff": OK, "group_member": OK,
                "*": NOT_FOUND},
        note="a sensitive group: members and the coordinator only"),
    Row("meetings:group-detail", kwargs=lambda world: {"pk": 987654},
        expect={ANON: LOGIN, "*": NOT_FOUND}, note="unknown id"),
    Row("meetings:group-edit", kwargs=group, expect=OPEN_MANAGE),
    Row("meetings:group-edit", kwargs=sensitive_group,
        expect={ANON: LOGIN, "coordinator": OK, "staff": OK, "group_member": FORBIDDEN,
                "*": NOT_FOUND}, note="a sensitive group"),
    Row("meetings:group-year", kwargs=lambda world: {**group(world), "year": 2026},
        expect=OPEN_VIEW),
    Row("meetings:group-year", kwargs=lambda world: {**group(world), "year": 1900},
        expect={ANON: LOGIN, "*": NOT_FOUND}, note="year out of range"),
    Row("meetings:member-add", kwargs=group, expect=OPEN_MANAGE),
    Row("meetings:member-add", method="POST", kwargs=group,
        data=lambda world: {"email": "not-an-address"},
        expect=status_for(VIEWERS_OPEN, manage=400), note="bad input is a 400"),
    Row("meetings:group-edit", method="POST", kwargs=group, data=lambda world: {"name": ""},
        expect=status_for(VIEWERS_OPEN, manage=400), note="bad input is a 400"),
    Row("meetings:member-remove", method="POST", kwargs=_external_membership,
        expect=status_for(VIEWERS_OPEN, manage=302)),
    Row("meetings:member-remove", kwargs=_external_membership,
        expect={ANON: LOGIN, "*": 405}, note="GET removes nobody"),
    Row("meetings:series-create", kwargs=group, expect=OPEN_MANAGE),
    Row("meetings:series-create", method="POST", kwargs=group,
        data=lambda world: {"rrule": "FREQ=NONSENSE"},
        expect=status_for(VIEWERS_OPEN, manage=400), note="a bad rule is a 400"),
    Row("meetings:my-meetings", expect={ANON: LOGIN, "*": OK}),
    Row("meetings:my-meetings", method="POST", data=lambda world: {"membership": "987654"},
        expect={ANON: LOGIN, "*": NOT_FOUND}, note="somebody else's membership"),
    Row("meetings:feed-renew", method="POST", expect={ANON: LOGIN, "*": 302}),
    Row("meetings:feed-renew", expect={ANON: LOGIN, "*": 405}, note="GET renews nothing"),
    Row("meetings:meeting-detail", kwargs=meeting, expect=OPEN_VIEW),
    Row("meetings:meeting-detail", kwargs=lambda world: {"pk": _meeting(
        world, sensitive=True).pk},
        expect={ANON: LOGIN, "coordinator": OK, "staff": OK, "group_member": OK,
                "*": NOT_FOUND}, note="a sensitive group's meeting"),
    Row("meetings:meeting-agenda", kwargs=meeting, expect=OPEN_MANAGE),
    Row("meetings:meeting-move", kwargs=meeting, expect=OPEN_MANAGE),
    Row("meetings:meeting-cancel", kwargs=meeting, expect=OPEN_MANAGE),
    Row("meetings:meeting-cancel", method="POST", kwargs=fresh_meeting,
        expect=status_for(VIEWERS_OPEN, manage=302)),
    Row("meetings:meeting-minutes", kwargs=meeting, expect=OPEN_MANAGE),
    Row("meetings:decision-add", kwargs=meeting, expect=OPEN_MANAGE),
    Row("meetings:meeting-minutes", method="POST", kwargs=meeting,
        data=lambda world: {"minutes": "", "action": "approve"},
        expect=status_for(VIEWERS_OPEN, manage=400), note="empty minutes are not approved"),
    Row("meetings:decision-add", method="POST", kwargs=meeting,
        data=lambda world: {"text": ""},
        expect=status_for(VIEWERS_OPEN, manage=400), note="bad input is a 400"),
    Row("meetings:meeting-move", method="POST", kwargs=meeting,
        data=lambda world: {"date": "x"},
        expect=status_for(VIEWERS_OPEN, manage=400), note="bad input is a 400"),
    Row("meetings:meeting-rsvp", method="POST", kwargs=meeting,
        data=lambda world: {"response": "yes"},
        expect=status_for(VIEWERS_OPEN, manage=FORBIDDEN, member=302),
        note="attendees answer; other viewers are not invited"),
    Row("meetings:meeting-rsvp", kwargs=meeting, expect={ANON: LOGIN, "*": 405},
        note="GET answers nothing"),
    Row("meetings:meeting-calendar", kwargs=meeting, expect=OPEN_VIEW),
    # Signed links: the token is the credential, and only for its attendee.
    Row("meetings:rsvp-link", kwargs=_rsvp_token,
        expect={ANON: OK, "group_member": OK, "*": FORBIDDEN},
        note="a logged-in user other than the attendee gets 403"),
    Row("meetings:rsvp-link", kwargs=lambda world: {"token": "forged"},
        expect={ANON: 400, "*": 400}, note="a tampered token"),
    Row("meetings:unsubscribe", kwargs=_unsubscribe_token, expect={ANON: OK, "*": OK}),
    Row("meetings:unsubscribe", kwargs=lambda world: {"token": "forged"},
        expect={ANON: 400, "*": 400}, note="a tampered token"),
    Row("meetings:feed", kwargs=_feed_token, expect={ANON: OK, "*": OK}),
    Row("meetings:feed", kwargs=lambda world: {"token": "not-a-feed"},
        expect={ANON: NOT_FOUND, "*": NOT_FOUND}, note="unknown or revoked address"),
]
