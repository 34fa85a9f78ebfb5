"""Concern and referral pages. Thin: access and logging through
`concerns.access`, changes through `concerns.services`. Users without access
get 404 everywhere; if the access log cannot be written nothing is shown."""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.roles import Role, has_role
from audit.models import AccessLogEntry
from audit.services import access_log_write, access_log_write_many
from core.access import require
from core.blank_forms import form_fields_html
from core.errors import Invalid
from core.forms import service_error_messages
from core.spreadsheet import csv_response
from core.uploads import upload_response

from . import services
from .access import (
    Basis,
    concern_basis,
    concern_get_for_user,
    is_receiver,
    referral_get_for_user,
    referrals_addressed_to,
)
from .choices import Source
from .filters import ConcernFilter
from .forms import (
    AnswerForm,
    CloseForm,
    ConcernEditForm,
    ConcernForm,
    FeedbackForm,
    NoActionForm,
    PoliceForm,
    ReferralForm,
    StaffConcernForm,
    StatisticsForm,
    TriageForm,
)
from .models import Referral
from .referral_page import facts_html, referral_page_for
from .rendering import fail_closed, render_shown
from .selectors import concern_list, concern_statistics, quarter_end, quarter_label

Action = AccessLogEntry.Action


def _handler_basis(request) -> str:
    basis = concern_basis(request.user)
    if basis == Basis.NONE:
        access_log_write(user=request.user, action=Action.DENIED, basis=Basis.NONE,
                         object_type="concern-list", request=request)
        raise Http404
    return basis


@login_required
@fail_closed
def concern_index(request):
    basis = _handler_basis(request)
    access_log_write(user=request.user, action=Action.LIST, basis=basis,
                     object_type="concern-list", request=request)
    concern_filter = ConcernFilter(request.GET, queryset=concern_list())
    concerns = list(concern_filter.qs[:200])
    return render(request, "concerns/concern_list.html", {
        "concerns": concerns, "filter": concern_filter,
    })


@login_required
@fail_closed
def concern_export(request):
    """CSV of the concern list (no names, personnummer masked). One export row
    in the access log per concern exported."""
    basis = _handler_basis(request)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response, writer = csv_response(f"oro-arenden-{stamp}.csv")
    writer.writerow([_("Reference"), _("Recorded"), _("Status"), _("Environment"),
                     _("Urgency"), _("Personal identity number"), _("Routes"), _("Outcome")])
    concerns = list(concern_list())
    # Logged before anything is written (fail closed), in one INSERT.
    access_log_write_many(user=request.user, action=Action.EXPORT, basis=basis,
                          objects=[("concern", c.pk, c.reference) for c in concerns],
                          request=request)
    for concern in concerns:
        writer.writerow([
            concern.reference, timezone.localtime(concern.created_at).strftime("%Y-%m-%d"),
            concern.get_status_display(), concern.get_environment_display(),
            concern.get_urgency_display(), concern.masked_personnummer,
            ", ".join(services.concern_routes(concern)), concern.get_outcome_display(),
        ])
    return response


@login_required
@require_http_methods(["GET", "POST"])
@fail_closed
def concern_create(request):
    _handler_basis(request)
    form = ConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        source = data.pop("source")
        concern = services.concern_create(actor=request.user, data=data, source=source,
                                          request=request)
        messages.success(request, _("Concern %(ref)s recorded.") % {"ref": concern.reference})
        return redirect("concerns:concern-detail", pk=concern.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "concerns/concern_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@fail_closed
def concern_report(request):
    """The staff form: any logged-in user may raise a concern. It only
    creates; the page never shows any concern back, not even the reference."""
    require(request.user, "concerns.raise_concern", conceal=True)
    form = StaffConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.concern_create(actor=request.user, data=dict(form.cleaned_data),
                                source=Source.STAFF_FORM, request=request)
        return redirect("concerns:concern-report-thanks")
    status = 400 if request.method == "POST" else 200
    return render(request, "concerns/concern_report.html", {"form": form}, status=status)


@login_required
def concern_report_thanks(request):
    return render(request, "concerns/concern_report_thanks.html")


@login_required
@fail_closed
def concern_detail(request, pk):
    concern = concern_get_for_user(user=request.user, pk=pk, request=request, action=None)
    referrals = list(concern.referrals.select_related("receiver_unit", "receiver_user"))
    return render_shown(request, "concerns/concern_detail.html", {
        "concern": concern, "referrals": referrals,
        "attachments": list(concern.attachments.all()),
        "routes": services.concern_routes(concern),
        "events": concern.events.select_related("actor"),
        "close_form": CloseForm(),
    }, shown=concern)


@login_required
@fail_closed
def concern_attachment(request, pk, attachment_id):
    """A file of the concern (e.g. handed over with an EST report), for the
    concern's handlers only; the read is logged like the concern's. How files
    are served follows every upload's (core.uploads)."""
    concern = concern_get_for_user(user=request.user, pk=pk, request=request)
    attachment = concern.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404
    # served like every upload (core.uploads): type from the stored bytes,
    # sandboxed, always a download on the concern side
    return upload_response(attachment.file, download_name=f"bilaga-{attachment.pk}",
                           inline_image=False)


def _action_view(request, pk, form_class, template, run, *, form_kwargs=None, instance=False):
    """GET shows the form, POST validates and calls `run`; every rendering
    (GET, or POST with errors) is a logged read."""
    concern = concern_get_for_user(user=request.user, pk=pk, request=request, action=None)
    kwargs = dict(form_kwargs or {})
    if instance:
        kwargs["instance"] = concern
    if form_class is ReferralForm:
        kwargs["concern"] = concern
    form = form_class(request.POST or None, **kwargs)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            run(concern, form.cleaned_data)
        except Invalid as error:
            errors = service_error_messages(error)
        else:
            return redirect("concerns:concern-detail", pk=concern.pk)
    status = 400 if request.method == "POST" else 200
    return render_shown(request, template,
                        {"concern": concern, "form": form, "errors": errors},
                        shown=concern, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@fail_closed
def concern_triage(request, pk):
    def run(concern, data):
        services.concern_triage(actor=request.user, concern_id=concern.pk, data=data,
                                request=request)
        messages.success(request, _("Triage saved."))

    return _action_view(request, pk, TriageForm, "concerns/concern_triage.html", run,
                        instance=True)


@login_required
@require_http_methods(["GET", "POST"])
@fail_closed
def concern_edit(request, pk):
    """Complete the intake details afterwards (a concern handed over from EST
    arrives with the report's text, urgency, place and files, but without a
    name, age group or environment)."""
    def run(concern, data):
        services.concern_update(actor=request.user, concern_id=concern.pk, data=data,
                                request=request)
        messages.success(request, _("Details saved."))

    return _action_view(request, pk, ConcernEditForm, "concerns/concern_edit.html", run,
                        instance=True)


@login_required
@require_http_methods(["GET", "POST"])
@fail_closed
def referral_create(request, pk):
    def run(concern, data):
        services.referral_send(
            actor=request.user, concern_id=concern.pk, kind=data["kind"],
            receiver_unit=data.get("receiver_unit"), receiver_user=data.get("receiver_user"),
            message=data.get("message", ""),
            child_report_made=data.get("child_report_made", False),
            child_report_made_on=data.get("child_report_made_on"), request=request)
        messages.success(request, _("Referral sent. The receiver has been notified."))

    return _action_view(request, pk, ReferralForm, "concerns/referral_form.html", run)


@login_required
@require_http_methods(["GET", "POST"])
@fail_closed
def concern_police(request, pk):
    def run(concern, data):
        services.concern_police_handoff(actor=request.user, concern_id=concern.pk,
                                        request=request, **data)
        messages.success(request, _("Hand-off to the police recorded."))

    return _action_view(request, pk, PoliceForm, "concerns/concern_police.html", run)


@login_required
@require_http_methods(["GET", "POST"])
@fail_closed
def concern_no_action(request, pk):
    def run(concern, data):
        services.concern_no_action(actor=request.user, concern_id=concern.pk,
                                   reason=data["reason"], request=request)
        messages.success(request, _("No action recorded."))

    return _action_view(request, pk, NoActionForm, "concerns/concern_no_action.html", run)


@login_required
@require_http_methods(["GET", "POST"])
@fail_closed
def concern_close(request, pk):
    def run(concern, data):
        services.concern_close(actor=request.user, concern_id=concern.pk,
                               outcome=data["outcome"], request=request)
        messages.success(request, _("Concern closed."))

    return _action_view(request, pk, CloseForm, "concerns/concern_close.html", run)


@login_required
@require_http_methods(["POST"])
@fail_closed
def concern_reopen(request, pk):
    concern = concern_get_for_user(user=request.user, pk=pk, request=request, action=None)
    try:
        services.concern_reopen(actor=request.user, concern_id=concern.pk, request=request)
    except Invalid as error:
        for text in service_error_messages(error):
            messages.error(request, text)
        return render_shown(request, "concerns/concern_error.html",
                            {"concern": concern, "errors": service_error_messages(error)},
                            shown=concern, status=409)
    messages.success(request, _("Concern reopened."))
    return redirect("concerns:concern-detail", pk=concern.pk)


# Referrals ---------------------------------------------------------------

@login_required
@fail_closed
def referral_inbox(request):
    """Referrals addressed to me (social services), or all (coordinator)."""
    basis = concern_basis(request.user)
    if basis != Basis.NONE:
        referrals = Referral.objects.all()
    elif has_role(request.user, Role.SOCIAL_SERVICES):
        referrals = referrals_addressed_to(request.user)
        basis = Basis.RECEIVER
    else:
        access_log_write(user=request.user, action=Action.DENIED, basis=Basis.NONE,
                         object_type="referral-list", request=request)
        raise Http404
    access_log_write(user=request.user, action=Action.LIST, basis=basis,
                     object_type="referral-list", request=request)
    referrals = list(referrals.select_related("concern").order_by("status", "due_on")[:200])
    return render(request, "concerns/referral_inbox.html", {"referrals": referrals})


@login_required
@require_http_methods(["GET", "POST"])
@fail_closed
def referral_detail(request, pk):
    """The referral for its receiver (and the coordinator and deputy): a GET
    is one statement for the read and its log row (referral_page.py); a POST
    answers or reports back through the services and redirects, or shows
    the page again with the refusal, read and logged the same way."""
    if request.method == "POST":
        return _referral_post(request, pk)
    return _referral_page(request, referral_page_for(user=request.user, pk=pk, request=request))


def _referral_page(request, page, *, answer_form=None, feedback_form=None, errors=(),
                   status=200):
    receiver = page.is_receiver(request.user)
    return render(request, "concerns/referral_detail.html", {
        "referral": page, "receiver": receiver, "facts": facts_html(page),
        # fields rendered once per process while unbound (core/blank_forms.py)
        "answer_fields": form_fields_html(answer_form or AnswerForm)
        if receiver and page.awaiting else "",
        "feedback_fields": form_fields_html(feedback_form or FeedbackForm)
        if receiver and page.accepted else "",
        "errors": errors,
    }, status=status)


def _referral_post(request, pk):
    referral = referral_get_for_user(user=request.user, pk=pk, request=request, action=None)
    if not is_receiver(request.user, referral):
        raise Http404
    chosen = request.POST.get("form")
    answer_form = AnswerForm(request.POST if chosen == "answer" else None)
    feedback_form = FeedbackForm(request.POST if chosen == "feedback" else None)
    errors, status = [], 400
    try:
        if answer_form.is_bound and answer_form.is_valid():
            services.referral_answer(actor=request.user, referral_id=referral.pk,
                                     accept=answer_form.cleaned_data["decision"] == "accept",
                                     reason=answer_form.cleaned_data.get("reason", ""),
                                     request=request)
            messages.success(request, _("Acknowledgement sent to the coordinator."))
            return redirect("concerns:referral-detail", pk=referral.pk)
        if feedback_form.is_bound and feedback_form.is_valid():
            services.referral_report_status(
                actor=request.user, referral_id=referral.pk,
                status=feedback_form.cleaned_data["status"], request=request)
            messages.success(request, _("Status reported to the coordinator."))
            return redirect("concerns:referral-detail", pk=referral.pk)
    except Invalid as error:
        errors, status = service_error_messages(error), 409
    page = referral_page_for(user=request.user, pk=referral.pk, request=request)
    return _referral_page(request, page, answer_form=answer_form, feedback_form=feedback_form,
                          errors=errors, status=status)


@login_required
def concern_statistics_view(request):
    """Anonymous counts for the lägesbild meetings (small numbers suppressed)."""
    require(request.user, "concerns.view_statistics", conceal=True)
    today = timezone.localdate()
    start, end = today.replace(month=1, day=1), quarter_end(today)
    form = StatisticsForm(request.GET or None, initial={"start": start, "end": end})
    status = 200
    if form.is_bound:
        if form.is_valid():
            start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        else:
            status = 400
    rows = concern_statistics(start=start, end=end)
    for row in rows:
        row["quarter_label"] = quarter_label(row["quarter"])
    return render(request, "concerns/statistics.html",
                  {"form": form, "rows": rows, "start": start, "end": end}, status=status)
