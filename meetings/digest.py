"""The weekly digest for members who chose it, and the personal calendar feed."""

from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from casework.choices import OPEN_MEASURE_STATUSES
from casework.measures import measure_mail_title
from casework.models import Measure
from casework.selectors import measures_visible_to
from notifications.services import email_enqueue

from .calendar import summary_for
from .models import CalendarFeed, Delivery, Meeting, MeetingStatus, Membership, new_feed_token


def digest_enqueue(*, now: datetime | None = None) -> int:
    """The weekly digest (Monday 07:00): one e-mail per address of the members
    who chose it, listing their next two weeks' meetings. Keyed by ISO week,
    so running twice in a week sends one. Returns how many were queued."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    year, week, _weekday = today.isocalendar()
    horizon = today + timedelta(days=14)
    memberships = Membership.objects.filter(
        delivery=Delivery.DIGEST, unsubscribed=False).select_related("user", "group")
    by_address: dict[str, list[Membership]] = {}
    for membership in memberships:
        if membership.address:
            by_address.setdefault(membership.address.lower(), []).append(membership)
    queued = 0
    for address, members in sorted(by_address.items()):
        meetings = Meeting.objects.filter(
            group__in=[m.group for m in members], status=MeetingStatus.PLANNED,
            date__gte=today, date__lte=horizon).select_related("group")
        lines = [{"date": m.date.isoformat(), "start": m.start_time.strftime("%H:%M"),
                  "title": summary_for(m),
                  "url": reverse("meetings:meeting-detail", args=[m.pk])} for m in meetings]
        user = next((m.user for m in members if m.user_id), None)
        measures = []
        if user is not None:
            measures = _digest_measures(user)
        if not lines and not measures:
            continue
        with transaction.atomic():
            email_enqueue(key=f"digest:{address}:{year}-W{week:02d}", to=address,
                          template="meeting_digest",
                          context={"meetings": lines, "measures": measures,
                                   "week": week, "url": reverse("meetings:my-meetings")})
        queued += 1
    return queued


def _digest_measures(user) -> list[dict]:
    """The user's open measures that they may still see; a sensitive group's
    measure by number and link only (mail leaves Tryggsam)."""
    open_measures = Measure.objects.filter(owner=user, status__in=OPEN_MEASURE_STATUSES)
    return [{"title": measure_mail_title(m),
             "due_date": m.due_date.isoformat() if m.due_date else "",
             "url": reverse("casework:measure-detail", args=[m.pk])}
            for m in measures_visible_to(user, open_measures).order_by("due_date", "id")[:20]]



# ---------------------------------------------------------------- feed

def feed_get_or_create(*, user) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


def feed_revoke(*, user) -> CalendarFeed:
    """Give the feed a new secret; the old address stops working at once."""
    with transaction.atomic():
        feed, _created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
        feed.token = new_feed_token()
        feed.save(update_fields=["token"])
    return feed
