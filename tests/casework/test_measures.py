from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from casework import services
from casework.choices import MeasureStatus
from casework.models import Measure
from notifications.models import OutgoingEmail
from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def make_measure(people, **kwargs):
    return MeasureFactory(**{"actor": people.coordinator, "title": "Ny belysning",
                             "owner": people.housing, **kwargs})


def form(measure, **overrides):
    data = {"title": measure.title, "description": "", "term": measure.term,
            "owner_organisation": measure.owner_organisation_id,
            "owner": measure.owner_id or "", "due_date": measure.due_date.isoformat(),
            "status": measure.status, "version": measure.version,
            # today + 30 may be a holiday: keeping the date as it is, knowingly
            "confirm_holiday": "on"}
    data.update(overrides)
    return data


def test_editing_a_measure_someone_else_changed_gives_a_conflict(client, est_people):
    measure = make_measure(est_people)
    loaded = form(measure)
    # The owner saves first …
    client.force_login(est_people.housing)
    assert client.post(reverse("casework:measure-edit", args=[measure.pk]),
                       form(measure, status=MeasureStatus.IN_PROGRESS)).status_code == 302
    # … then the coordinator saves the version loaded before: conflict, no overwrite
    client.force_login(est_people.coordinator)
    response = client.post(reverse("casework:measure-edit", args=[measure.pk]),
                           {**loaded, "title": "Min ändring"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "Någon annan ändrade åtgärden" in body
    assert "Min ändring" in body  # the user's input is kept
    measure.refresh_from_db()
    assert measure.title == "Ny belysning"
    assert measure.status == MeasureStatus.IN_PROGRESS


def test_follow_up_moves_the_status_and_is_listed(client, est_people):
    measure = make_measure(est_people)
    client.force_login(est_people.housing)
    client.post(reverse("casework:measure-detail", args=[measure.pk]),
                {"note": "Lamporna monterade.", "status_after": MeasureStatus.DONE})
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.DONE and measure.completed_at
    assert "Lamporna monterade." in client.get(
        reverse("casework:measure-detail", args=[measure.pk])).content.decode()


def test_the_list_filters_and_shows_overdue(client, est_people):
    late = make_measure(est_people, title="Sen åtgärd",
                        due_date=timezone.localdate() - timedelta(days=3))
    make_measure(est_people, title="Klar åtgärd", done=True,
                 due_date=timezone.localdate() - timedelta(days=3))
    make_measure(est_people, title="Polisåtgärd", owner_organisation=est_people.police_org,
                 owner=est_people.police)
    client.force_login(est_people.management)
    overdue = client.get(reverse("casework:measure-list") + "?forsenade=1").content.decode()
    assert late.title in overdue and "Klar åtgärd" not in overdue
    assert "Polisåtgärd" not in overdue
    by_org = client.get(reverse("casework:measure-list") +
                        f"?organisation={est_people.police_org.pk}").content.decode()
    assert "Polisåtgärd" in by_org and "Sen åtgärd" not in by_org
    done = client.get(reverse("casework:measure-list") + "?status=done").content.decode()
    assert "Klar åtgärd" in done and "Polisåtgärd" not in done


def test_bad_filter_values_are_named_in_swedish_and_left_out(client, est_people):
    late = make_measure(est_people, title="Sen åtgärd",
                        due_date=timezone.localdate() - timedelta(days=3))
    make_measure(est_people, title="Ny belysning")
    client.force_login(est_people.management)
    response = client.get(reverse("casework:measure-list"),
                          {"status": "nonsense", "organisation": "abc", "forsenade": "1"})
    body = response.content.decode()
    # the list, not a 500: the bad filters are named and left out, the good one applies
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ. nonsense finns inte bland tillgängliga" in body
    assert late.title in body and "Ny belysning" not in body
    # the pager's links keep the filter that applied, not the bad ones
    assert response.context["query"] == "forsenade=1"


def test_the_measure_list_query_count_is_flat(client, est_people, django_assert_max_num_queries):
    for i in range(30):
        make_measure(est_people, title=f"Åtgärd {i}")
    client.force_login(est_people.coordinator)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("casework:measure-list")).status_code == 200


def test_reminders_before_due_and_when_overdue_on_working_days(est_people):
    # Due Monday 2026-12-28. Julafton, juldagen and annandag jul are not working
    # days, so "three working days before" is Monday 21 (22, 23, 28), not Wednesday.
    measure = make_measure(est_people, due_date=date(2026, 12, 28))
    with time_machine.travel(date(2026, 12, 18), tick=False):
        assert services.measure_reminders_enqueue() == 0  # 21, 22, 23: not yet
    with time_machine.travel(date(2026, 12, 21), tick=False):
        assert services.measure_reminders_enqueue() == 1
        services.measure_reminders_enqueue()  # re-run: nothing new
    due = OutgoingEmail.objects.get(template="est_measure_due")
    assert due.to_email == est_people.housing.email
    with time_machine.travel(date(2026, 12, 26), tick=False):  # Saturday: no mail
        assert services.measure_reminders_enqueue() == 0
    with time_machine.travel(date(2026, 12, 29), tick=False):
        services.measure_reminders_enqueue()
    assert OutgoingEmail.objects.filter(template="est_measure_overdue").count() == 1
    # Done measures get no more reminders; pending ones are withdrawn
    services.measure_follow_up_add(measure=measure, actor=est_people.housing, note="Klart.",
                                   status_after=MeasureStatus.DONE)
    assert not OutgoingEmail.objects.filter(status="pending",
                                            key__startswith=f"measure-{measure.pk}-").exists()


def test_the_daily_task_calls_the_service(est_people):
    from casework.tasks import measure_reminders_enqueue

    make_measure(est_people, due_date=date(2026, 12, 18))
    with time_machine.travel(date(2026, 12, 21), tick=False):  # a Monday
        assert measure_reminders_enqueue() == 1
    with time_machine.travel(date(2026, 12, 24), tick=False):  # julafton
        assert measure_reminders_enqueue() == 0
    assert Measure.objects.count() == 1
