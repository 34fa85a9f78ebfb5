"""The safety net for the lägesbild document: when the after-commit task is
lost (broker down at publishing), the periodic sweep stores it and queues
management's mail, once."""

import pytest
from django.conf import settings
from django.utils import timezone

from casework import services
from casework.choices import PictureStatus
from casework.models import SituationPicture
from casework.tasks import picture_documents_sweep
from notifications.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def _published_without_document(est_people, django_capture_on_commit_callbacks):
    picture = services.picture_create(actor=est_people.coordinator, period_kind="month",
                                      period_start=timezone.localdate())
    picture = services.picture_record_analysis(picture=picture, actor=est_people.planning,
                                               version=picture.version, analysis="Lugnt.")
    # The after-commit task is never run: as if the broker had been down.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.picture_publish(picture=picture, actor=est_people.coordinator,
                                 version=picture.version)
    assert callbacks
    picture.refresh_from_db()
    assert picture.status == PictureStatus.PUBLISHED and not picture.document
    return picture


def test_the_sweep_stores_a_lost_document_once(est_people, django_capture_on_commit_callbacks,
                                               django_assert_max_num_queries):
    picture = _published_without_document(est_people, django_capture_on_commit_callbacks)
    draft = services.picture_create(actor=est_people.coordinator, period_kind="week",
                                    period_start=timezone.localdate())
    assert not OutgoingEmail.objects.filter(template="est_picture_management").exists()

    assert picture_documents_sweep() == 1
    picture.refresh_from_db()
    assert picture.document
    management = OutgoingEmail.objects.filter(template="est_picture_management")
    assert [row.to_email for row in management] == [est_people.management.email]
    assert management[0].attachments[0]["stored_name"] == picture.document.name
    # A draft has no document to store.
    assert not SituationPicture.objects.get(pk=draft.pk).document

    # Again: nothing left to do, one query to find that out, nothing sent twice.
    count = OutgoingEmail.objects.count()
    with django_assert_max_num_queries(1):
        assert picture_documents_sweep() == 0
    assert OutgoingEmail.objects.count() == count


def test_the_sweep_runs_on_the_beat():
    entries = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "casework.tasks.picture_documents_sweep" in entries
