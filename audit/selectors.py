from datetime import date, datetime, time

from django.utils import timezone

from .models import AccessLogEntry

# The saved view "reads by users without a referral": every read-like row where
# the user had no addressed referral and was not the coordinator, i.e. reads by
# the deputy (who should act only when the coordinator is away) and every
# denied attempt.
READ_ACTIONS = ("list", "read", "export", "api_read", "denied")
SAVED_VIEWS = {"no-referral": {"action__in": READ_ACTIONS,
                               "basis__in": ("deputy", "none")}}


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def access_log_filter(*, user: str = "", reference: str = "", object_type: str = "",
                      action: str = "", start: date | None = None, end: date | None = None,
                      view: str = ""):
    rows = AccessLogEntry.objects.all()
    if view in SAVED_VIEWS:
        rows = rows.filter(**SAVED_VIEWS[view])
    if user:
        rows = rows.filter(username__iexact=user.strip())
    if reference:
        rows = rows.filter(object_reference__iexact=reference.strip())
    if object_type:
        rows = rows.filter(object_type=object_type)
    if action:
        rows = rows.filter(action=action)
    if start:
        rows = rows.filter(at__gte=_day_start(start))
    if end:
        from datetime import timedelta

        rows = rows.filter(at__lt=_day_start(end + timedelta(days=1)))
    return rows
