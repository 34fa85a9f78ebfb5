"""EST pages. Thin: check access (404 for objects the user may not know of),
validate a form, call a service, redirect. Bad input re-renders the form with
its input and a 400."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Organisation
from core import uploads
from core.access import require
from core.pagination import paginate
from workflows import services as submit  # the one exception to the layers (pyproject.toml)

from . import cases, forms, measures, pictures, selectors, services
from .choices import MeasureStatus, MeasureTerm, PictureStatus, ReportStatus
from .errors import ConflictError, ServiceError
from .filters import CaseFilter
from .measures import sections as measure_sections
from .models import SituationPicture

_require = require  # core.access: the one access check (NotAllowed answers 403)


MAX_BIGINT = 2**63 - 1  # ids above this overflow PostgreSQL's bigint: 404, not 500


def _status(form, request):
    return 400 if request.method == "POST" and form.errors else 200


def _add_errors(form, error: ValidationError) -> None:
    """A service's ValidationError onto the form (a field the form lacks goes
    to the form's top)."""
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


# ---------------------------------------------------------------- reports

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


# ---------------------------------------------------------------- cases

@login_required
def case_list(request):
    _require(request.user, "casework.view_case")
    params = request.GET.copy()
    params.pop("sida", None)
    # An invalid filter (a stale bookmark) is shown with its Swedish error
    # and left out; the rest of the filters still apply.
    case_filter = CaseFilter(params, queryset=selectors.case_list())
    cases = case_filter.qs
    page = paginate(cases, request)
    return render(request, "casework/case_list.html", {
        "cases": page.rows, "page": page, "filter": case_filter,
        "total": cases.count(), "query": urlencode(
            {k: v for k, v in params.items() if v and k in case_filter.form.fields}),
    })


def _case_context(case, **extra):
    return {
        "case": case,
        "events": case.events.select_related("actor"),
        "reports": case.reports.est().select_related("locality", "category"),
        # A sensitive group's measure is never tied to a case (services); the
        # filter keeps it so should one ever be.
        "measures": selectors.measures_visible_to(
            None, case.measures.select_related("owner_organisation")),
        "status_form": extra.pop("status_form", None) or forms.CaseStatusForm(
            initial={"version": case.version},
            allowed=services.case_allowed_statuses(case)),
        "close_form": extra.pop("close_form", None) or forms.CaseCloseForm(
            initial={"version": case.version}),
        "note_form": extra.pop("note_form", None) or forms.CaseNoteForm(),
        **extra,
    }


@login_required
def case_detail(request, reference):
    case = selectors.case_get_for_user(request.user, reference)
    return render(request, "casework/case_detail.html", _case_context(case))


@login_required
@require_POST
def case_action(request, reference, action):
    case = selectors.case_get_for_user(request.user, reference)
    form_class = {"status": forms.CaseStatusForm, "avsluta": forms.CaseCloseForm,
                  "anteckning": forms.CaseNoteForm}.get(action)
    if form_class is None:
        raise Http404
    form = form_class(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if action == "status":
                cases.case_set_status(case=case, status=data["status"], actor=request.user,
                                         version=data["version"], note=data["note"])
            elif action == "avsluta":
                cases.case_close(case=case, outcome=data["outcome"], actor=request.user,
                                    version=data["version"])
            else:
                cases.case_add_note(case=case, actor=request.user, text=data["text"])
        except ServiceError as error:
            messages.error(request, str(error))
            status = 409 if isinstance(error, ConflictError) else 400
            return render(request, "casework/case_detail.html", _case_context(case),
                          status=status)
        messages.success(request, _("Saved."))
        return redirect("casework:case-detail", case.reference)
    key = {"status": "status_form", "avsluta": "close_form", "anteckning": "note_form"}[action]
    return render(request, "casework/case_detail.html", _case_context(case, **{key: form}),
                  status=400)


# ---------------------------------------------------------------- lägesbild

def _get_picture(user, pk, perm="casework.view_picture"):
    picture = SituationPicture.objects.filter(pk=pk).first() if pk <= MAX_BIGINT else None
    if picture is None or not user.has_perm(perm, picture):
        raise Http404
    return picture


@login_required
def picture_list(request):
    _require(request.user, "casework.view_picture_list")
    page = paginate(selectors.picture_list_for_user(request.user), request)
    return render(request, "casework/picture_list.html", {
        "pictures": page.rows, "page": page,
        "can_create": request.user.has_perm("casework.change_picture"),
    })


@login_required
def picture_create(request):
    _require(request.user, "casework.change_picture")
    form = forms.PictureCreateForm(request.POST or None,
                                   initial={"period_start": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            picture = pictures.picture_create(
                actor=request.user, period_kind=data["period_kind"],
                period_start=data["period_start"], period_end=data.get("period_end"),
                title=data.get("title") or "")
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return redirect("casework:picture-detail", picture.pk)
    return render(request, "casework/picture_form.html", {"form": form},
                  status=_status(form, request))


def _picture_context(request, picture, **extra):
    user = request.user
    return {
        "picture": picture, "figures": selectors.picture_figures(picture),
        "measures": selectors.measures_visible_to(
            request.user, picture.measures.select_related("owner_organisation", "owner")),
        "can_change": user.has_perm("casework.change_picture", picture)
        and picture.status != PictureStatus.PUBLISHED,
        "can_analyse": user.has_perm("casework.analyse_picture", picture)
        and picture.status != PictureStatus.PUBLISHED,
        "can_publish": user.has_perm("casework.change_picture", picture)
        and picture.status == PictureStatus.ANALYSED,
        "notes_form": extra.pop("notes_form", None) or forms.PictureNotesForm(initial={
            "highlights": picture.highlights, "notes": picture.notes,
            "version": picture.version}),
        "publish_form": forms.VersionForm(initial={"version": picture.version}),
        **extra,
    }


@login_required
def picture_detail(request, pk):
    picture = _get_picture(request.user, pk)
    if request.method == "POST":
        if not request.user.has_perm("casework.change_picture", picture):
            raise PermissionDenied
        form = forms.PictureNotesForm(request.POST)
        if form.is_valid():
            try:
                pictures.picture_update(picture=picture, actor=request.user,
                                        version=form.cleaned_data["version"],
                                        highlights=form.cleaned_data["highlights"],
                                        notes=form.cleaned_data["notes"])
            except ServiceError as error:
                messages.error(request, str(error))
                return render(request, "casework/picture_detail.html",
                              _picture_context(request, picture, notes_form=form), status=409)
            messages.success(request, _("Saved."))
            return redirect("casework:picture-detail", picture.pk)
        return render(request, "casework/picture_detail.html",
                      _picture_context(request, picture, notes_form=form), status=400)
    return render(request, "casework/picture_detail.html", _picture_context(request, picture))


@login_required
def picture_analysis(request, pk):
    picture = _get_picture(request.user, pk)
    if not request.user.has_perm("casework.analyse_picture", picture):
        raise Http404
    form = forms.PictureAnalysisForm(request.POST or None, initial={
        "analysis": picture.analysis, "version": picture.version})
    if request.method == "POST" and form.is_valid():
        try:
            pictures.picture_record_analysis(
                picture=picture, actor=request.user, version=form.cleaned_data["version"],
                analysis=form.cleaned_data["analysis"],
                proposed_measures=form.cleaned_data["proposed_measures"])
        except ServiceError as error:
            messages.error(request, str(error))
            return render(request, "casework/picture_analysis.html",
                          {"form": form, "picture": picture}, status=409)
        messages.success(request, _("The joint analysis is recorded."))
        return redirect("casework:picture-detail", picture.pk)
    return render(request, "casework/picture_analysis.html", {"form": form, "picture": picture},
                  status=_status(form, request))


@login_required
@require_POST
def picture_publish(request, pk):
    picture = _get_picture(request.user, pk)
    if not request.user.has_perm("casework.change_picture", picture):
        raise PermissionDenied
    form = forms.VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Reload the page and try again."))
        return redirect("casework:picture-detail", picture.pk)
    try:
        pictures.picture_publish(picture=picture, actor=request.user,
                                 version=form.cleaned_data["version"])
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Published. Feedback goes out to the reporters and "
                                    "management."))
    return redirect("casework:picture-detail", picture.pk)


@login_required
def picture_pdf(request, pk):
    from .pdf import picture_pdf as render_pdf

    picture = _get_picture(request.user, pk)
    # Published: the document stored when it was published, not a new render.
    if picture.document:
        with picture.document.open("rb") as stored:
            content = stored.read()
    else:
        content = render_pdf(picture)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="lagesbild-{picture.period_start.isoformat()}.pdf"')
    return response


@login_required
def picture_summary(request, pk):
    picture = _get_picture(request.user, pk, perm="casework.view_picture_summary")
    return render(request, "casework/picture_summary.html", {
        "picture": picture, "figures": selectors.picture_figures(picture),
        # The summary goes out to reporters: only what any reader may see.
        "measures": selectors.measures_visible_to(
            None, picture.measures.select_related("owner_organisation")),
    })


# ---------------------------------------------------------------- measures

def _get_measure(request, pk):
    if pk > MAX_BIGINT:
        raise Http404
    return selectors.measure_for_user(user=request.user, pk=pk, request=request)


@login_required
def measure_list(request):
    user = request.user
    params = request.GET
    mine = params.get("mina") == "1"
    if not (user.has_perm("casework.view_measure_list") or mine):
        raise PermissionDenied
    status = params.get("status") if params.get("status") in MeasureStatus.values else ""
    term = params.get("sikt") if params.get("sikt") in MeasureTerm.values else ""
    try:
        organisation_id = int(params.get("organisation") or 0) or None
    except ValueError:
        organisation_id = None
    if organisation_id is not None and not 0 < organisation_id <= MAX_BIGINT:
        organisation_id = None
    overdue = params.get("forsenade") == "1"
    page = paginate(selectors.measure_list(
        user=user, status=status, organisation_id=organisation_id, overdue=overdue, term=term,
        owner_id=user.pk if mine else None), request)
    measures = page.rows
    today = timezone.localdate()
    for measure in measures:
        measure.is_overdue = selectors.measure_is_overdue(measure, today)
    query = urlencode({k: v for k, v in {
        "status": status, "sikt": term, "organisation": organisation_id or "",
        "forsenade": "1" if overdue else "", "mina": "1" if mine else ""}.items() if v})
    return render(request, "casework/measure_list.html", {
        "measures": measures, "page": page, "query": query,
        "status": status, "term": term, "organisation_id": organisation_id, "overdue": overdue,
        "mine": mine, "statuses": MeasureStatus.choices, "terms": MeasureTerm.choices,
        "organisations": Organisation.objects.only("id", "name"),
        "can_add": user.has_perm("casework.add_measure"),
    })


@login_required
def measure_create(request):
    _require(request.user, "casework.add_measure")
    initial = {}
    if request.GET.get("lagesbild", "").isdigit():
        initial["situation_picture"] = request.GET["lagesbild"]
    form = forms.MeasureForm(request.POST or None, initial=initial, user=request.user)
    status = _status(form, request)
    if request.method == "POST" and form.is_valid():
        data, target = form.split_target()
        data.pop("version", None)
        cases = data.pop("cases", None) or ()
        try:
            measure = measures.measure_create(actor=request.user, cases=cases, target=target,
                                              **data)
        except ValidationError as error:
            _add_errors(form, error)
            status = 400
        else:
            messages.success(request, _("The measure is saved."))
            return redirect("casework:measure-detail", measure.pk)
    return render(request, "casework/measure_form.html", {"form": form}, status=status)


@login_required
def measure_detail(request, pk):
    measure = _get_measure(request, pk)
    can_change = request.user.has_perm("casework.change_measure", measure)
    form = forms.FollowUpForm(request.POST or None)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            measures.measure_follow_up_add(measure=measure, actor=request.user,
                                           note=form.cleaned_data["note"],
                                           status_after=form.cleaned_data["status_after"])
            messages.success(request, _("The follow-up is saved."))
            return redirect("casework:measure-detail", measure.pk)
    # Sections of other apps (the effect follow-up): a bad GET parameter of
    # theirs answers 400 with their Swedish error, the rest of the page intact.
    sections = measure_sections.sections_for(request, measure)
    status = max([_status(form, request)] + [section.status for section in sections])
    return render(request, "casework/measure_detail.html", {
        "measure": measure, "form": form, "can_change": can_change,
        "follow_ups": measure.follow_ups.select_related("author"),
        "cases": measure.cases.all(), "sections": sections,
        "is_overdue": selectors.measure_is_overdue(measure),
    }, status=status)


@login_required
def measure_edit(request, pk):
    measure = _get_measure(request, pk)
    if not request.user.has_perm("casework.change_measure", measure):
        raise Http404
    initial = {name: getattr(measure, name) for name in measures.MEASURE_FIELDS}
    initial.update(version=measure.version, cases=list(measure.cases.all()),
                   categories=list(measure.categories.all()),
                   **{name: getattr(measure, name) for name in (
                       "locality", "latitude", "longitude", "radius_m", "buffer_m",
                       "effective_on")})
    form = forms.MeasureForm(request.POST or None, initial=initial, user=request.user)
    status = _status(form, request)
    if request.method == "POST" and form.is_valid():
        data, target = form.split_target()
        version = data.pop("version")
        cases = data.pop("cases", None)  # None: the links stay as they are
        try:
            measures.measure_update(measure=measure, actor=request.user, version=version,
                                    cases=cases, target=target, **data)
        except ConflictError as error:
            messages.error(request, str(error))
            status = 409
        except ValidationError as error:
            _add_errors(form, error)
            status = 400
        else:
            messages.success(request, _("The measure is saved."))
            return redirect("casework:measure-detail", measure.pk)
    return render(request, "casework/measure_form.html", {"form": form, "measure": measure},
                  status=status)
