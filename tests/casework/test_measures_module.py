"""casework.measures: the one place measures are made, the one reminder
planner (working days, Swedish holidays) and withdrawal on close, for every
source: a case, a lägesbild, a meeting decision, a walk place, a survey answer
and a medborgarlöfte commitment."""

import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from casework import measures, services
from casework.choices import MeasureStatus
from casework.models import Measure
from insights import services as insights
from insights.models import Survey, SurveyResult
from meetings import services as meetings
from notifications.emails import build_message
from notifications.models import OutgoingEmail
from notifications.sending import outbox_send_due
from tests.factories.casework import make_report

pytestmark = pytest.mark.django_db

STOCKHOLM = timezone.get_default_timezone()
# Easter 2027: långfredag 26 March, påskdagen 28, annandag påsk 29 (Monday).
BEFORE_EASTER = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
TUESDAY_AFTER_EASTER = date(2027, 3, 30)


def notices(owner):
    return OutgoingEmail.objects.filter(template="measure_notice", to_email=owner.email)


def measure_rows(measure, **filters):
    return OutgoingEmail.objects.filter(key__startswith=f"measure-{measure.pk}-", **filters)


def morning(day: date) -> datetime:
    return datetime.combine(day, time(8, 0), tzinfo=STOCKHOLM)


def decision_measure(owner, *, due_date, text="Se över belysningen"):
    from tests.meetings.conftest import make_series

    group = meetings.group_create(name="Trygghetsgruppen")
    meeting = make_series(group, starts_on=date(2027, 1, 1), ends_on=date(2027, 1, 31),
                          rrule="FREQ=MONTHLY;BYDAY=2TU").meetings.get()
    decision = meetings.decision_add(meeting=meeting, text=text, actor=owner, owner=owner,
                                     owner_organisation=owner.organisation, due_date=due_date)
    return decision


# ---------------------------------------------------------------- one place

def test_measures_are_created_in_the_measures_module_only():
    root = Path(settings.BASE_DIR)
    creation = re.compile(r"\bMeasure\.objects\.(create|get_or_create|bulk_create)\(|"
                          r"(?<!class )\bMeasure\(")
    found = []
    for path in root.rglob("*.py"):
        relative = path.relative_to(root)
        if relative.parts[0] in {".venv", "tests", "var", "bench"} or (
                "migrations" in relative.parts):
            continue
        if creation.search(path.read_text(encoding="utf-8")):
            found.append(str(relative))
    assert found == ["casework/measures/creation.py"]


def test_every_source_creates_through_the_module_and_tells_the_owner_once(est_people):
    owner = est_people.housing
    org = est_people.housing_org
    due = timezone.localdate() + timedelta(days=60)
    report = make_report(est_people.reporter)
    case = services.case_open_from_report(report=report, actor=est_people.coordinator)
    made = {"case": measures.measure_create(actor=est_people.coordinator, title="Belysning",
                                            owner_organisation=org, owner=owner, due_date=due,
                                            cases=[case])}

    picture = services.picture_create(actor=est_people.coordinator, period_kind="month",
                                      period_start=date(2026, 11, 1))
    picture = services.picture_record_analysis(
        picture=picture, actor=est_people.planning, version=picture.version,
        analysis="Klotter ökar.",
        proposed_measures=[{"title": "Klotterplan", "term": "short", "owner_organisation": org}])
    proposed = picture.measures.get()
    # a proposal has no owner yet: whoever is made responsible hears of it then
    assert not measure_rows(proposed).exists()
    made["lägesbild"] = measures.measure_update(measure=proposed, actor=est_people.coordinator,
                                                version=proposed.version, owner=owner,
                                                due_date=due)

    made["meeting decision"] = decision_measure(owner, due_date=due).measure

    walk = insights.walk_create(locality=case.locality, date=date(2026, 11, 10),
                                meeting_point="Torget")
    place = insights.walk_place_add(walk=walk, locality=case.locality, location="Tunneln",
                                    category="lighting", description="Mörkt")
    made["walk place"] = insights.walk_place_to_measure(
        place=place, title="Byt armaturer", owner_organisation=org, owner=owner, due_date=due)

    survey = Survey.objects.create(year=2026, title="Trygghetsenkät 2026")
    wish = SurveyResult.objects.create(survey=survey, question="Vad önskar du?",
                                       option="Mer belysning")
    made["survey answer"] = insights.survey_result_to_measure(
        result=wish, title="Belysningsplan", owner_organisation=org, owner=owner, due_date=due)

    promise = insights.promise_create(title="Medborgarlöfte 2027", locality=case.locality,
                                      period_start=date(2027, 1, 1),
                                      period_end=date(2027, 12, 31))
    made["promise"] = insights.promise_commitment_add(
        promise=promise, title="Fler vuxna ute", owner_organisation=org, owner=owner,
        follow_up_on=due)

    assert list(made["case"].cases.all()) == [case]
    assert made["lägesbild"].situation_picture == picture
    assert made["meeting decision"].meeting_decision.measure == made["meeting decision"]
    assert made["walk place"].source == place
    assert made["survey answer"].source == wish
    assert made["promise"].source == promise
    for source, measure in made.items():
        notice = measure_rows(measure, template="measure_notice")
        assert notice.count() == 1, source
        assert notice.get().to_email == owner.email
        assert notice.get().context["url"] == reverse("casework:measure-detail",
                                                      args=[measure.pk])
        # and the same two reminders, whatever the source
        assert set(measure_rows(measure).exclude(template="measure_notice")
                   .values_list("template", flat=True)) == {"est_measure_due",
                                                            "est_measure_overdue"}, source
    assert notices(owner).count() == len(made)


def test_a_measure_from_the_new_measure_page_tells_its_owner(client, est_people):
    client.force_login(est_people.coordinator)
    response = client.post(reverse("casework:measure-create"), {
        "title": "Ny belysning", "term": "short",
        "owner_organisation": est_people.housing_org.pk, "owner": est_people.housing.pk,
        "status": MeasureStatus.DECIDED})
    assert response.status_code == 302
    measure = Measure.objects.get()
    assert list(notices(est_people.housing).values_list("key", flat=True)) == [
        f"measure-{measure.pk}-assigned-u{est_people.housing.pk}"]
    message = build_message(notices(est_people.housing).get())
    assert message.subject == f"Tryggsam: du är ansvarig för åtgärd Å-{measure.pk}"
    assert f"Du är ansvarig för åtgärden Å-{measure.pk}." in message.body
    assert "Ny belysning" in message.body  # an ordinary measure's title, not its text


def test_a_restricted_measure_is_named_by_number_only_in_the_notice(est_people):
    owner = est_people.coordinator  # the coordinator may see a sensitive group's measure
    group = meetings.group_create(name="Lägesbild (prov)", chair=owner, handles_sensitive=True)
    measure = measures.measure_create(actor=owner, title="Hemlig insats",
                                      owner_organisation=est_people.tsk_org, owner=owner,
                                      restricted_to_group=group)
    notice = notices(owner).get()
    assert notice.context["title"] == f"Å-{measure.pk}"
    assert "Hemlig" not in build_message(notice).message().as_string()


# ---------------------------------------------------------------- working days

def test_a_reminder_is_planned_three_working_days_before_over_easter(est_people):
    with time_machine.travel(BEFORE_EASTER, tick=False):
        measure = measures.measure_create(
            actor=est_people.coordinator, title="Påskbelysning",
            owner_organisation=est_people.housing_org, owner=est_people.housing,
            due_date=TUESDAY_AFTER_EASTER, status=MeasureStatus.DECIDED)
    # Annandag påsk and långfredag are no working days: Thursday 25, Wednesday
    # 24, Tuesday 23; the overdue note on Wednesday 31.
    assert measures.reminder_day(TUESDAY_AFTER_EASTER) == date(2027, 3, 23)
    assert measures.reminder_day(date(2027, 3, 29)) == date(2027, 3, 23)
    due = measure_rows(measure, template="est_measure_due").get()
    overdue = measure_rows(measure, template="est_measure_overdue").get()
    assert due.due_at == morning(date(2027, 3, 23))
    assert overdue.due_at == morning(date(2027, 3, 31))
    assert due.context == {"reference": f"Å-{measure.pk}", "due_date": "2027-03-30",
                           "url": reverse("casework:measure-detail", args=[measure.pk])}
    # the daily run agrees: not yet on Monday 22, on Tuesday 23, nothing new
    with time_machine.travel(datetime(2027, 3, 22, 5, 30, tzinfo=UTC), tick=False):
        assert measures.measure_reminders_enqueue() == 0
    with time_machine.travel(datetime(2027, 3, 23, 5, 30, tzinfo=UTC), tick=False):
        assert measures.measure_reminders_enqueue() == 1
    assert measure_rows(measure).count() == 3  # notice, due, overdue


def test_a_measure_made_after_its_reminder_day_is_reminded_on_the_next_working_day(
        est_people):
    # Saturday 27 March (Easter weekend), due Tuesday 30: the reminder day has
    # passed; the reminder waits for Tuesday morning, not the holiday Monday.
    with time_machine.travel(datetime(2027, 3, 27, 10, 0, tzinfo=UTC), tick=False):
        measure = measures.measure_create(
            actor=est_people.coordinator, title="Sent beslut",
            owner_organisation=est_people.housing_org, owner=est_people.housing,
            due_date=TUESDAY_AFTER_EASTER, status=MeasureStatus.DECIDED)
    assert measure_rows(measure, template="est_measure_due").get().due_at == morning(
        TUESDAY_AFTER_EASTER)


def test_moving_the_due_date_or_the_owner_replans_the_reminders(est_people):
    with time_machine.travel(BEFORE_EASTER, tick=False):
        measure = measures.measure_create(
            actor=est_people.coordinator, title="Flyttas",
            owner_organisation=est_people.housing_org, owner=est_people.housing,
            due_date=TUESDAY_AFTER_EASTER, status=MeasureStatus.DECIDED)
        measure = measures.measure_update(measure=measure, actor=est_people.coordinator,
                                          version=measure.version, due_date=date(2027, 4, 16))
        pending = measure_rows(measure, status="pending").exclude(template="measure_notice")
        assert sorted(pending.values_list("due_at", flat=True)) == [
            morning(date(2027, 4, 13)), morning(date(2027, 4, 19))]
        measures.measure_update(measure=measure, actor=est_people.coordinator,
                                version=measure.version, owner=est_people.police)
    assert set(pending.values_list("to_email", flat=True)) == {est_people.police.email}
    assert notices(est_people.police).count() == 1
    assert not measure_rows(measure, status="pending", to_email=est_people.housing.email,
                            template__startswith="est_measure").exists()


# ---------------------------------------------------------------- closing

def test_a_closed_meeting_measure_is_never_reminded(make_user, smtp_server):
    from tests.factories import OrganisationFactory

    owner = make_user("agaren", organisation=OrganisationFactory(name="Gatukontoret"))
    with time_machine.travel(BEFORE_EASTER, tick=False):
        measure = decision_measure(owner, due_date=TUESDAY_AFTER_EASTER).measure
        outbox_send_due()
    to_owner = [m for m in smtp_server.messages if owner.email in m["To"]]
    assert len(to_owner) == 1  # the notice, sent at once
    measures.measure_follow_up_add(measure=measure, actor=owner, note="Inställd.",
                                   status_after=MeasureStatus.CANCELLED)
    assert not measure_rows(measure, status="pending").exists()
    # reminder day, due date and after: the daily run and the sender run
    for day in (date(2027, 3, 23), TUESDAY_AFTER_EASTER, date(2027, 3, 31), date(2027, 4, 5)):
        with time_machine.travel(datetime.combine(day, time(12, 0), tzinfo=UTC), tick=False):
            measures.measure_reminders_enqueue()
            outbox_send_due()
    assert [m for m in smtp_server.messages if owner.email in m["To"]] == to_owner
    assert not OutgoingEmail.objects.filter(to_email=owner.email, status="pending").exists()


def test_a_reminder_is_sent_once_however_often_it_is_planned(est_people, smtp_server):
    owner = est_people.housing
    with time_machine.travel(BEFORE_EASTER, tick=False):
        measure = measures.measure_create(
            actor=est_people.coordinator, title="En gång", due_date=TUESDAY_AFTER_EASTER,
            owner_organisation=est_people.housing_org, owner=owner,
            status=MeasureStatus.DECIDED)
    for hour in (5, 8, 12):
        with time_machine.travel(datetime(2027, 3, 23, hour, 0, tzinfo=UTC), tick=False):
            measures.measure_reminders_enqueue()
            measure = measures.measure_update(measure=measure, actor=owner,
                                              version=measure.version,
                                              status=MeasureStatus.IN_PROGRESS)
            outbox_send_due()
    subjects = [m["Subject"].strip() for m in smtp_server.messages if owner.email in m["To"]]
    assert subjects.count(f"Tryggsam: åtgärd Å-{measure.pk} ska vara klar 2027-03-30") == 1
    assert len(subjects) == 2  # the notice and the reminder
    assert len(set(smtp_server.message_ids())) == len(smtp_server.messages)


def _admin_form_data(page, **changes):
    """The change form's own values (as the browser would post them)."""
    data = {}
    form = page.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        data[name] = "" if value is None else value
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
    data.update(changes)
    return data


def test_done_in_the_admin_withdraws_the_reminders(client, est_people, make_user):
    from accounts.roles import Role

    measure = measures.measure_create(
        actor=est_people.coordinator, title="Adminstängd",
        owner_organisation=est_people.housing_org, owner=est_people.housing,
        due_date=timezone.localdate() + timedelta(days=30), status=MeasureStatus.DECIDED)
    assert measure_rows(measure, status="pending").count() == 3
    client.force_login(make_user("super-samordnare", is_staff=True, is_superuser=True,
                                 roles=[Role.COORDINATOR]))
    url = reverse("admin:casework_measure_change", args=[measure.pk])
    response = client.post(url, _admin_form_data(client.get(url), status=MeasureStatus.DONE))
    assert response.status_code == 302
    assert Measure.objects.get(pk=measure.pk).status == MeasureStatus.DONE
    assert not measure_rows(measure, status="pending").exists()
