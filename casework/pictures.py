"""The lägesbild (situation picture): its period, notes, the joint analysis
with the measures it proposes, and publishing with återkoppling through the
outbox (keyed, so a re-run sends nothing twice)."""

import base64
import calendar
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role
from notifications.services import email_enqueue

from .choices import MeasureStatus, PeriodKind, PictureStatus
from .errors import ConflictError, ServiceError
from .measures import measure_create
from .models import SituationPicture


def period_bounds(kind: str, start: date, end: date | None = None) -> tuple[date, date]:
    """The period containing `start`: a week from Monday, a calendar month, a
    tertial (Jan–Apr, May–Aug, Sep–Dec), a year; custom needs its end."""
    if kind == PeriodKind.WEEK:
        first = start - timedelta(days=start.weekday())
        return first, first + timedelta(days=6)
    if kind == PeriodKind.MONTH:
        return start.replace(day=1), start.replace(
            day=calendar.monthrange(start.year, start.month)[1])
    if kind == PeriodKind.TERTIAL:
        first_month = ((start.month - 1) // 4) * 4 + 1
        last_month = first_month + 3
        return (date(start.year, first_month, 1),
                date(start.year, last_month, calendar.monthrange(start.year, last_month)[1]))
    if kind == PeriodKind.YEAR:
        return date(start.year, 1, 1), date(start.year, 12, 31)
    if end is None or end < start:
        raise ServiceError(_("The period must end on or after its first day."))
    return start, end


def picture_create(*, actor, period_kind: str, period_start: date,
                   period_end: date | None = None, title: str = "") -> SituationPicture:
    first, last = period_bounds(period_kind, period_start, period_end)
    if not title:
        title = _("Situation picture %(start)s – %(end)s") % {
            "start": first.isoformat(), "end": last.isoformat()}
    with transaction.atomic():
        return SituationPicture.objects.create(
            title=title[:200], period_kind=period_kind, period_start=first, period_end=last,
            created_by=actor,
        )


def _lock_picture(picture: SituationPicture, version: int | None) -> SituationPicture:
    locked = SituationPicture.objects.select_for_update().get(pk=picture.pk)
    if version is not None and locked.version != version:
        raise ConflictError(_("Someone else changed this situation picture while you were "
                              "editing it. Reload the page and make your change again."))
    return locked


def picture_update(*, picture: SituationPicture, actor, version: int | None,
                   highlights: str, notes: str) -> SituationPicture:
    with transaction.atomic():
        picture = _lock_picture(picture, version)
        if picture.status == PictureStatus.PUBLISHED:
            raise ServiceError(_("A published situation picture cannot be changed."))
        picture.highlights = highlights
        picture.notes = notes
        picture.version += 1
        picture.save(update_fields=["highlights", "notes", "version"])
    return picture


def picture_record_analysis(*, picture: SituationPicture, actor, version: int | None,
                            analysis: str, proposed_measures: list[dict] = ()
                            ) -> SituationPicture:
    """The joint analysis (planning chief and steering group) and the measures
    it proposes (short and long term). Each measure dict: title, term,
    owner_organisation."""
    if not analysis.strip():
        raise ServiceError(_("Write the joint analysis."))
    with transaction.atomic():
        picture = _lock_picture(picture, version)
        if picture.status == PictureStatus.PUBLISHED:
            raise ServiceError(_("A published situation picture cannot be changed."))
        picture.analysis = analysis.strip()
        picture.status = PictureStatus.ANALYSED
        picture.analysed_at = timezone.now()
        picture.version += 1
        picture.save(update_fields=["analysis", "status", "analysed_at", "version"])
        for item in proposed_measures:
            measure_create(actor=actor, title=item["title"], term=item["term"],
                           owner_organisation=item["owner_organisation"],
                           situation_picture=picture, status=MeasureStatus.PROPOSED)
    return picture


def picture_publish(*, picture: SituationPicture, actor, version: int | None
                    ) -> SituationPicture:
    """Publish: freeze the figures, send återkoppling. Each reporter of the
    period gets a summary e-mail with a link; management gets the report as
    PDF. All through the outbox, keyed so a re-run sends nothing twice."""
    from .pdf import picture_pdf
    from .selectors import picture_reporters, picture_statistics

    with transaction.atomic():
        picture = _lock_picture(picture, version)
        if picture.status != PictureStatus.ANALYSED:
            raise ServiceError(_("Record the joint analysis before publishing."))
        picture.summary = picture_statistics(picture)
        picture.status = PictureStatus.PUBLISHED
        picture.published_at = timezone.now()
        picture.version += 1
        picture.save(update_fields=["summary", "status", "published_at", "version"])
        summary_url = reverse("casework:picture-summary", args=[picture.pk])
        context = {"title": picture.title, "url": summary_url,
                   "period_start": picture.period_start.isoformat(),
                   "period_end": picture.period_end.isoformat()}
        for user in picture_reporters(picture):
            email_enqueue(key=f"picture-{picture.pk}-reporter-{user.pk}", to=user.email,
                          template="est_picture_summary", context=context)
        management = get_user_model().objects.filter(
            groups__name=Role.MANAGEMENT, is_active=True).exclude(email="").distinct()
        if management:
            pdf = picture_pdf(picture)
            attachment = {"filename": f"lagesbild-{picture.period_start.isoformat()}.pdf",
                          "mimetype": "application/pdf",
                          "content_b64": base64.b64encode(pdf).decode()}
            for user in management:
                email_enqueue(
                    key=f"picture-{picture.pk}-management-{user.pk}", to=user.email,
                    template="est_picture_management",
                    context={**context, "url": reverse("casework:picture-detail",
                                                       args=[picture.pk])},
                    attachments=[attachment])
    return picture

