"""Sessions also end after SESSION_IDLE_TIMEOUT seconds without a request
(30 minutes by default), on top of SESSION_COOKIE_AGE (a working day at most).

The last activity is a timestamp in the session. Writing it on every request
would cost a session UPDATE per page view, so it is refreshed only when it is
older than IDLE_REFRESH_SECONDS: a session then ends between TIMEOUT and
TIMEOUT + one minute after the last request, which is close enough."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

LAST_SEEN_KEY = "_last_seen"
IDLE_REFRESH_SECONDS = 60


class IdleSessionTimeoutMiddleware:
    """After AuthenticationMiddleware and MessageMiddleware. An idle session is
    logged out before the view runs, so the view sees an anonymous user and
    answers as it does for one (login redirect, 403 in the API)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        now = time.time()
        if request.user.is_authenticated and self._idle_too_long(request, now):
            logout(request)
            messages.info(request, _("You were signed out after %(minutes)s minutes without "
                                     "activity.") % {"minutes": _idle_minutes()})
        elif request.user.is_authenticated:
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is None or now - last_seen >= IDLE_REFRESH_SECONDS:
                request.session[LAST_SEEN_KEY] = int(now)
        return self.get_response(request)

    @staticmethod
    def _idle_too_long(request, now: float) -> bool:
        last_seen = request.session.get(LAST_SEEN_KEY)
        return last_seen is not None and now - last_seen > settings.SESSION_IDLE_TIMEOUT


def stamp_login(sender, request, user, **kwargs) -> None:
    """user_logged_in receiver (CoreConfig.ready): signing in starts the
    clock, in the session write that login does anyway."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN_KEY] = int(time.time())


def _idle_minutes() -> int:
    return max(1, settings.SESSION_IDLE_TIMEOUT // 60)
