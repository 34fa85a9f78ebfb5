"""Gallring covers every kind of personal data: for each kind, data created
long ago is gone after `gallra`, recent data stays; `--dry-run` prints a count
per kind (Swedish) and deletes nothing. Real PostgreSQL, real files."""

from datetime import date

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from viewflow.workflow.models import Process, Task

from casework import services as casework
from casework.models import Locality, Report, ReportAttachment
from concerns import services as concerns
from concerns.models import Concern, ConcernAttachment
from core.uploads import PHOTO, PHOTO_OR_PDF, check_upload
from insights import services as insights
from insights.models import WalkPlace
from notifications.models import OutgoingEmail
from notifications.services import email_enqueue
from tests.factories.casework import make_report, triage
from tests.support.images import image_bytes

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LONG_AGO = date(2022, 3, 7)  # a Monday, past every default retention period


def _pdf():
    return [check_upload(SimpleUploadedFile("bild.pdf", PDF), accept=PHOTO_OR_PDF)]


def _handed_over(est_people, description):
    report = make_report(est_people.police, description=description, attachments=_pdf())
    triage(report, est_people.coordinator, action="move_to_concern_track")
    return report


def _closed_case_report(est_people):
    report = make_report(est_people.police, attachments=_pdf())
    case = triage(report, est_people.coordinator)
    casework.case_close(case=case, outcome="Åtgärdat.", actor=est_people.coordinator)
    return report


def _walk_place(est_people, walk_day):
    locality = Locality.objects.get(name="Tranemo")
    walk = insights.walk_create(locality=locality, date=walk_day, meeting_point="Torget")
    photo = check_upload(SimpleUploadedFile("foto.png", image_bytes("PNG")), accept=PHOTO)
    return insights.walk_place_add(walk=walk, locality=locality, location="Parken",
                                   category="lighting", description="Mörkt", photo=photo)


def _closed_concern(coordinator):
    concern = concerns.concern_create_from_est_report(
        actor=coordinator, report_id=10**9 + Concern.objects.count(),
        report_reference="R-2022-00001", data={"indicators": "Personlig text"})
    concerns.concern_triage(actor=coordinator, concern_id=concern.pk, data={})
    referral = concerns.referral_send(actor=coordinator, concern_id=concern.pk,
                                      kind="support", receiver_user=coordinator,
                                      message="Behöver stöd")
    ConcernAttachment.objects.create(concern=concern, file=default_storage.save(
        "concerns/test.pdf", ContentFile(PDF)), filename="a.pdf", mimetype="application/pdf",
        size=len(PDF))
    concerns.concern_close(actor=coordinator, concern_id=concern.pk, outcome="support")
    return concern, referral


@pytest.fixture
def old_and_new(est_people, settings, tmp_path):
    """Every kind twice: once created long ago, once now."""
    settings.MEDIA_ROOT = str(tmp_path)
    from accounts.roles import Role
    from tests.factories.accounts import UserFactory

    coordinator = UserFactory(username="g_samordnare", email="g@example.org",
                              roles=[Role.COORDINATOR])
    data = {}
    with time_machine.travel(LONG_AGO, tick=False):
        data["old_moved"] = _handed_over(est_people, "Gammal hemlig text")
        data["old_case_report"] = _closed_case_report(est_people)
        data["old_place"] = _walk_place(est_people, LONG_AGO)
        data["old_concern"], data["old_referral"] = _closed_concern(coordinator)
        data["old_mail"] = email_enqueue(key="concern-old-mail", to="a@example.org",
                                         template="concern_referral_answered",
                                         context={"reference": "O-2022-0001", "url": "/oro/1/"})
        OutgoingEmail.objects.filter(pk=data["old_mail"].pk).update(
            status=OutgoingEmail.Status.SENT, sent_at=timezone.now())
        data["old_est_mail"] = email_enqueue(key="est-old-mail", to="a@example.org",
                                             template="est_report_feedback", context={})
    data["new_moved"] = _handed_over(est_people, "Ny hemlig text")
    data["new_case_report"] = _closed_case_report(est_people)
    data["new_place"] = _walk_place(est_people, timezone.localdate())
    data["new_mail"] = email_enqueue(key="concern-new-mail", to="a@example.org",
                                     template="concern_referral_answered", context={})
    OutgoingEmail.objects.filter(pk=data["new_mail"].pk).update(status="sent")
    return data


def _counts():
    return {
        "moved reports": Report.objects.filter(status="moved").count(),
        "report attachments": ReportAttachment.objects.count(),
        "walk photos": WalkPlace.objects.exclude(photo="").count(),
        "concern mails": OutgoingEmail.objects.filter(template__startswith="concern_").count(),
        "processes": Process.objects.count(),
        "tasks": Task.objects.count(),
        "purged concerns": Concern.objects.filter(purged_at__isnull=False).count(),
    }


def test_dry_run_counts_each_kind_and_deletes_nothing(old_and_new, capsys):
    before = _counts()
    call_command("gallra", "--dry-run")
    out = capsys.readouterr().out
    # One Swedish line per kind, with its count.
    assert "Rester av rapporter överlämnade till spåret för oro-ärenden: 1 skulle gallras" in out
    assert "Bilagor till rapporter: 1 skulle gallras" in out
    assert "Foton från trygghetsvandringar: 1 skulle gallras" in out
    assert "Oro-ärenden vars gallringsdatum har passerat: 1 skulle gallras" in out
    assert old_and_new["old_concern"].reference in out
    assert "E-post om oro-ärenden och remisser:" in out
    assert "Avslutade arbetsflöden och deras uppgifter:" in out
    assert "Inget ändrades." in out
    assert "Gammal hemlig text" not in out
    assert _counts() == before


def test_gallra_disposes_of_old_data_of_every_kind_and_keeps_recent(old_and_new, capsys):
    data = old_and_new
    old_concern_file = data["old_concern"].attachments.get().file.name
    old_report_file = data["old_case_report"].attachments.get().file.name
    new_report_file = data["new_case_report"].attachments.get().file.name
    old_photo = data["old_place"].photo.name
    old_processes = set(Process.objects.filter(finished__date__lt=date(2023, 1, 1))
                        .values_list("pk", flat=True))
    assert old_processes  # the old triages and the old concern ended in 2022
    _run_gallra_with_commit_hooks()
    out = capsys.readouterr().out
    assert "gallrade" in out

    # Moved-report remnant: the old row is gone, the new one stays.
    assert not Report.objects.filter(pk=data["old_moved"].pk).exists()
    assert Report.objects.filter(pk=data["new_moved"].pk).exists()
    # Report attachments: old case's rows and files gone, the recent ones kept.
    assert not ReportAttachment.objects.filter(report=data["old_case_report"]).exists()
    assert not default_storage.exists(old_report_file)
    assert ReportAttachment.objects.filter(report=data["new_case_report"]).exists()
    assert default_storage.exists(new_report_file)
    # Walk photos: the old one deleted (file too), the place's text stays.
    old_place = WalkPlace.objects.get(pk=data["old_place"].pk)
    assert old_place.photo.name == "" and old_place.description == "Mörkt"
    assert not default_storage.exists(old_photo)
    assert WalkPlace.objects.get(pk=data["new_place"].pk).photo.name
    # The concern: personal fields, attachments and every mail about its referral.
    concern = Concern.objects.get(pk=data["old_concern"].pk)
    assert concern.purged_at and concern.indicators == "" and concern.place == ""
    assert not concern.attachments.exists() and not default_storage.exists(old_concern_file)
    assert not OutgoingEmail.objects.filter(
        key__startswith=f"concern-referral-{data['old_referral'].pk}-").exists()
    # Mails about concerns: the old sent one gone, the recent one and EST mail kept.
    assert not OutgoingEmail.objects.filter(pk=data["old_mail"].pk).exists()
    assert OutgoingEmail.objects.filter(pk=data["new_mail"].pk).exists()
    assert OutgoingEmail.objects.filter(pk=data["old_est_mail"].pk).exists()
    # Workflow data: the processes that ended in 2022 are gone with their tasks;
    # the recent ones stay.
    assert not Process.objects.filter(pk__in=old_processes).exists()
    assert not Task.objects.filter(process_id__in=old_processes).exists()
    assert Process.objects.filter(
        reportprocess__report_id=data["new_case_report"].pk).exists()
    # A second run finds nothing more.
    assert all(count == 0 for count in _dry_run_counts().values())


def _run_gallra_with_commit_hooks():
    """Files are deleted after commit; the test's transaction never commits,
    so run the captured callbacks as a commit would."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("gallra")


def _dry_run_counts():
    from core import retention

    return {kind.key: count for kind, count in retention.gallra_all(
        today=timezone.localdate(), dry_run=True)}


def test_a_bad_date_is_a_clear_error():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="Ogiltigt datum"):
        call_command("gallra", "--date", "2026-02-30")


def test_retention_periods_are_settings(settings, old_and_new):
    """A longer period keeps what the default would dispose of."""
    settings.MOVED_REPORT_RETENTION_DAYS = 365 * 20
    settings.WALK_PHOTO_RETENTION_DAYS = 365 * 20
    counts = _dry_run_counts()
    assert counts["moved-reports"] == 0 and counts["walk-photos"] == 0
    settings.MOVED_REPORT_RETENTION_DAYS = 1
    assert _dry_run_counts()["moved-reports"] == 1
