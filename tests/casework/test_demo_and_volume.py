import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from casework.choices import CaseStatus, MeasureStatus, PictureStatus, ReportStatus
from casework.models import Case, Measure, Report, SituationPicture
from workflows.selectors import triage_tasks

pytestmark = pytest.mark.django_db


def test_seed_demo_gives_a_year_of_est_work_in_every_state():
    call_command("seed_demo", stdout=io.StringIO())
    # (the effect follow-up's demo reports, D-EFF-, are counted in tests/insights)
    reports = Report.objects.est().exclude(reference__startswith="D-EFF-")
    assert 195 <= reports.count() <= 210
    oldest = reports.order_by("occurred_on").first().occurred_on
    assert (timezone.localdate() - oldest).days > 300
    assert reports.values("locality").distinct().count() >= 8
    assert reports.values("category").distinct().count() == 9
    assert set(Case.objects.values_list("status", flat=True)) == set(CaseStatus.values)
    assert set(Measure.objects.values_list("status", flat=True)) == set(MeasureStatus.values)
    published = SituationPicture.objects.get(status=PictureStatus.PUBLISHED)
    assert published.analysis and published.measures.exists()
    # New reports wait in the inbox for the demo samordnare
    assert Report.objects.filter(status=ReportStatus.NEW).count() == triage_tasks().count() > 0


def test_load_volume_creates_reports_in_bulk():
    out = io.StringIO()
    call_command("load_volume", reports=2500, open_tasks=100, stdout=out)
    assert Report.objects.count() == 2500
    assert triage_tasks().count() == 100
    assert Report.objects.filter(status=ReportStatus.NEW).count() == 100
    # References are unique and do not collide with real ones
    assert Report.objects.filter(reference__startswith="L-").count() == 2500
    call_command("load_volume", reports=10, stdout=out)
    assert Report.objects.values("reference").distinct().count() == 2510
