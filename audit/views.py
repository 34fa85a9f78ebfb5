import csv

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.roles import is_log_reviewer

from .forms import LogFilterForm
from .selectors import access_log_filter


def _rows_for(request):
    if not is_log_reviewer(request.user):
        raise Http404
    form = LogFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        rows = access_log_filter(**form.cleaned_data)
    elif form.is_bound:
        rows = access_log_filter().none()
    else:
        rows = access_log_filter()
    return form, rows


@login_required
def log_list(request):
    """The log review page (Logggranskare only; others get 404)."""
    form, rows = _rows_for(request)
    page = Paginator(rows, 50).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "audit/log_list.html",
                  {"form": form, "page": page, "query": query.urlencode()}, status=status)


@login_required
def log_export(request):
    form, rows = _rows_for(request)
    if form.is_bound and not form.is_valid():
        return HttpResponse(_("Invalid filter."), status=400, content_type="text/plain")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="atkomstlogg-{stamp}.csv"'
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("When"), _("User"), _("User id"), pgettext("access log", "Action"),
                     _("Basis"), _("Object type"), _("Object id"), _("Reference"), _("IP address")])
    for row in rows.iterator():
        writer.writerow([timezone.localtime(row.at).strftime("%Y-%m-%d %H:%M:%S"),
                         row.username, row.user_id or "", row.get_action_display(),
                         row.get_basis_display(), row.object_type, row.object_id or "",
                         row.object_reference, row.ip_address or ""])
    return response
