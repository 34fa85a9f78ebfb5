"""Medborgarlöften: promises, signatories, commitments and the follow-up
exports."""

from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.access import allowed
from core.errors import Invalid
from core.forms import add_service_error

from .. import exports, reports, services
from ..forms import CommitmentForm, PromiseForm, SignatoryForm
from ..models import CitizenPromise
from .common import download, local_today, manage_required, view_required


@view_required
def promise_list(request):
    return render(request, "insights/promise_list.html", {
        "promises": CitizenPromise.objects.select_related("locality"),
        "can_manage": allowed(request.user, "insights.manage_insights")})


@manage_required
def promise_create(request):
    form = PromiseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        promise = services.promise_create(**form.cleaned_data)
        return HttpResponseRedirect(reverse("insights:promise-detail", args=[promise.pk]))
    return render(request, "insights/form.html", {"form": form, "title": _("New citizen promise")},
                  status=400 if form.errors else 200)


@view_required
def promise_detail(request, pk):
    promise = get_object_or_404(CitizenPromise.objects.select_related("locality"), pk=pk)
    return render(request, "insights/promise_detail.html", {
        "promise": promise, "signatories": promise.signatories.select_related("organisation"),
        "commitments": services.promise_commitments(promise), "today": local_today(),
        "can_manage": allowed(request.user, "insights.manage_insights")})


@manage_required
def promise_sign(request, pk):
    promise = get_object_or_404(CitizenPromise, pk=pk)
    form = SignatoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.promise_sign(promise=promise, **form.cleaned_data)
        return HttpResponseRedirect(reverse("insights:promise-detail", args=[promise.pk]))
    return render(request, "insights/form.html", {
        "form": form, "title": _("Add signatory"),
        "back": reverse("insights:promise-detail", args=[promise.pk])},
        status=400 if form.errors else 200)


@manage_required
def promise_commitment(request, pk):
    promise = get_object_or_404(CitizenPromise, pk=pk)
    form = CommitmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.promise_commitment_add(promise=promise, created_by=request.user,
                                            **form.cleaned_data)
        except Invalid as error:
            add_service_error(form, error)
        else:
            return HttpResponseRedirect(reverse("insights:promise-detail", args=[promise.pk]))
    return render(request, "insights/form.html", {
        "form": form, "title": _("Add commitment"),
        "back": reverse("insights:promise-detail", args=[promise.pk])},
        status=400 if form.errors else 200)


def _promise_table(promise):
    return reports.promise_table(promise, services.promise_commitments(promise), local_today())


@view_required
def promise_csv(request, pk):
    promise = get_object_or_404(CitizenPromise, pk=pk)
    return download(exports.to_csv(_promise_table(promise)), "text/csv; charset=utf-8",
                     f"medborgarlofte-{promise.pk}.csv")


@view_required
def promise_xlsx(request, pk):
    promise = get_object_or_404(CitizenPromise, pk=pk)
    return download(exports.to_xlsx([_promise_table(promise)]),
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     f"medborgarlofte-{promise.pk}.xlsx")
