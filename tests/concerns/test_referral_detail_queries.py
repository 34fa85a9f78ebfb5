"""`is_receiver` (the rule applied to a loaded referral) answers as the
query of referrals addressed to a user. The page itself, one statement that
reads and logs: tests/concerns/test_referral_page.py."""

import pytest

from accounts.roles import Role
from concerns.access import is_receiver, referrals_addressed_to
from concerns.models import Referral

from .conftest import referred

pytestmark = pytest.mark.django_db


def test_is_receiver_answers_as_the_addressed_query(people, units, make_user):
    plain_ifo = make_user("ifo_utan_roll", organisation=units["ifo"])
    _c, personal = referred(people["coordinator"], people["receiver_a"])
    to_unit = Referral.objects.create(
        concern=personal.concern, kind=personal.kind, receiver_unit=units["ifo"],
        message="Till enheten", due_on=personal.due_on)
    users = [people["receiver_a"], people["receiver_b"], people["coordinator"],
             people["police"], plain_ifo,
             make_user("ifo_soc2", roles=[Role.SOCIAL_SERVICES], organisation=units["ifo"])]
    for user in users:
        for referral in (personal, to_unit):
            expected = referrals_addressed_to(user).filter(pk=referral.pk).exists()
            assert is_receiver(user, referral) == expected, (user.username, referral.message)
