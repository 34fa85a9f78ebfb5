"""The start page's panels, built once and kept for a short while per user.

Every registered panel (core/navigation.py `register_panel`) costs one or more
queries and its share of the template; together they were nearly all of the
start page (profiled: about 85 % of the view). The panels' rendered HTML is
kept in the shared cache (Redis in production) per user for
START_PAGE_PANEL_SECONDS (default 30 s), so that every web process serves
the same numbers, under:
- the user's version token (accounts/user_cache.py): a role taken away, an
  account closed, an organisation changed shows on the very next request;
- the language of the request;
- and it is forgotten after any request of the user that may change data
  (any method but GET, HEAD, OPTIONS, TRACE): what you did yourself shows at
  once on the start page. What others do (a new report in the queue) shows
  within START_PAGE_PANEL_SECONDS; the pages behind each panel are always
  exact.
With no version token (the shared cache is away) or a lifetime of 0 the
panels are built on every request, as before."""

import logging

from django.conf import settings
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .navigation import panels_for

logger = logging.getLogger(__name__)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def _key(user_id) -> str:
    return f"tryggsam:panels:{user_id}"


def _seconds() -> int:
    return getattr(settings, "START_PAGE_PANEL_SECONDS", 30)


def panels_html(user) -> str:
    """The panels of the start page for this user, as HTML."""
    version = getattr(user, "_tryggsam_version", None)
    stamp = (version, get_language())
    if version and _seconds() > 0:
        try:
            kept = caches["default"].get(_key(user.pk))
        except Exception:
            logger.warning("start page: shared cache unavailable, building the panels")
            kept = None
            version = None
        if kept is not None and kept[0] == stamp:
            return mark_safe(kept[1])  # noqa: S308 (our own template's output)
    html = render_to_string("core/panels.html", {"panels": panels_for(user)})
    if version and _seconds() > 0:
        try:
            caches["default"].set(_key(user.pk), (stamp, str(html)), _seconds())
        except Exception:
            logger.warning("start page: could not keep the panels")
    return mark_safe(html)  # noqa: S308 (our own template's output)


def forget_panels(user_id) -> None:
    try:
        caches["default"].delete(_key(user_id))
    except Exception:
        logger.warning("start page: could not forget the panels of a user")


class FreshPanelsAfterChangesMiddleware:
    """After AuthenticationMiddleware: a request that may change data drops
    its user's kept panels, so the start page shows the change at once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in SAFE_METHODS:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                forget_panels(user.pk)
        return response
