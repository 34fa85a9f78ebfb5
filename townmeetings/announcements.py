"""The default programme and the announcement texts of a trygghetsmöte
(web page, social media, newspaper advertisement), written from the
meeting's data in Swedish. The coordinator edits them before they are copied."""

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import AFTERNOON, EVENING, Session


def default_programme() -> list[dict]:
    """The programme the municipality's page describes (14–18 open, 18–20
    evening). Texts in the site language; called inside `in_site_language`."""
    from datetime import time

    return [
        {"session": Session.AFTERNOON, "starts_at": AFTERNOON[0], "ends_at": AFTERNOON[1],
         "title": _("Open meeting with the locality's residents"),
         "speaker": _("Community police officer, Trygg och Säker kommun and invited experts")},
        {"session": Session.EVENING, "starts_at": EVENING[0], "ends_at": time(18, 10),
         "title": _("Welcome"), "speaker": _("Chief executive and the locality's representatives")},
        {"session": Session.EVENING, "starts_at": time(18, 10), "ends_at": time(18, 40),
         "title": _("Summary of the afternoon"), "speaker": _("Safety coordinator")},
        {"session": Session.EVENING, "starts_at": time(18, 40), "ends_at": time(19, 20),
         "title": _("The current situation in the locality and the follow-up of the safety walk"),
         "speaker": _("Community police officer")},
        {"session": Session.EVENING, "starts_at": time(19, 20), "ends_at": time(19, 50),
         "title": _("The locality's present and future"),
         "speaker": _("The locality's representatives")},
        {"session": Session.EVENING, "starts_at": time(19, 50), "ends_at": EVENING[1],
         "title": _("Closing and thanks for today"),
         "speaker": _("The locality's representatives and the safety coordinator")},
    ]


def clock(value) -> str:
    """14.00, as Swedish text writes a time."""
    return value.strftime("%H.%M") if value else ""


def _programme_lines(items) -> str:
    lines = []
    for item in items:
        span = clock(item.starts_at) + (f"–{clock(item.ends_at)}" if item.ends_at else "")
        line = f"{span} {item.title}"
        if item.speaker:
            line += f" ({item.speaker})"
        lines.append(line)
    return "\n".join(lines)


def announcement_texts(meeting, programme) -> dict:
    """The three texts for `meeting` with its programme items, in the site
    language (they are published, whoever generates them)."""
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "locality": meeting.locality.name, "venue": meeting.venue,
            "date": f"{date_format(meeting.date, 'l')} {meeting.date.isoformat()}",
            "municipality": settings.MUNICIPALITY_NAME,
        }
        experts = meeting.invited_experts.strip()
        web = _(
            "Safety meeting in %(locality)s – we come to you and your locality\n\n"
            "%(date)s at %(venue)s.\n\n"
            "14.00–18.00: an open meeting for the locality's residents together with the "
            "community police officer, Trygg och Säker kommun and specially invited guests. "
            "Come and tell us what makes you feel safe or unsafe in the locality.\n"
            "18.00–20.00: the evening meeting. The chief executive welcomes you together with "
            "the locality's representatives.\n\n"
            "The safety meeting creates room for dialogue with residents, to protect democracy "
            "and social sustainability together and to increase the sense of safety.") % values
        if experts:
            web += "\n\n" + _("Specially invited: %(experts)s") % {"experts": experts}
        if programme:
            web += "\n\n" + _("Programme") + "\n" + _programme_lines(programme)
        web += "\n\n" + _("The meeting is open to everyone. Welcome! %(municipality)s") % values
        social = _(
            "Welcome to the safety meeting in %(locality)s, %(date)s at %(venue)s! "
            "From 14.00 to 18.00 you can meet the community police officer and Trygg och Säker "
            "kommun and tell us what makes your locality safe or unsafe. The evening meeting "
            "with the chief executive runs 18.00–20.00. Everyone is welcome!") % values
        newspaper = _(
            "SAFETY MEETING IN %(locality_upper)s\n%(date)s, %(venue)s\n"
            "14.00–18.00 Open meeting with the community police officer and "
            "Trygg och Säker kommun\n"
            "18.00–20.00 Evening meeting with the chief executive and the locality's "
            "representatives\nWelcome! %(municipality)s") % {
                **values, "locality_upper": meeting.locality.name.upper()}
    return {"announcement_web": web, "announcement_social": social,
            "announcement_newspaper": newspaper}
