
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.roles import is_log_reviewer
from core.pagination import paginate
from core.spreadsheet import csv_response

from .forms import LogFilterForm
from .models import AccessLogEntry
from .selectors import access_log_filter
from .services import AuditUnavailable, access_log_write


def _rows_for(request, *, action: str):
    """The filtered rows for the log reviewer (404 for anyone else). Reading
    the log is itself logged, whatever the filter, before anything is shown:
    who looked at whom is as sensitive as the rows."""
    if not is_log_reviewer(request.user):
        raise Http404
    access_log_write(user=request.user, action=action,
                     basis=AccessLogEntry.Basis.LOG_REVIEWER, object_type="access-log",
                     request=request)
    form = LogFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        rows = access_log_filter(**form.cleaned_data)
    elif form.is_bound:
        rows = access_log_filter().none()
    else:
        rows = access_log_filter()
    return form, rows


def _log_unavailable():
    return HttpResponse(_("The access log cannot be written right now; nothing is shown."),
                        status=503, content_type="text/plain; charset=utf-8")


@login_required
def log_list(request):
    """The log review page (Logggranskare only; others get 404)."""
    try:
        form, rows = _rows_for(request, action=AccessLogEntry.Action.LIST)
    except AuditUnavailable:
        return _log_unavailable()
    page = paginate(rows, request)
    query = request.GET.copy()
    query.pop("sida", None)
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "audit/log_list.html",
                  {"form": form, "page": page, "query": query.urlencode()}, status=status)


@login_required
def log_export(request):
    try:
        form, rows = _rows_for(request, action=AccessLogEntry.Action.EXPORT)
    except AuditUnavailable:
        return _log_unavailable()
    if form.is_bound and not form.is_valid():
        return HttpResponse(_("Invalid filter."), status=400, content_type="text/plain")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response, writer = csv_response(f"atkomstlogg-{stamp}.csv")
    writer.writerow([_("When"), _("User"), _("User id"), pgettext("access log", "Action"),
                     _("Basis"), _("Object type"), _("Object id"), _("Reference"), _("IP address")])
    for row in rows.iterator():
        writer.writerow([timezone.localtime(row.at).strftime("%Y-%m-%d %H:%M:%S"),
                         row.username, row.user_id or "", row.get_action_display(),
                         row.get_basis_display(), row.object_type_label, row.object_id or "",
                         row.object_reference, row.ip_address or ""])
    return response
