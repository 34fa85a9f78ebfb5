"""Lägesbild pages: list, create, notes, joint analysis, publish, PDF, summary."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import allowed
from core.errors import Invalid, ServiceError
from core.forms import add_service_error
from core.pagination import paginate

from .. import forms, pictures, selectors
from ..choices import PictureStatus
from ..models import SituationPicture
from .common import MAX_BIGINT, _require, _status


def _get_picture(user, pk, perm="casework.view_picture"):
    picture = SituationPicture.objects.filter(pk=pk).first() if pk <= MAX_BIGINT else None
    if picture is None or not allowed(user, perm, picture):
        raise Http404
    return picture


@login_required
def picture_list(request):
    _require(request.user, "casework.view_picture_list")
    page = paginate(selectors.picture_list_for_user(request.user), request)
    return render(request, "casework/picture_list.html", {
        "pictures": page.rows, "page": page,
        "can_create": allowed(request.user, "casework.change_picture"),
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
        except Invalid as error:
            add_service_error(form, error)
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
        "can_change": allowed(user, "casework.change_picture", picture)
        and picture.status != PictureStatus.PUBLISHED,
        "can_analyse": allowed(user, "casework.analyse_picture", picture)
        and picture.status != PictureStatus.PUBLISHED,
        "can_publish": allowed(user, "casework.change_picture", picture)
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
        if not allowed(request.user, "casework.change_picture", picture):
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
    if not allowed(request.user, "casework.analyse_picture", picture):
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
    if not allowed(request.user, "casework.change_picture", picture):
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
    from ..pdf import picture_pdf as render_pdf

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
