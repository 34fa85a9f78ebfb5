"""What every insights view shares: the permission decorators, today's date
and file downloads."""

from datetime import date
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone

from core.access import allowed


def _requires(perm):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not allowed(request.user, perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)
        return wrapped
    return decorator


view_required = _requires("insights.view_insights")
manage_required = _requires("insights.manage_insights")


def local_today() -> date:
    return timezone.localdate()


def download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
