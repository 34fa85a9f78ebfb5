"""The top of every page (skip link, header with the user box, the menu) as
HTML, rendered once per user version, menu, current menu link and language,
and kept in process memory.

Profiled on the audited referral detail (2026-12-03), the header and menu
were most of what the page spent in templates: fourteen translated labels,
five reversed URLs and the menu's loops on every request, though they change
only when the user, their roles or the language do. The key holds all of
that: the user's version token (accounts/user_cache.py renews it on any
change to the user, its roles, groups or organisation), the menu's identity
(core/navigation.py), the menu link that is the current page (aria-current)
and the language. The one per-request value, the logout form's CSRF token,
is put into the kept HTML when the page is served. A user without a version
token (the cache was away when they were loaded) gets a fresh rendering."""

from django.conf import settings
from django.core.signals import setting_changed
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .csrf import masked_token
from .navigation import menu_for_identity, menu_identity, menu_urls

# Stands in the kept HTML where the request's CSRF token goes: letters only,
# so escaping leaves it as it is.
_TOKEN_SLOT = "tryggsamCsrfTokenSlot"  # noqa: S105 (a marker, not a secret)
_MAX_KEPT = 2000
_kept: dict[tuple, str] = {}


def _forget(**kwargs) -> None:
    """A changed setting (tests: the municipality's name) starts afresh."""
    _kept.clear()


setting_changed.connect(_forget, dispatch_uid="core-page-header")


def page_header(request) -> str:
    user = getattr(request, "user", None)
    authenticated = bool(user is not None and user.is_authenticated)
    identity = menu_identity(user) if authenticated else None
    current = request.path if identity and request.path in menu_urls(identity) else ""
    version = getattr(user, "_tryggsam_version", None) if authenticated else "anonymous"
    if version is None:
        return mark_safe(_render(user, identity, current, csrf_token(request)))  # noqa: S308
    key = (user.pk if authenticated else None, version, identity, current, get_language())
    html = _kept.get(key)
    if html is None:
        if len(_kept) >= _MAX_KEPT:
            _kept.clear()
        html = _kept[key] = _render(user, identity, current, _TOKEN_SLOT)
    if authenticated:
        html = html.replace(_TOKEN_SLOT, csrf_token(request))
    return mark_safe(html)  # noqa: S308 (our own template's output)


def csrf_token(request) -> str:
    """The request's masked CSRF token, masked once: the header's logout form
    and the page's own forms (the `csrf_token` of core's context processor,
    which overrides Django's lazy one) carry the same (core/csrf.py)."""
    token = getattr(request, "_tryggsam_csrf_token", None)
    if token is None:
        token = request._tryggsam_csrf_token = masked_token(request)
    return token


def _render(user, identity, current: str, csrf_token: str) -> str:
    return str(render_to_string("core/_page_header.html", {
        "user": user, "csrf_token": csrf_token, "path": current,
        "nav_menu": menu_for_identity(identity) if identity else [],
        "municipality_name": settings.MUNICIPALITY_NAME}))
