"""Access matrix rows for the meetings app. An open working group is chaired
by the public-health persona with the group-member persona as member: EST
staff and management may see it, only the chair and the coordinator run it,
everyone else gets 404. The sensitive group is seen by its members and the
coordinator only (not by EST staff, management or the superuser)."""

from datetime import time, timedelta

from django.utils import timezone

from tests.security.matrix import ANON, FORBIDDEN, LOGIN, NOT_FOUND, OK, Row


def _group(world, *, sensitive=False):
    from meetings import services

    group = services.group_create(
        name=f"Matrisgrupp {timezone.now().timestamp()}", chair=world.user("public_health"),
        handles_sensitive=sensitive)
    services.membership_add(group=group, user=world.user("group_member"))
    services.membership_add(group=group, name="Extern", email="extern-matris@example.org")
    return group


def _meeting(world, *, sensitive=False):
    from meetings import services

    group = _group(world, sensitive=sensitive)
    day = timezone.localdate() + timedelta(days=10)
    services.series_create(group=group, title="Matris", rrule="FREQ=DAILY;COUNT=1",
                           starts_on=day, ends_on=day, start_time=time(9, 0),
                           end_time=time(10, 0))
    return group.meetings.get()


def group_kwargs(world):
    return {"pk": _group(world).pk}


def input_group_kwargs(world):
    group = _group(world)
    group.takes_input = True
    group.save(update_fields=["takes_input"])
    return {"pk": group.pk}


def sensitive_group_kwargs(world):
    return {"pk": _group(world, sensitive=True).pk}


def meeting_kwargs(world):
    return {"pk": _meeting(world).pk}


def sensitive_meeting_kwargs(world):
    return {"pk": _meeting(world, sensitive=True).pk}


def year_kwargs(world):
    return {"pk": _group(world).pk, "year": timezone.localdate().year}


def member_kwargs(world):
    group = _group(world)
    return {"pk": group.pk, "member_pk": group.memberships.get(user__isnull=True).pk}


def rsvp_kwargs(world):
    from meetings import services

    meeting = _meeting(world)
    return {"token": services.signed_rsvp_token(meeting.attendees.get(
        email="extern-matris@example.org"))}


def unsubscribe_kwargs(world):
    from meetings import services

    group = _group(world)
    return {"token": services.signed_unsubscribe_token(
        group.memberships.get(user__isnull=True), meeting_date=timezone.localdate())}


def feed_kwargs(world):
    from meetings import services

    return {"token": services.feed_get_or_create(user=world.user("group_member")).token}


# Open group: who sees it, who runs it.
SEE = {ANON: LOGIN, "coordinator": OK, "public_health": OK, "group_member": OK,
       "security": OK, "management": OK, "*": NOT_FOUND}
RUN = {ANON: LOGIN, "coordinator": OK, "public_health": OK, "group_member": FORBIDDEN,
       "security": FORBIDDEN, "management": FORBIDDEN, "*": NOT_FOUND}
RUN_POST = {**RUN, "coordinator": 302, "public_health": 302}
# A group's input form: its members and the coordinator; a group that takes
# no input has no form for anyone.
SEND_INPUT = {**RUN, "group_member": OK}
NO_INPUT = {**RUN, "coordinator": FORBIDDEN, "public_health": FORBIDDEN}
# Sensitive group: members and the coordinator only.
SEE_SENSITIVE = {ANON: LOGIN, "coordinator": OK, "public_health": OK, "group_member": OK,
                 "*": NOT_FOUND}

ROWS = [
    Row("meetings:group-list", expect={ANON: LOGIN, "*": OK}),
    Row("meetings:group-create", expect={ANON: LOGIN, "coordinator": OK, "*": FORBIDDEN}),
    Row("meetings:group-detail", kwargs=group_kwargs, expect=SEE),
    Row("meetings:group-detail", kwargs=sensitive_group_kwargs, expect=SEE_SENSITIVE,
        note="sensitive group"),
    Row("meetings:group-year", kwargs=year_kwargs, expect=SEE),
    Row("meetings:group-edit", kwargs=group_kwargs, expect=RUN),
    Row("meetings:member-add", kwargs=group_kwargs, expect=RUN),
    Row("meetings:member-remove", kwargs=member_kwargs, method="POST", expect=RUN_POST),
    Row("meetings:series-create", kwargs=group_kwargs, expect=RUN),
    Row("meetings:group-input", kwargs=input_group_kwargs, expect=SEND_INPUT),
    Row("meetings:group-input", kwargs=group_kwargs, expect=NO_INPUT,
        note="a group that sends no input"),
    Row("meetings:my-meetings", expect={ANON: LOGIN, "*": OK}),
    Row("meetings:feed-renew", method="POST", expect={ANON: LOGIN, "*": 302}),
    Row("meetings:meeting-detail", kwargs=meeting_kwargs, expect=SEE),
    Row("meetings:meeting-detail", kwargs=sensitive_meeting_kwargs, expect=SEE_SENSITIVE,
        note="sensitive group"),
    Row("meetings:meeting-calendar", kwargs=meeting_kwargs, expect=SEE),
    Row("meetings:meeting-calendar", kwargs=sensitive_meeting_kwargs, expect=SEE_SENSITIVE,
        note="a sensitive group's .ics: its members (chair included) and the coordinator"),
    Row("meetings:meeting-agenda", kwargs=meeting_kwargs, expect=RUN),
    Row("meetings:meeting-move", kwargs=meeting_kwargs, expect=RUN),
    Row("meetings:meeting-cancel", kwargs=meeting_kwargs, expect=RUN),
    Row("meetings:meeting-minutes", kwargs=meeting_kwargs, expect=RUN),
    Row("meetings:decision-add", kwargs=meeting_kwargs, expect=RUN),
    # Only attendees answer on the page; seeing the meeting is not enough.
    Row("meetings:meeting-rsvp", kwargs=meeting_kwargs, method="POST",
        data=lambda world: {"response": "yes"},
        expect={ANON: LOGIN, "public_health": 302, "group_member": 302,
                "coordinator": FORBIDDEN, "security": FORBIDDEN, "management": FORBIDDEN,
                "*": NOT_FOUND}),
    # Signed links from e-mail work without a login, but only for the person
    # they were sent to: any other logged-in user gets 403.
    Row("meetings:rsvp-link", kwargs=rsvp_kwargs, expect={ANON: OK, "*": FORBIDDEN}),
    Row("meetings:unsubscribe", kwargs=unsubscribe_kwargs, expect={ANON: OK, "*": OK},
        note="a signed link; shows a confirmation"),
    Row("meetings:feed", kwargs=feed_kwargs, expect={ANON: OK, "*": OK},
        note="the secret token is the credential (calendar clients cannot log in)"),
]
