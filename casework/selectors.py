"""Reads for EST. Every EST read starts from `Report.objects.est()` so a
report handed over to the concern track never shows in EST. The one exception
is its reporter (and, for partners, their organisation): "Mina rapporter", the
report page and the API show them the emptied row with the neutral status
"Överlämnad", never where it went."""

from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from accounts.roles import Role, has_role
from audit.models import AccessLogEntry
from audit.services import access_log_write
from core.access import allowed
from insights import statistics
from insights.periods import Period

from .choices import OPEN_MEASURE_STATUSES, PictureStatus, ReportStatus
from .models import Case, Measure, Report, SituationPicture
from .rules import measure_content_q


def is_est_staff(user) -> bool:
    return has_role(user, Role.COORDINATOR, Role.SECURITY_COORDINATOR)


def is_partner(user) -> bool:
    return has_role(user, Role.POLICE, Role.HOUSING)


# ---------------------------------------------------------------- reports

def report_visible_q(user) -> Q:
    """Which reports a user may read, as a filter (deny by default)."""
    if is_est_staff(user):
        return Q()
    q = Q(reporter_id=user.pk)
    if is_partner(user) and user.organisation_id:
        q |= Q(organisation_id=user.organisation_id)
    return q


def report_list_for_user(user, *, organisation: bool = False):
    """'Mina rapporter': own reports; partners may widen to their organisation's.
    Handed-over reports are listed with their neutral status (they hold no
    content any more)."""
    reports = Report.objects.select_related("locality", "category", "case")
    if organisation and is_partner(user) and user.organisation_id:
        return reports.filter(organisation_id=user.organisation_id)
    return reports.filter(reporter_id=user.pk)


def report_get_for_user(user, reference: str) -> Report:
    """The report, or 404 when it does not exist or is not the user's to see
    (the user must not learn whether it exists). A report handed over to the
    concern track is only its submitter's (emptied, neutral status) and the
    concern handlers' (the view sends them on to the concern)."""
    report = (Report.objects.filter(report_visible_q(user), reference=reference)
              .select_related("locality", "category", "case", "reporter", "organisation",
                              "source_group", "source_town_meeting__locality")
              .first())
    if report is None:
        raise Http404
    if report.status == ReportStatus.MOVED and not (
            is_submitter(user, report) or may_follow_handover(user)):
        raise Http404
    return report


def is_submitter(user, report: Report) -> bool:
    """Whether the user submitted the report, or (partners) their organisation did."""
    if report.reporter_id == user.pk:
        return True
    return bool(is_partner(user) and user.organisation_id
                and report.organisation_id == user.organisation_id)


def may_follow_handover(user) -> bool:
    """Concern handlers (coordinator, named deputy) may follow a handed-over
    report to its concern; the rule itself is the concerns app's."""
    from concerns.access import can_handle_concerns

    return can_handle_concerns(user)


def open_triage_task_id(report_id: int) -> int | None:
    """The report's open triage task (the report page links to it). Read over
    the triage process's foreign key to the report: casework sits below
    workflows in the layers and imports none of its modules."""
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    return (Task.objects.filter(process__reportprocess__report_id=report_id,
                                status__in=[STATUS.NEW, STATUS.ASSIGNED])
            .values_list("pk", flat=True).first())


# ---------------------------------------------------------------- cases

def case_list(*, status: str = ""):
    cases = Case.objects.select_related("locality", "category", "owner").annotate(
        report_count=Count("reports", filter=~Q(reports__status="moved")))
    if status:
        cases = cases.filter(status=status)
    return cases


def case_get_for_user(user, reference: str) -> Case:
    if not is_est_staff(user):
        raise Http404
    case = Case.objects.select_related("locality", "category", "owner").filter(
        reference=reference).first()
    if case is None:
        raise Http404
    return case


def open_cases():
    return Case.objects.exclude(status="closed").only("id", "reference", "title")


# ---------------------------------------------------------------- lägesbild

def picture_statistics(picture) -> dict:
    """Counts for the picture's period by locality and by category, with the
    previous period and the same period last year: the one statistics
    selector over the roll-up, the same figures the analytics page shows.
    Counts only, never report text."""
    return statistics.picture_figures(
        Period(picture.period_kind, picture.period_start, picture.period_end))


def picture_figures(picture) -> dict:
    """Frozen figures once published, live ones before."""
    if picture.status == PictureStatus.PUBLISHED and picture.summary:
        return picture.summary
    return picture_statistics(picture)


def picture_reporters(picture):
    """Everyone who reported in the period (EST reports only), with e-mail."""
    return (get_user_model().objects.filter(
        is_active=True,
        reports__in=Report.objects.est().filter(
            occurred_on__range=(picture.period_start, picture.period_end)))
        .exclude(email="").distinct().order_by("pk"))


def picture_list_for_user(user):
    pictures = SituationPicture.objects.all()
    if not (is_est_staff(user) or has_role(user, Role.PLANNING_CHIEF)):
        pictures = pictures.filter(status=PictureStatus.PUBLISHED)
    return pictures


# ---------------------------------------------------------------- measures

def measures_visible_to(user, measures=None):
    """`measures` (default: all) cut to those whose content `user` may see;
    None stands for a reader outside Tryggsam (documents, mail). Every list,
    count and export of measures starts here (casework.rules)."""
    measures = Measure.objects.all() if measures is None else measures
    return measures.filter(measure_content_q(user))


def measure_for_user(*, user, pk: int, request=None) -> Measure:
    """The measure if the user may see it, else 404. A sensitive group's
    measure is logged like other sensitive content: every read (with the
    basis: coordinator or group member) and every denied attempt, before
    anything is shown (fail closed: AuditUnavailable propagates)."""
    measure = (Measure.objects.select_related("owner_organisation", "owner", "situation_picture",
                                              "locality")
               .prefetch_related("categories").filter(pk=pk).first())
    if measure is None:
        raise Http404
    permitted = allowed(user, "casework.view_measure", measure)
    if measure.restricted_to_group_id is not None:
        Basis = AccessLogEntry.Basis
        basis = (Basis.NONE if not permitted else Basis.COORDINATOR
                 if has_role(user, Role.COORDINATOR) else Basis.GROUP_MEMBER)
        access_log_write(
            user=user, basis=basis, object_type="measure", object_id=measure.pk,
            object_reference=f"Å-{measure.pk}", request=request,
            action=AccessLogEntry.Action.READ if permitted else AccessLogEntry.Action.DENIED)
    if not permitted:
        raise Http404
    return measure


def measure_list(*, user, owner_id=None):
    """The measures `user` may see (only `owner_id`'s when given); the list's
    filters are casework.filters.MeasureFilter."""
    measures = measures_visible_to(user, Measure.objects.select_related(
        "owner_organisation", "owner", "situation_picture"))
    if owner_id:
        measures = measures.filter(owner_id=owner_id)
    return measures


def measure_is_overdue(measure, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return bool(measure.due_date and measure.due_date < today
                and measure.status in OPEN_MEASURE_STATUSES)


