"""Before/after for concerns/migrations/0003: a report handed over the old way
(content left on the report, concern empty) gets its content moved."""

import importlib

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile

from casework.models import Report, ReportAttachment
from concerns import services
from core.uploads import PHOTO_OR_PDF, check_upload
from tests.factories.casework import make_report

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
migration = importlib.import_module("concerns.migrations.0003_content_of_earlier_handovers")


def _old_style_handover(est_people):
    upload = SimpleUploadedFile("a.pdf", PDF)
    report = make_report(est_people.police, description="Gammal text om en person",
                         urgency="urgent", place="Torget", attachments=[check_upload(
                             upload, accept=PHOTO_OR_PDF)])
    Report.objects.filter(pk=report.pk).update(status="moved")
    concern = services.concern_create_from_est_report(
        actor=est_people.coordinator, report_id=report.pk, report_reference="", data={})
    return report, concern


def test_the_content_moves_to_the_concern_and_the_report_is_emptied(est_people):
    report, concern = _old_style_handover(est_people)
    stored = report.attachments.get().file.name
    # Before: the text is on the report, the concern is empty.
    assert concern.indicators == "" and Report.objects.get(pk=report.pk).description
    migration.move_earlier_handovers(apps, None)
    concern.refresh_from_db()
    report.refresh_from_db()
    # After: the concern holds it, the report holds nothing.
    assert concern.indicators == "Gammal text om en person"
    assert concern.urgency == "high" and concern.place == "Tranemo, Torget"
    assert concern.est_report_reference == report.reference
    assert concern.attachments.get().file.name == stored
    assert report.description == "" and report.place == "" and report.category_id is None
    assert report.handed_over_at is not None
    assert not ReportAttachment.objects.filter(report=report).exists()
    # Running it again changes nothing.
    migration.move_earlier_handovers(apps, None)
    assert concern.attachments.count() == 1


def test_what_the_coordinator_recorded_is_kept(est_people):
    report, concern = _old_style_handover(est_people)
    services.concern_update(actor=est_people.coordinator, concern_id=concern.pk,
                            data={"indicators": "Samordnarens egen text"})
    migration.move_earlier_handovers(apps, None)
    concern.refresh_from_db()
    assert concern.indicators == "Samordnarens egen text"
    assert Report.objects.get(pk=report.pk).description == ""
