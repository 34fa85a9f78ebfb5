"""The safety survey (trygghetsenkät): years, the staged import and
measures from answers."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from casework.models import Locality
from core.access import allowed

from .. import imports, services, survey_stats
from ..forms import MeasureFromForm, SurveyFactsForm, SurveyUploadForm
from ..models import Survey, SurveyImport, SurveyResult
from .common import manage_required, view_required


@view_required
def survey_list(request):
    return render(request, "insights/survey_list.html", {
        "comparison": survey_stats.survey_years(),
        "can_manage": allowed(request.user, "insights.manage_insights")})


@view_required
def survey_detail(request, year):
    survey = get_object_or_404(Survey, year=year)
    return render(request, "insights/survey_detail.html", {
        "survey": survey, **survey_stats.survey_overview(survey),
        "can_manage": allowed(request.user, "insights.manage_insights")})


@manage_required
def survey_facts(request, year):
    """The year's respondents, invited, wish question and written analysis."""
    survey = get_object_or_404(Survey, year=year)
    questions = list(dict.fromkeys(survey.results.filter(breakdown="total").order_by(
        "row_number").values_list("question", flat=True)))
    form = SurveyFactsForm(request.POST or None, instance=survey, questions=questions)
    if request.method == "POST" and form.is_valid():
        services.survey_update(survey=survey, **{k: form.cleaned_data[k] for k in (
            "invited", "respondents", "wish_question", "analysis")})
        messages.success(request, _("The survey year is saved."))
        return HttpResponseRedirect(reverse("insights:survey-detail", args=[year]))
    return render(request, "insights/form.html", {
        "form": form, "title": _("Numbers and analysis, %(title)s") % {"title": survey.title},
        "back": reverse("insights:survey-detail", args=[year])},
        status=400 if form.errors else 200)


@manage_required
def survey_import(request):
    form = SurveyUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            parsed = imports.parse(upload, locality_names=Locality.objects.values_list(
                "name", flat=True))
        except imports.ImportFileError as error:
            context["file_error"] = error.message
            return render(request, "insights/survey_import.html", context, status=error.status)
        if not parsed.ok:
            context["errors"] = parsed.errors
            context["good_rows"] = len(parsed.rows)
            return render(request, "insights/survey_import.html", context, status=422)
        staged = services.survey_import_stage(
            year=form.cleaned_data["year"], filename=upload.name, rows=parsed.rows,
            user=request.user, invited=form.cleaned_data["invited"],
            respondents=form.cleaned_data["respondents"])
        return HttpResponseRedirect(reverse("insights:survey-preview", args=[staged.pk]))
    return render(request, "insights/survey_import.html", context,
                  status=400 if form.errors else 200)


@manage_required
def survey_preview(request, pk):
    staged = get_object_or_404(SurveyImport, pk=pk, created_by=request.user,
                               confirmed_at__isnull=True)
    if request.method == "POST":
        survey = services.survey_import_confirm(staged=staged, user=request.user)
        messages.success(request, _("The survey results are saved."))
        return HttpResponseRedirect(reverse("insights:survey-detail", args=[survey.year]))
    return render(request, "insights/survey_preview.html", {
        "staged": staged, "replaces": Survey.objects.filter(year=staged.year).exists()})


@manage_required
def survey_result_measure(request, pk):
    result = get_object_or_404(SurveyResult.objects.select_related("survey"), pk=pk)
    form = MeasureFromForm(request.POST or None, initial={"title": result.option})
    if request.method == "POST" and form.is_valid():
        services.survey_result_to_measure(result=result, created_by=request.user,
                                          **form.cleaned_data)
        messages.success(request, _("The measure is created."))
        return HttpResponseRedirect(reverse("insights:survey-detail",
                                            args=[result.survey.year]))
    return render(request, "insights/form.html", {
        "form": form, "title": _("Measure for the wish \"%(option)s\"") % {
            "option": result.option},
        "back": reverse("insights:survey-detail", args=[result.survey.year])},
        status=400 if form.errors else 200)
