"""The audited referral detail reads the referral (with its concern) in one
query and writes its access-log row; nothing else touches the database."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from audit.models import AccessLogEntry
from concerns.access import is_receiver, referrals_addressed_to
from concerns.models import Referral

from .conftest import referred

pytestmark = pytest.mark.django_db


def test_the_referral_detail_is_one_read_and_one_audit_insert(client, people,
                                                              django_assert_max_num_queries):
    for _ in range(3):
        referred(people["coordinator"], people["receiver_a"])
    _concern, referral = referred(people["coordinator"], people["receiver_a"])
    url = reverse("concerns:referral-detail", args=[referral.pk])
    client.force_login(people["receiver_a"])
    client.get(url)  # the steady state: the user and menu cached, the session fresh
    rows = AccessLogEntry.objects.count()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    statements = [q["sql"] for q in queries.captured_queries]
    reads = [s for s in statements if s.startswith("SELECT")]
    # the referral with its concern (the session comes from the cache, ADR
    # 0044); the access-log row (in a savepoint, so that a failed write can
    # still answer 503)
    assert len(reads) == 1 and "concerns_referral" in reads[0] and "concerns_concern" in reads[0]
    assert sum(s.startswith('INSERT INTO "audit_accesslogentry"') for s in statements) == 1
    with django_assert_max_num_queries(4):  # read, SAVEPOINT, INSERT, RELEASE
        client.get(url)
    assert AccessLogEntry.objects.count() == rows + 2


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
