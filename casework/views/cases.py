"""Case pages: the list, the detail and its actions (status, close, note)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import Conflict, ServiceError
from core.pagination import paginate

from .. import cases, forms, selectors, services
from ..filters import CaseFilter
from .common import _require


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
            status = 409 if isinstance(error, Conflict) else 400
            return render(request, "casework/case_detail.html", _case_context(case),
                          status=status)
        messages.success(request, _("Saved."))
        return redirect("casework:case-detail", case.reference)
    key = {"status": "status_form", "avsluta": "close_form", "anteckning": "note_form"}[action]
    return render(request, "casework/case_detail.html", _case_context(case, **{key: form}),
                  status=400)
