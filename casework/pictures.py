"""The lägesbild (situation picture): its period, notes, the joint analysis
with the measures it proposes, and publishing with återkoppling through the
outbox (keyed, so a re-run sends nothing twice)."""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role
from core.errors import Conflict, Invalid
from insights import statistics
from notifications.services import email_enqueue

from .choices import MeasureStatus, PictureStatus
from .measures import measure_create
from .models import SituationPicture


def period_bounds(kind: str, start: date, end: date | None = None) -> tuple[date, date]:
    """The period containing `start`: a week from Monday, a calendar month, a
    tertial (Jan–Apr, May–Aug, Sep–Dec), a year; custom needs its end. The
    definition is insights.statistics.period_for, shared with the analytics."""
    try:
        period = statistics.period_for(kind, start, end)
    except ValueError:
        raise Invalid(_("The period must end on or after its first day.")) from None
    return period.start, period.end


def picture_create(*, actor, period_kind: str, period_start: date,
                   period_end: date | None = None, title: str = "") -> SituationPicture:
    """Create the lägesbild of a period. One per period kind and first day:
    a second is refused (Invalid on period_start)."""
    first, last = period_bounds(period_kind, period_start, period_end)
    if not title:
        title = _("Situation picture %(start)s – %(end)s") % {
            "start": first.isoformat(), "end": last.isoformat()}
    existing = SituationPicture.objects.filter(period_kind=period_kind,
                                               period_start=first).first()
    if existing is None:
        try:
            with transaction.atomic():
                return SituationPicture.objects.create(
                    title=title[:200], period_kind=period_kind, period_start=first,
                    period_end=last, created_by=actor,
                )
        except IntegrityError:
            # Someone created it in the meantime (picture_unique_period).
            existing = SituationPicture.objects.get(period_kind=period_kind,
                                                    period_start=first)
    raise Invalid({"period_start": _(
        "There is already a situation picture for this period: %(title)s.") % {
        "title": existing.title}})


def _lock_picture(picture: SituationPicture, version: int | None) -> SituationPicture:
    locked = SituationPicture.objects.select_for_update().get(pk=picture.pk)
    if version is not None and locked.version != version:
        raise Conflict(_("Someone else changed this situation picture while you were "
                          "editing it. Reload the page and make your change again."))
    return locked


def picture_update(*, picture: SituationPicture, actor, version: int | None,
                   highlights: str, notes: str) -> SituationPicture:
    with transaction.atomic():
        picture = _lock_picture(picture, version)
        if picture.status == PictureStatus.PUBLISHED:
            raise Invalid(_("A published situation picture cannot be changed."))
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
        raise Invalid(_("Write the joint analysis."))
    with transaction.atomic():
        picture = _lock_picture(picture, version)
        if picture.status == PictureStatus.PUBLISHED:
            raise Invalid(_("A published situation picture cannot be changed."))
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
    period gets a summary e-mail with a link, through the outbox, keyed so a
    re-run sends nothing twice. The PDF is rendered after commit, outside the
    row lock (picture_document_store, a Celery task): a slow render never
    holds the picture locked nor rolls the publishing back."""
    from .selectors import picture_reporters, picture_statistics
    from .tasks import picture_document_store as picture_document_store_task

    with transaction.atomic():
        picture = _lock_picture(picture, version)
        if picture.status != PictureStatus.ANALYSED:
            raise Invalid(_("Record the joint analysis before publishing."))
        picture.summary = picture_statistics(picture)
        picture.status = PictureStatus.PUBLISHED
        picture.published_at = timezone.now()
        picture.version += 1
        picture.save(update_fields=["summary", "status", "published_at", "version"])
        context = _picture_mail_context(picture)
        for user in picture_reporters(picture):
            email_enqueue(key=f"picture-{picture.pk}-reporter-{user.pk}", to=user.email,
                          template="est_picture_summary", context=context)
        picture_id = picture.pk
        # robust: the picture is published once this commits; a broker that
        # cannot take the task is logged, not turned into an error page.
        transaction.on_commit(lambda: picture_document_store_task.delay(picture_id),
                              robust=True)
    return picture


def _picture_mail_context(picture: SituationPicture) -> dict:
    # Title, period and a link: never figures or report text.
    return {"title": picture.title, "url": reverse("casework:picture-summary", args=[picture.pk]),
            "period_start": picture.period_start.isoformat(),
            "period_end": picture.period_end.isoformat()}


def picture_document_store(*, picture_id: int) -> bool:
    """Render a published picture's PDF once, store it on the picture and
    queue management's e-mails, which refer to the stored file (the outbox
    reads it when sending) instead of each carrying a copy. Rendering runs
    outside any transaction; the row lock is taken only to store the result,
    so two runs at once store one document (the loser's file is removed) and
    send nothing twice. False when there was nothing to do."""
    from .pdf import picture_pdf

    picture = SituationPicture.objects.filter(pk=picture_id).first()
    if picture is None or picture.status != PictureStatus.PUBLISHED or picture.document:
        return False
    pdf = picture_pdf(picture)
    with transaction.atomic():
        picture = SituationPicture.objects.select_for_update().get(pk=picture_id)
        if picture.document:
            return False
        picture.document.save("lagesbild.pdf", ContentFile(pdf), save=False)
        try:
            picture.save(update_fields=["document"])
            _picture_document_mail(picture)
        except Exception:
            # Rolled back: no row names the file, so it must not stay behind.
            picture.document.storage.delete(picture.document.name)
            raise
    return True


def _picture_document_mail(picture: SituationPicture) -> None:
    attachment = {"filename": f"lagesbild-{picture.period_start.isoformat()}.pdf",
                  "mimetype": "application/pdf", "stored_name": picture.document.name}
    context = {**_picture_mail_context(picture),
               "url": reverse("casework:picture-detail", args=[picture.pk])}
    management = get_user_model().objects.filter(
        groups__name=Role.MANAGEMENT, is_active=True).exclude(email="").distinct()
    for user in management:
        email_enqueue(key=f"picture-{picture.pk}-management-{user.pk}", to=user.email,
                      template="est_picture_management", context=context,
                      attachments=[attachment])


def picture_documents_sweep() -> int:
    """Safety net for picture_document_store: a published picture whose
    after-commit task never ran (the broker was down at publishing) has no
    document and management got no mail. Store each one now (idempotent, so
    a picture the task is storing at the same moment is stored once). Returns
    how many were stored."""
    missing = SituationPicture.objects.filter(
        status=PictureStatus.PUBLISHED, document="").values_list("pk", flat=True)
    return sum(picture_document_store(picture_id=pk) for pk in list(missing))
