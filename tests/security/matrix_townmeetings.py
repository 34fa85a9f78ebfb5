"""Access rows for trygghetsmöten: the safety coordinator plans and edits,
management reads, everyone else is refused with 403 (the meetings are public
events: their existence is no news). An unknown id is 404 for those who may
see meetings."""

from datetime import date

from tests.security.builders import locality, once
from tests.security.matrix import ANON, FORBIDDEN, LOGIN, NOT_ALLOWED, NOT_FOUND, OK, Row

VIEW = {ANON: LOGIN, "coordinator": OK, "management": OK, "*": FORBIDDEN}
MANAGE = {ANON: LOGIN, "coordinator": OK, "*": FORBIDDEN}


def _meeting(world):
    from townmeetings.services import town_meeting_create

    return once(world, "townmeeting", lambda: town_meeting_create(
        actor=world.user("coordinator"), locality=locality(), date=date(2026, 11, 10),
        venue="Bygdegården"))


def _input(world):
    from townmeetings.services import input_add

    return once(world, "townmeeting-input", lambda: input_add(
        actor=world.user("coordinator"), meeting=_meeting(world), topic="Belysning",
        description="Mörkt"))


def _item(world):
    from townmeetings.services import programme_item_add

    return programme_item_add(actor=world.user("coordinator"), meeting=_meeting(world),
                              session="evening", starts_at="19:00", title="Frågestund")


def _pk(build):
    return lambda world: {"pk": build(world).pk}


ROWS = [
    Row("townmeetings:meeting-list", expect=VIEW),
    Row("townmeetings:meeting-create", expect=MANAGE),
    Row("townmeetings:meeting-detail", kwargs=_pk(_meeting), expect=VIEW),
    Row("townmeetings:meeting-detail", kwargs=lambda world: {"pk": 987654},
        expect={**VIEW, "coordinator": NOT_FOUND, "management": NOT_FOUND}, note="unknown id"),
    Row("townmeetings:meeting-edit", kwargs=_pk(_meeting), expect=MANAGE),
    Row("townmeetings:programme-add", kwargs=_pk(_meeting), expect=MANAGE),
    Row("townmeetings:programme-remove", kwargs=_pk(_item),
        expect={**MANAGE, "coordinator": NOT_ALLOWED}, note="POST only"),
    Row("townmeetings:programme-remove", method="POST", kwargs=_pk(_item),
        expect={**MANAGE, "coordinator": 302}),
    Row("townmeetings:input-add", kwargs=_pk(_meeting), expect=MANAGE),
    Row("townmeetings:input-measure", kwargs=_pk(_input), expect=MANAGE),
    Row("townmeetings:input-report", kwargs=_pk(_input), expect=MANAGE),
    Row("townmeetings:meeting-feedback", kwargs=_pk(_meeting),
        expect={**MANAGE, "coordinator": NOT_ALLOWED}, note="POST only"),
    Row("townmeetings:meeting-feedback", method="POST", kwargs=_pk(_meeting),
        expect={**MANAGE, "coordinator": 303}, note="no contact e-mail: back to the meeting"),
]
