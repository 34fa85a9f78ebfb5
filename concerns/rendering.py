"""How the concern views render: every page that shows a concern writes its
access-log row first (`render_shown`; the referral page writes its row in
the statement that reads it, referral_page.py), and a view fails closed when
the row cannot be written (`fail_closed`)."""

import functools

from django.shortcuts import render

from audit.services import AuditUnavailable

from .access import log_shown


def fail_closed(view):
    """Turn a missing log row into a 503 page. (A refused change is the
    services' NotAllowed(conceal=True): core.middleware answers it 404.)"""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except AuditUnavailable:
            return render(request, "concerns/audit_unavailable.html", status=503)

    return wrapper


def render_shown(request, template, context, *, shown, status=200):
    """Render a page that shows a concern. The one way these views render
    such content: the read row is written first, for a GET and
    for a POST re-rendered with its errors alike (fail closed: no row, no
    page; see `fail_closed`)."""
    log_shown(user=request.user, shown=shown, request=request)
    return render(request, template, context, status=status)
