"""Writes for trygghetsmöten. Each service is keyword-only, checks the actor's
permission and opens its own transaction. Measures are made only through
casework.measures (source = the input); reports only through
workflows.services.report_submit (source = the meeting); e-mail only through
the outbox, in the same transaction."""

import hashlib
from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from casework.measures import measure_create
from casework.models import Measure
from core.access import require
from core.errors import Invalid
from core.references import next_reference
from insights.periods import term_containing
from notifications.services import email_enqueue
from workflows import services as workflow_services

from .announcements import announcement_texts, default_programme
from .models import TownMeeting, TownMeetingInput, TownMeetingProgrammeItem

MANAGE = "townmeetings.manage_townmeeting"
ANNOUNCEMENTS = ("announcement_web", "announcement_social", "announcement_newspaper")
MEETING_FIELDS = ("locality", "date", "venue", "invited_experts", "safety_walk",
                  "contact_name", "contact_email", "residents_count", *ANNOUNCEMENTS)


def _check_once_per_term(*, locality, day: date, exclude_pk=None) -> None:
    """One trygghetsmöte per locality and mandate term (the page: every
    locality once in four years). Raises Invalid on the date."""
    term = term_containing(day)
    others = TownMeeting.objects.filter(locality=locality, date__range=(term.start, term.end))
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    other = others.first()
    if other is not None:
        raise Invalid({"date": _(
            "%(locality)s already has a safety meeting in the term %(term)s (%(reference)s, "
            "%(date)s).") % {"locality": locality.name, "term": term.label(),
                             "reference": other.reference, "date": other.date.isoformat()}})


def _check_walk(*, locality, walk) -> None:
    if walk is not None and walk.locality_id != locality.pk:
        raise Invalid({"safety_walk": _(
            "The safety walk was held in another locality.")})


def _fill_announcements(meeting: TownMeeting) -> None:
    """Generate every announcement text that is empty (a new meeting, or a
    text the coordinator cleared to have it written again)."""
    if all(getattr(meeting, name) for name in ANNOUNCEMENTS):
        return
    generated = announcement_texts(meeting, list(meeting.programme.all()))
    for name in ANNOUNCEMENTS:
        if not getattr(meeting, name):
            setattr(meeting, name, generated[name])
    meeting.save(update_fields=list(ANNOUNCEMENTS))


def town_meeting_create(*, actor, locality, date: date, venue: str, invited_experts: str = "",
                        safety_walk=None, contact_name: str = "", contact_email: str = "",
                        residents_count: int = 0, with_default_programme: bool = True,
                        **announcements) -> TownMeeting:
    """Plan a trygghetsmöte: the page's programme (14–18, 18–20) and the
    three announcement texts are written for it; both stay editable."""
    require(actor, MANAGE)
    with transaction.atomic():
        _check_once_per_term(locality=locality, day=date)
        _check_walk(locality=locality, walk=safety_walk)
        meeting = TownMeeting.objects.create(
            reference=next_reference("TM", date.year, width=3), locality=locality, date=date,
            venue=venue, invited_experts=invited_experts, safety_walk=safety_walk,
            contact_name=contact_name, contact_email=contact_email,
            residents_count=residents_count, created_by=actor,
            **{k: v for k, v in announcements.items() if k in ANNOUNCEMENTS})
        if with_default_programme:
            with translation.override(settings.LANGUAGE_CODE):
                programme = default_programme()
            TownMeetingProgrammeItem.objects.bulk_create(
                TownMeetingProgrammeItem(meeting=meeting, **item) for item in programme)
        _fill_announcements(meeting)
    return meeting


def town_meeting_update(*, actor, meeting: TownMeeting, **fields) -> TownMeeting:
    require(actor, MANAGE, meeting)
    with transaction.atomic():
        meeting = TownMeeting.objects.select_for_update().get(pk=meeting.pk)
        for name, value in fields.items():
            if name in MEETING_FIELDS:
                setattr(meeting, name, value)
        _check_once_per_term(locality=meeting.locality, day=meeting.date, exclude_pk=meeting.pk)
        _check_walk(locality=meeting.locality, walk=meeting.safety_walk)
        meeting.save()
        _fill_announcements(meeting)
    return meeting


def programme_item_add(*, actor, meeting: TownMeeting, session: str, starts_at, title: str,
                       ends_at=None, speaker: str = "") -> TownMeetingProgrammeItem:
    require(actor, MANAGE, meeting)
    if ends_at is not None and ends_at <= starts_at:
        raise Invalid({"ends_at": _("The item ends before it starts.")})
    with transaction.atomic():
        return TownMeetingProgrammeItem.objects.create(
            meeting=meeting, session=session, starts_at=starts_at, ends_at=ends_at,
            title=title, speaker=speaker)


def programme_item_remove(*, actor, item: TownMeetingProgrammeItem) -> None:
    require(actor, MANAGE, item.meeting)
    with transaction.atomic():
        item.delete()


def input_add(*, actor, meeting: TownMeeting, topic: str, description: str,
              place: str = "") -> TownMeetingInput:
    """Record something the residents raised at the meeting."""
    require(actor, MANAGE, meeting)
    with transaction.atomic():
        return TownMeetingInput.objects.create(meeting=meeting, topic=topic,
                                               description=description, place=place,
                                               created_by=actor)


def input_to_measure(*, actor, item: TownMeetingInput, title: str, owner_organisation,
                     owner=None, due_date=None) -> Measure:
    """Turn the input into a measure: casework.measures creates it (source =
    the input), tells its owner and plans the reminders."""
    require(actor, MANAGE, item.meeting)
    with transaction.atomic():
        item = TownMeetingInput.objects.select_for_update().get(pk=item.pk)
        return measure_create(actor=actor, title=title, description=item.description,
                              owner_organisation=owner_organisation, owner=owner,
                              due_date=due_date, source=item)


def input_to_report(*, actor, item: TownMeetingInput, category):
    """Turn the input into a report in the coordinator's triage inbox
    (workflows.services.report_submit, source = the meeting). Once per input:
    a second call returns the first report."""
    require(actor, MANAGE, item.meeting)
    with transaction.atomic():
        item = (TownMeetingInput.objects.select_for_update().select_related("meeting__locality")
                .get(pk=item.pk))
        if item.report_id:
            return item.report
        meeting = item.meeting
        report, _created = workflow_services.report_submit(
            reporter=actor, category=category, locality=meeting.locality, place=item.place,
            occurred_on=meeting.date, description=f"{item.topic}\n\n{item.description}",
            submission_key=f"townmeeting-input:{item.pk}", source_town_meeting=meeting)
        item.report = report
        item.save(update_fields=["report"])
    return report


def _feedback_state(meeting: TownMeeting) -> dict:
    """Counts only: how much input was recorded and what became of it. No
    topics or descriptions: mail leaves Tryggsam (a reference and a link)."""
    inputs = list(meeting.inputs.values_list("pk", "report_id"))
    input_type = ContentType.objects.get_for_model(TownMeetingInput)
    measures = list(Measure.objects.filter(
        source_type=input_type, source_id__in=[pk for pk, _report in inputs])
        .values_list("source_id", "status").order_by("id"))
    return {"inputs": len(inputs), "measures": len({pk for pk, _status in measures}),
            "reports": sum(1 for _pk, report in inputs if report),
            "state": sorted(measures)}


def town_meeting_feedback_send(*, actor, meeting: TownMeeting):
    """Queue the feedback to the locality's contact person (the meeting's, or
    else the locality's) and record it as sent. Keyed by the meeting and the
    state of its input, so the same state goes out once."""
    require(actor, MANAGE, meeting)
    with transaction.atomic():
        meeting = TownMeeting.objects.select_for_update().select_related("locality").get(
            pk=meeting.pk)
        email = _feedback_enqueue(meeting)
        if email is None:
            raise Invalid(_("Neither the meeting nor the locality has a contact "
                                    "e-mail address."))
        meeting.feedback_sent_at = timezone.now()
        meeting.feedback_sent_to = email.to_email
        meeting.save(update_fields=["feedback_sent_at", "feedback_sent_to"])
    return email


def _feedback_enqueue(meeting: TownMeeting):
    to = meeting.feedback_email
    if not to:
        return None
    state = _feedback_state(meeting)
    digest = hashlib.sha256(repr(state).encode()).hexdigest()[:16]
    return email_enqueue(
        key=f"townmeeting-feedback-{meeting.pk}-{digest}", to=to,
        template="townmeeting_feedback",
        context={"reference": meeting.reference, "locality": meeting.locality.name,
                 "date": meeting.date.isoformat(), "inputs": state["inputs"],
                 "measures": state["measures"], "reports": state["reports"],
                 "path": f"/trygghetsmoten/{meeting.pk}/"})


def input_measure_changed(measure: Measure) -> None:
    """A measure made from a meeting's input changed status (registered in
    TownMeetingsConfig.ready, called by the measure services): once the
    feedback has gone out, the contact person hears of the new state."""
    item = TownMeetingInput.objects.select_related("meeting__locality").filter(
        pk=measure.source_id).first()
    if item is not None and item.meeting.feedback_sent_at is not None:
        _feedback_enqueue(item.meeting)
