"""Monthly återkoppling per reporting organisation (casework.feedback): the
counts from constructed data, one outbox row per organisation and month
however often it runs, nothing before the first working day, no report text
in the mail, and the beat schedule entry."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from celery.schedules import crontab
from django.conf import settings
from django.core import mail

from casework import feedback
from casework.measures import measure_create
from casework.models import Report
from notifications.emails import build_message
from notifications.models import OutgoingEmail
from tests.factories.casework import make_report, triage

pytestmark = pytest.mark.django_db

SECRET = "Hemlig text om grannens bil"
# 2026-11-02 (Monday) is November's first working day; 07:00 UTC = 08:00 Stockholm.
SEND = datetime(2026, 11, 2, 7, 0, tzinfo=UTC)


def _report_at(moment, reporter, **kwargs):
    with time_machine.travel(moment, tick=False):
        return make_report(reporter, description=SECRET, days_ago=0, **kwargs)


@pytest.fixture
def october(est_people):
    """Police (with a contact address): in October two reports in one case
    with two measures, one set aside, one still
    open, one moved to the concern track; one in September, one on
    1 November just after midnight Stockholm time. Housing: reports but no
    contact address. Leisure: a contact address but no reports."""
    p = est_people
    p.police_org.contact_email = "kommunpolis@example.org"
    p.police_org.save()
    p.reporter.organisation.contact_email = "fritid@example.org"
    p.reporter.organisation.save()
    oct_ = datetime(2026, 10, 10, 9, 0, tzinfo=UTC)
    first = _report_at(oct_, p.police)
    second = _report_at(oct_, p.police_colleague)
    aside = _report_at(oct_, p.police)
    _report_at(oct_, p.police)  # still open
    moved = _report_at(oct_, p.police)
    # 23:30 on 31 October in Stockholm (CET) is still October
    _report_at(datetime(2026, 10, 31, 22, 30, tzinfo=UTC), p.police)
    # 00:30 on 1 November in Stockholm is November; 30 September is September
    _report_at(datetime(2026, 10, 31, 23, 30, tzinfo=UTC), p.police)
    _report_at(datetime(2026, 9, 30, 12, 0, tzinfo=UTC), p.police)
    _report_at(oct_, p.housing)
    case = triage(first, p.coordinator, action="open_case")
    triage(second, p.coordinator, action="add_to_case", case=case)
    triage(aside, p.coordinator, action="set_aside", reason="Dubblett")
    triage(moved, p.coordinator, action="move_to_concern_track")
    measure_create(actor=p.coordinator, title="Sanera klotter", owner_organisation=p.tsk_org,
                   cases=[case])
    measure_create(actor=p.coordinator, title="Skylt", owner_organisation=p.tsk_org,
                   cases=[case])
    # a case of September's report: its measure is not October's
    september = Report.objects.get(created_at__month=9)
    old_case = triage(september, p.coordinator, action="open_case")
    measure_create(actor=p.coordinator, title="Gammal", owner_organisation=p.tsk_org,
                   cases=[old_case])
    return p


def _run(today=date(2026, 11, 2), at=SEND):
    with time_machine.travel(at, tick=False):
        return feedback.organisation_feedback_enqueue(today=today)


def test_the_counts_follow_what_became_of_last_months_reports(
        october, django_assert_num_queries):
    # two queries, whatever the number of organisations and reports
    with django_assert_num_queries(2):
        counts = feedback.organisation_feedback_counts(start=date(2026, 10, 1),
                                                       end=date(2026, 11, 1))
    # police: five October reports (the moved one and 1 November left out),
    # two in one case, its two measures (each once, though two reports share
    # the case; not September's), one set aside, two open
    assert counts[october.police_org.pk] == {
        "sent": 5, "in_case": 2, "cases": 1, "measures": 2, "set_aside": 1,
        "still_open": 2}
    assert counts[october.housing_org.pk]["sent"] == 1
    assert october.reporter.organisation.pk not in counts


def test_one_mail_per_organisation_with_a_contact_and_reports(october):
    assert _run() == 1
    email = OutgoingEmail.objects.get(template="est_organisation_feedback")
    # to the police's contact, due at 08:00 Stockholm time on the first working day
    assert email.to_email == "kommunpolis@example.org" and email.due_at == SEND
    assert email.key == f"est-org-feedback-{october.police_org.pk}-2026-10"
    assert email.context["month"] == "oktober 2026" and email.context["sent"] == 5


def test_running_again_gives_no_second_mail(october):
    assert _run() == 1
    # the same day again, and later that week (a worker catching up): nothing new
    assert _run() == 0
    assert _run(today=date(2026, 11, 5), at=datetime(2026, 11, 5, 7, 0, tzinfo=UTC)) == 0
    assert OutgoingEmail.objects.filter(template="est_organisation_feedback").count() == 1


def test_nothing_is_planned_before_the_first_working_day(october):
    # 1 November 2026 is a Sunday
    assert _run(today=date(2026, 11, 1), at=datetime(2026, 11, 1, 7, 0, tzinfo=UTC)) == 0
    assert not OutgoingEmail.objects.filter(template="est_organisation_feedback").exists()
    # New Year's Day is a holiday: January 2027's first working day is the 4th
    assert feedback.first_working_day(2027, 1) == date(2027, 1, 4)


def test_the_mail_has_counts_and_a_link_but_no_report_text(october, settings):
    settings.SITE_URL = "https://tryggsam.example.org"
    _run()
    message = build_message(OutgoingEmail.objects.get(template="est_organisation_feedback"))
    html = message.alternatives[0][0]
    for part in (message.subject, message.body, html):
        # no description, place or reference of any report
        assert SECRET not in part and "Centrum" not in part
        for reference in Report.objects.values_list("reference", flat=True):
            assert reference not in part
    assert message.subject == ("Tryggsam: vad som hände med rapporterna från Polisen, "
                               "oktober 2026")
    assert "Skickade rapporter: 5" in message.body
    assert "Del av ett ärende: 2 (i 1 ärende)" in message.body
    assert "https://tryggsam.example.org/rapporter/mina/?organisation=1" in message.body
    assert 'href="https://tryggsam.example.org/rapporter/mina/?organisation=1"' in html
    assert not mail.outbox


def test_the_beat_runs_it_at_eight_on_the_first_days_of_the_month():
    entry = settings.CELERY_BEAT_SCHEDULE["organisation-feedback"]
    assert entry["task"] == "casework.tasks.organisation_feedback_enqueue"
    assert entry["schedule"] == crontab(hour=8, minute=0, day_of_month="1-7")
    assert settings.CELERY_TIMEZONE == "Europe/Stockholm"


def test_the_task_body_plans_through_the_service(october):
    from casework.tasks import organisation_feedback_enqueue

    with time_machine.travel(SEND, tick=False):
        assert organisation_feedback_enqueue() == 1
