"""Writes for safety walks, survey imports and the medborgarlöfte. Each service
is keyword-only and opens its own transaction; e-mails go through the outbox
inside that transaction."""

import hashlib
from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.choices import MeasureStatus
from casework.measures import measure_create
from casework.models import Measure
from core import geo
from core.errors import Invalid
from core.uploads import CheckedUpload
from notifications.services import email_enqueue

from .models import (
    CitizenPromise,
    PromiseSignatory,
    SafetyWalk,
    Survey,
    SurveyImport,
    SurveyResult,
    WalkPlace,
)


def walk_create(*, locality, date: date, meeting_point: str, route: str = "",
                organisations=(), residents_count: int = 0, safety_meeting_note: str = "",
                safety_meeting=None, notes: str = "", created_by=None) -> SafetyWalk:
    with transaction.atomic():
        walk = SafetyWalk.objects.create(
            locality=locality, date=date, meeting_point=meeting_point, route=route,
            residents_count=residents_count, safety_meeting_note=safety_meeting_note,
            safety_meeting=safety_meeting, notes=notes, created_by=created_by)
        walk.organisations.set(organisations)
    return walk

def walk_place_add(*, walk: SafetyWalk, locality, location: str, category: str,
                   description: str, photo: CheckedUpload | None = None,
                   latitude=None, longitude=None) -> WalkPlace:
    """Add an observed place; the photo has passed core.uploads.check_upload,
    the position (optional) core.geo's rule."""
    if errors := geo.check_position(latitude, longitude):
        raise Invalid(errors)
    with transaction.atomic():
        place = WalkPlace(walk=walk, locality=locality, location=location, category=category,
                          description=description, latitude=latitude, longitude=longitude)
        if photo:
            place.photo.save(photo.content.name, photo.content, save=False)
            place.photo_reencoded = photo.reencoded
        place.save()
    return place

def walk_place_to_measure(*, place: WalkPlace, title: str, owner_organisation, owner=None,
                          due_date=None, created_by=None) -> Measure:
    """Turn an observed place into a casework Measure (source = the place) and
    tell the locality's contact person."""
    with transaction.atomic():
        place = WalkPlace.objects.select_for_update().select_related("walk").get(pk=place.pk)
        measure = measure_create(
            actor=created_by, title=title, description=place.description,
            owner_organisation=owner_organisation, owner=owner, due_date=due_date,
            source=place, target=_place_target(place))
        walk_feedback_enqueue(walk=place.walk)
    return measure

def _place_target(place: WalkPlace) -> dict | None:
    """A positioned place gives its measure the same place (map, effect follow-up)."""
    if place.latitude is None:
        return None
    return {"locality": place.locality, "latitude": place.latitude,
            "longitude": place.longitude}


def _walk_state(walk: SafetyWalk) -> tuple[list[dict], str]:
    place_type = ContentType.objects.get_for_model(WalkPlace)
    places = list(walk.places.all())
    measures = {m.source_id: m for m in Measure.objects.filter(
        source_type=place_type, source_id__in=[p.pk for p in places]).order_by("id")}
    lines = []
    for place in places:
        measure = measures.get(place.pk)
        lines.append({"location": place.location, "category": place.get_category_display(),
                      "measure": measure.title if measure else "",
                      "status": measure.get_status_display() if measure else ""})
    digest = hashlib.sha256(repr([(p.pk, measures[p.pk].status if p.pk in measures else "")
                                  for p in places]).encode()).hexdigest()[:16]
    return lines, digest

def walk_feedback_enqueue(*, walk: SafetyWalk):
    """Queue the summary for the locality's contact person: the walk's places
    and the status of their measures. Keyed by the walk and a digest of that
    state, so it goes out once per distinct state (first summary, then again
    whenever a measure changes state) and never twice for the same state.
    Returns the outbox row, or None when the locality has no contact e-mail."""
    email = walk.locality.contact_email
    if not email:
        return None
    lines, digest = _walk_state(walk)
    return email_enqueue(
        key=f"insights-walk-{walk.pk}-{digest}", to=email, template="insights_walk_feedback",
        context={"locality": walk.locality.name, "date": walk.date.isoformat(),
                 "places": lines, "walk_id": walk.pk,
                 "path": f"/trygghetsvandringar/{walk.pk}/"})

def walk_measure_changed(measure: Measure) -> None:
    """A measure made from a walk place changed status (called by the
    casework measure services, registered in InsightsConfig.ready): the
    locality contact gets the walk summary again (once per distinct state)."""
    place = WalkPlace.objects.select_related("walk__locality").filter(
        pk=measure.source_id).first()
    if place is not None:
        walk_feedback_enqueue(walk=place.walk)

# -- survey ---------------------------------------------------------------------

def survey_import_stage(*, year: int, filename: str, rows: list[dict], user,
                        invited: int | None = None,
                        respondents: int | None = None) -> SurveyImport:
    """Keep a clean, validated upload until the user confirms its preview."""
    _check_respondents(invited, respondents)
    with transaction.atomic():
        SurveyImport.objects.filter(created_by=user, confirmed_at__isnull=True).delete()
        return SurveyImport.objects.create(year=year, filename=filename[:200], rows=rows,
                                           created_by=user, invited=invited,
                                           respondents=respondents)


def _check_respondents(invited, respondents) -> None:
    if invited is not None and invited < 1:
        raise Invalid(_("The number invited must be at least 1."))
    if None not in (invited, respondents) and respondents > invited:
        raise Invalid(_("There cannot be more respondents than invited."))


def survey_update(*, survey: Survey, invited: int | None, respondents: int | None,
                  wish_question: str, analysis: str) -> Survey:
    """The coordinator's numbers, wish question and written analysis for a
    year; the row is locked so two editors do not interleave."""
    _check_respondents(invited, respondents)
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        survey.invited, survey.respondents = invited, respondents
        survey.wish_question, survey.analysis = wish_question[:300], analysis.strip()
        survey.save(update_fields=["invited", "respondents", "wish_question", "analysis"])
    return survey

def survey_import_confirm(*, staged: SurveyImport, user) -> Survey:
    """Save a staged import: the year's results are replaced as a whole."""
    with transaction.atomic():
        staged = SurveyImport.objects.select_for_update().get(pk=staged.pk)
        if staged.confirmed_at is not None:
            return Survey.objects.get(year=staged.year)
        survey, _ = Survey.objects.update_or_create(
            year=staged.year, defaults={"title": f"Trygghetsenkät {staged.year}",
                                        "imported_by": user,
                                        "source_filename": staged.filename})
        # The year's numbers come with the file when given; the written
        # analysis and the wish question stay (they are the coordinator's).
        numbers = {k: getattr(staged, k) for k in ("invited", "respondents")
                   if getattr(staged, k) is not None}
        if numbers:
            Survey.objects.filter(pk=survey.pk).update(**numbers)
            for key, value in numbers.items():
                setattr(survey, key, value)
        survey.results.all().delete()
        SurveyResult.objects.bulk_create([
            SurveyResult(survey=survey, question=r["question"], option=r["option"],
                         share=r["share"], count=r["count"], breakdown=r["breakdown"],
                         breakdown_value=r["breakdown_value"], row_number=r["row"])
            for r in staged.rows])
        staged.confirmed_at = timezone.now()
        staged.save(update_fields=["confirmed_at"])
    return survey

def survey_result_to_measure(*, result: SurveyResult, title: str, owner_organisation,
                             owner=None, due_date=None, created_by=None) -> Measure:
    return measure_create(
        actor=created_by, title=title, description=f"{result.question}: {result.option}",
        owner_organisation=owner_organisation, owner=owner, due_date=due_date,
        term="long", source=result)

# -- medborgarlöfte ---------------------------------------------------------------

def promise_create(*, title: str, locality, period_start, period_end, area_description="",
                   text="") -> CitizenPromise:
    with transaction.atomic():
        return CitizenPromise.objects.create(
            title=title, locality=locality, period_start=period_start, period_end=period_end,
            area_description=area_description, text=text)

def promise_sign(*, promise: CitizenPromise, organisation, signed_by: str,
                 signed_on) -> PromiseSignatory:
    with transaction.atomic():
        return PromiseSignatory.objects.create(promise=promise, organisation=organisation,
                                               signed_by=signed_by, signed_on=signed_on)

def promise_commitment_add(*, promise: CitizenPromise, title: str, owner_organisation,
                           owner=None, follow_up_on=None, description="",
                           created_by=None) -> Measure:
    """A commitment is a casework Measure with source = the promise and its
    follow-up date as due date, which lies inside the promise's period."""
    if follow_up_on and not promise.period_start <= follow_up_on <= promise.period_end:
        raise Invalid({"follow_up_on": _(
            "The follow-up date must lie within the promise's period, %(start)s – %(end)s.")
            % {"start": promise.period_start.isoformat(),
               "end": promise.period_end.isoformat()}})
    return measure_create(
        actor=created_by, title=title, description=description,
        owner_organisation=owner_organisation, owner=owner, due_date=follow_up_on,
        status=MeasureStatus.DECIDED, term="long", source=promise)

def promise_commitments(promise: CitizenPromise):
    return Measure.objects.filter(
        source_type=ContentType.objects.get_for_model(CitizenPromise),
        source_id=promise.pk).select_related("owner_organisation", "owner").order_by(
        "due_date", "id")

SITE_URL = getattr(settings, "SITE_URL", "")


# ---------------------------------------------------------------- gallring

def _walk_photos_due(today: date):
    from datetime import timedelta

    cutoff = today - timedelta(days=settings.WALK_PHOTO_RETENTION_DAYS)
    return WalkPlace.objects.filter(walk__date__lt=cutoff).exclude(photo="")


def walk_photo_gallra_count(today: date) -> int:
    return _walk_photos_due(today).count()


def walk_photo_gallra(today: date) -> int:
    """Delete the photos (files) of places observed on walks older than
    WALK_PHOTO_RETENTION_DAYS; the place's text, which describes the place and
    not a person, stays for the locality's follow-up."""
    from core.retention import delete_files_after_commit

    with transaction.atomic():
        places = list(_walk_photos_due(today).select_for_update(of=("self",)))
        delete_files_after_commit(place.photo for place in places)
        WalkPlace.objects.filter(pk__in=[p.pk for p in places]).update(photo="",
                                                                       photo_reencoded=False)
    return len(places)
