"""The action plan pages (/handlingsplan/). Thin: access and logging through
actionplan.access, changes through actionplan.services. Outsiders get 404
everywhere (logged); every page that shows the plan logs a read first."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from audit.services import access_log_write
from concerns.rendering import fail_closed
from core.errors import Invalid
from core.forms import add_service_error, service_error_messages

from . import services
from .access import Action, can_edit_plan, log, plan_get_for_user, require_editor, require_reader
from .forms import AdoptForm, FollowUpForm, GoalForm, GoalMeasureForm, PlanEditForm, PlanForm
from .models import Goal
from .pdf import plan_pdf
from .selectors import plan_list, plan_view


def _render(request, template, context, *, plan, status=200):
    """Render a page showing `plan`: the read row first (fail closed)."""
    log(user=request.user, request=request, plan=plan, action=Action.READ)
    return render(request, template, {"plan": plan, **context}, status=status)


def _posted(request):
    """The POST data on a POST (an empty POST is still a bound, invalid form)."""
    return request.POST if request.method == "POST" else None


def _status(form, request) -> int:
    return 400 if request.method == "POST" and form.errors else 200


def _change(request, form, change, *, plan=None, done: str, action=Action.CHANGE):
    """Run one service change for a valid form. Done: the change is logged, `done`
    is shown and the answer is the plan page (`plan`, or what `change` returns
    when it makes the plan). Refused: the service's reasons go on the form and
    the answer is None, so the view shows the form again (400)."""
    try:
        result = change()
    except Invalid as error:
        add_service_error(form, error)
        return None
    plan = plan or result
    log(user=request.user, request=request, plan=plan, action=action)
    messages.success(request, done)
    return redirect("actionplan:plan-detail", plan.pk)


@login_required
@fail_closed
def plan_index(request):
    basis = require_reader(request.user, request)
    access_log_write(user=request.user, action=Action.LIST, basis=basis,
                     object_type="action-plan-list", request=request)
    return render(request, "actionplan/plan_list.html", {
        "plans": list(plan_list()), "can_edit": can_edit_plan(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
@fail_closed
def plan_create(request):
    require_editor(request.user, request)
    form = PlanForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        if done := _change(request, form, lambda: services.plan_create(
                actor=request.user, **form.cleaned_data),
                done=_("The action plan is created. Add its goals."), action=Action.CREATE):
            return done
    return render(request, "actionplan/plan_form.html", {"form": form},
                  status=_status(form, request))


def _detail(request, plan, *, goal_form=None, status=200):
    editable = can_edit_plan(request.user)
    return _render(request, "actionplan/plan_detail.html", {
        "view": plan_view(plan), "can_edit": editable,
        "goal_form": goal_form or (GoalForm() if editable else None),
        "years": range(plan.start_year, plan.end_year + 1),
    }, plan=plan, status=status)


@login_required
@fail_closed
def plan_detail(request, pk):
    plan = plan_get_for_user(user=request.user, pk=pk, request=request, action=None)
    return _detail(request, plan)


@login_required
@require_http_methods(["GET", "POST"])
@fail_closed
def plan_edit(request, pk):
    plan = plan_get_for_user(user=request.user, pk=pk, request=request, action=None, edit=True)
    initial = {name: getattr(plan, name) for name in services.PLAN_FIELDS}
    form = PlanEditForm(_posted(request), initial={**initial, "version": plan.version})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        if done := _change(request, form, lambda: services.plan_update(
                plan=plan, actor=request.user, version=version, **data),
                plan=plan, done=_("The action plan is saved.")):
            return done
    adopt_form = AdoptForm(initial={"version": plan.version})
    return _render(request, "actionplan/plan_edit.html",
                   {"form": form, "adopt_form": adopt_form}, plan=plan,
                   status=_status(form, request))


@login_required
@require_POST
@fail_closed
def plan_adopt(request, pk):
    plan = plan_get_for_user(user=request.user, pk=pk, request=request, action=None, edit=True)
    adopt_form = AdoptForm(request.POST)
    if adopt_form.is_valid():
        if done := _change(request, adopt_form, lambda: services.plan_adopt(
                plan=plan, actor=request.user, **adopt_form.cleaned_data),
                plan=plan, done=_("The action plan is marked as adopted.")):
            return done
    initial = {name: getattr(plan, name) for name in services.PLAN_FIELDS}
    form = PlanEditForm(initial={**initial, "version": plan.version})
    return _render(request, "actionplan/plan_edit.html",
                   {"form": form, "adopt_form": adopt_form}, plan=plan, status=400)


@login_required
@require_POST
@fail_closed
def goal_create(request, pk):
    plan = plan_get_for_user(user=request.user, pk=pk, request=request, action=None, edit=True)
    form = GoalForm(request.POST)
    if form.is_valid():
        if done := _change(request, form, lambda: services.goal_add(
                plan=plan, actor=request.user, **form.cleaned_data),
                plan=plan, done=_("The goal is added.")):
            return done
    return _detail(request, plan, goal_form=form, status=400)


def _goal(plan, goal_pk) -> Goal:
    goal = Goal.objects.filter(plan=plan, pk=goal_pk).first()
    if goal is None:
        raise Http404
    return goal


@login_required
@require_http_methods(["GET", "POST"])
@fail_closed
def goal_edit(request, pk, goal_pk):
    plan = plan_get_for_user(user=request.user, pk=pk, request=request, action=None, edit=True)
    goal = _goal(plan, goal_pk)
    form = GoalForm(_posted(request), initial={"title": goal.title,
                                               "description": goal.description})
    if request.method == "POST" and form.is_valid():
        if done := _change(request, form, lambda: services.goal_update(
                goal=goal, actor=request.user, **form.cleaned_data),
                plan=plan, done=_("The goal is saved.")):
            return done
    return _render(request, "actionplan/goal_form.html", {"form": form, "goal": goal},
                   plan=plan, status=_status(form, request))


@login_required
@require_http_methods(["GET", "POST"])
@fail_closed
def goal_remove(request, pk, goal_pk):
    """GET: the confirmation page (or why the goal stays); POST: remove it."""
    plan = plan_get_for_user(user=request.user, pk=pk, request=request, action=None, edit=True)
    goal = _goal(plan, goal_pk)
    errors, status = [], 200
    if request.method == "POST":
        try:
            services.goal_remove(goal=goal, actor=request.user)
        except Invalid as error:
            errors, status = service_error_messages(error), 400
        else:
            log(user=request.user, request=request, plan=plan, action=Action.CHANGE)
            messages.success(request, _("Goal %(number)s is removed.") % {
                "number": goal.number})
            return redirect("actionplan:plan-detail", plan.pk)
    return _render(request, "actionplan/goal_remove.html", {
        "goal": goal, "errors": errors, "reason": "" if errors else services.goal_removable(goal),
    }, plan=plan, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@fail_closed
def goal_measure_create(request, pk, goal_pk):
    plan = plan_get_for_user(user=request.user, pk=pk, request=request, action=None, edit=True)
    goal = _goal(plan, goal_pk)
    form = GoalMeasureForm(_posted(request), group=plan.working_group)
    if request.method == "POST" and form.is_valid():
        if done := _change(request, form, lambda: services.goal_measure_add(
                goal=goal, actor=request.user, **form.cleaned_data),
                plan=plan, done=_("The measure is saved; its owner is told by e-mail.")):
            return done
    return _render(request, "actionplan/measure_form.html", {"form": form, "goal": goal},
                   plan=plan, status=_status(form, request))


@login_required
@require_http_methods(["GET", "POST"])
@fail_closed
def follow_up(request, pk, year):
    editing = request.method == "POST"
    plan = plan_get_for_user(user=request.user, pk=pk, request=request, action=None,
                             edit=editing)
    if year < plan.start_year or year > plan.end_year:
        raise Http404
    goals = list(plan.goals.all())
    existing = plan.follow_ups.filter(year=year).first()
    initial = {}
    if existing is not None:
        initial["summary"] = existing.summary
        for assessment in existing.assessments.all():
            initial[f"status_{assessment.goal_id}"] = assessment.status
            initial[f"assessment_{assessment.goal_id}"] = assessment.assessment
    form = FollowUpForm(_posted(request), initial=initial, goals=goals)
    if editing and form.is_valid():
        if done := _change(request, form, lambda: services.follow_up_record(
                plan=plan, actor=request.user, year=year,
                summary=form.cleaned_data["summary"], assessments=form.assessments()),
                plan=plan, done=_("The follow-up for %(year)s is saved.") % {"year": year}):
            return done
    assessments = existing.assessments.select_related("goal") if existing else ()
    return _render(request, "actionplan/follow_up_form.html", {
        "form": form, "year": year, "existing": existing, "assessments": assessments,
        "can_edit": can_edit_plan(request.user)}, plan=plan, status=_status(form, request))


@login_required
@fail_closed
def plan_pdf_download(request, pk):
    plan = plan_get_for_user(user=request.user, pk=pk, request=request, action=Action.EXPORT)
    response = HttpResponse(plan_pdf(plan), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="handlingsplan-{plan.start_year}-{plan.end_year}.pdf"')
    return response
