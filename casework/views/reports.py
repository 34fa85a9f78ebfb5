"""Report pages: submit, the reporter's list and detail, attachments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core import uploads
from core.pagination import paginate
from workflows import services as submit  # the one exception to the layers (pyproject.toml)

from .. import forms, selectors
from ..choices import ReportStatus
from .common import MAX_BIGINT, _require, _status


@login_required
def report_create(request):
    _require(request.user, "casework.submit_report")
    form = forms.ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        report, created = submit.report_submit(
            reporter=request.user, category=data["category"], locality=data["locality"],
            place=data["place"], latitude=data["latitude"], longitude=data["longitude"],
            occurred_on=data["occurred_on"], occurred_time=data["occurred_time"],
            part_of_day=data["part_of_day"], description=data["description"],
            urgency=data["urgency"], attachments=data["attachments"],
            submission_key=f"form:{request.user.pk}:{data['submission_key']}",
        )
        if created:
            messages.success(request, _("Thank you! Your report has reference %(ref)s.") % {
                "ref": report.reference})
        return redirect("casework:report-detail", report.reference)
    return render(request, "casework/report_form.html", {"form": form},
                  status=_status(form, request))


@login_required
def report_list_mine(request):
    user = request.user
    _require(user, "casework.submit_report")
    organisation = request.GET.get("organisation") == "1" and selectors.is_partner(user)
    page = paginate(selectors.report_list_for_user(user, organisation=organisation), request)
    return render(request, "casework/report_list.html", {
        "reports": page.rows, "page": page,
        "organisation": organisation, "is_partner": selectors.is_partner(user),
        "query": "organisation=1" if organisation else "",
    })


@login_required
def report_detail(request, reference):
    report = selectors.report_get_for_user(request.user, reference)
    if report.status == ReportStatus.MOVED:
        return _handed_over_report(request, report)
    is_staff = selectors.is_est_staff(request.user)
    task_id = selectors.open_triage_task_id(report.pk) if is_staff else None
    return render(request, "casework/report_detail.html", {
        "report": report, "is_staff": is_staff, "task_id": task_id,
        "attachments": report.attachments.all() if is_staff or
        report.reporter_id == request.user.pk else [],
    })


def _handed_over_report(request, report):
    """A report handed over to the concern track: its content now lives in the
    concern. A concern handler is sent on to the concern (whose page checks
    and logs the read); its submitter sees the neutral status only."""
    if selectors.may_follow_handover(request.user):
        from concerns.selectors import concern_id_for_est_report

        concern_id = concern_id_for_est_report(report.pk)
        if concern_id is not None:
            return redirect("concerns:concern-detail", pk=concern_id)
    if not selectors.is_submitter(request.user, report):
        raise Http404
    return render(request, "casework/report_handed_over.html", {"report": report})


@login_required
def report_attachment(request, reference, attachment_id):
    report = selectors.report_get_for_user(request.user, reference)
    if report.status == ReportStatus.MOVED:
        raise Http404  # its files moved to the concern with the rest of its content
    if not (selectors.is_est_staff(request.user) or report.reporter_id == request.user.pk):
        raise Http404
    if attachment_id > MAX_BIGINT:
        raise Http404
    attachment = get_object_or_404(report.attachments, pk=attachment_id)
    return uploads.upload_response(attachment.file, download_name=f"bilaga-{attachment.pk}",
                                   inline_image=attachment.reencoded)
