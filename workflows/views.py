"""The triage inbox (/inkorg/): my tasks and the unclaimed queue, claim,
release, reassign, and the triage decision. Thin: forms validate, services act."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from viewflow.workflow.exceptions import FlowLockFailed

from accounts.roles import Role, is_est_staff
from casework.choices import Urgency
from casework.forms import ReassignForm, TriageForm
from casework.models import Category, Locality
from casework.services import ServiceError

from . import selectors, services


def _require_staff(user):
    if not is_est_staff(user):
        raise PermissionDenied


def _get_task_for_user(user, task_id):
    """The open triage task, or 404 (also for users who may not triage)."""
    if not is_est_staff(user):
        raise Http404
    task = (selectors.triage_tasks()
            .select_related("owner", "process__reportprocess__report__locality",
                            "process__reportprocess__report__category",
                            "process__reportprocess__report__reporter",
                            "process__reportprocess__report__organisation")
            .filter(pk=task_id).first())
    if task is None:
        raise Http404
    return task


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def inbox(request):
    _require_staff(request.user)
    params = request.GET
    view = params.get("vy") if params.get("vy") in ("mine", "queue", "all") else "all"
    sort = params.get("sortera") if params.get("sortera") in selectors.SORTS else "newest"
    filters = {
        "locality": _int(params.get("ort")),
        "category": _int(params.get("kategori")),
        "age": params.get("alder") if params.get("alder") in selectors.AGES else "",
        "urgency": params.get("bradska") if params.get("bradska") in Urgency.values else "",
    }
    page = _int(params.get("sida")) or 1
    tasks, has_next = selectors.inbox_page(user=request.user, view=view, sort=sort, page=page,
                                           **filters)
    query = urlencode({k: v for k, v in {
        "vy": view, "sortera": sort, "ort": filters["locality"] or "",
        "kategori": filters["category"] or "", "alder": filters["age"],
        "bradska": filters["urgency"]}.items() if v})
    return render(request, "workflows/inbox.html", {
        "tasks": tasks, "view": view, "sort": sort, "filters": filters, "page": page,
        "has_next": has_next, "query": query,
        "localities": Locality.objects.filter(is_active=True).only("id", "name"),
        "categories": Category.objects.filter(is_active=True).only("id", "name"),
        "urgencies": Urgency.choices,
        "sorts": [("newest", _("Newest first")), ("oldest", _("Oldest first")),
                  ("urgency", _("Most urgent first")), ("occurred", _("Latest incident first")),
                  ("locality", _("Locality"))],
        "ages": [("1", _("Older than a day")), ("7", _("Older than a week")),
                 ("30", _("Older than 30 days"))],
    })


def _staff_users():
    return get_user_model().objects.filter(
        is_active=True, groups__name__in=[Role.COORDINATOR, Role.SECURITY_COORDINATOR]
    ).distinct().order_by("first_name", "last_name")


@login_required
def task_detail(request, task_id):
    task = _get_task_for_user(request.user, task_id)
    report = task.process.reportprocess.report
    form = TriageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.task_triage(
                task=task, user=request.user, request=request, action=data["action"],
                title=data.get("title") or "", case=data.get("case"),
                reason=data.get("reason") or "")
        except (services.TaskConflict, ServiceError) as error:
            messages.error(request, str(error))
        except FlowLockFailed:
            messages.error(request, _("Someone else is working on this task right now. "
                                      "Try again in a moment."))
        else:
            messages.success(request, _("Report %(ref)s triaged.") % {"ref": report.reference})
            if result is not None:
                return redirect("casework:case-detail", result.reference)
            return redirect("workflows:inbox")
    return render(request, "workflows/task.html", {
        "task": task, "report": report, "form": form,
        "attachments": report.attachments.all(),
        "reassign_form": ReassignForm(users=_staff_users()),
        "is_mine": task.owner_id == request.user.pk,
    }, status=400 if request.method == "POST" and form.errors else 200)


def _task_action(request, task_id, action):
    task = _get_task_for_user(request.user, task_id)
    try:
        action(task)
    except services.TaskConflict as error:
        messages.error(request, str(error))
        return False
    except services.TaskForbidden:
        raise Http404 from None
    except FlowLockFailed:
        messages.error(request, _("Someone else is working on this task right now. "
                                  "Try again in a moment."))
        return False
    return True


@login_required
@require_POST
def task_claim(request, task_id):
    if _task_action(request, task_id,
                    lambda task: services.task_claim(task=task, user=request.user)):
        messages.success(request, _("The task is yours."))
    return redirect("workflows:task", task_id)


@login_required
@require_POST
def task_release(request, task_id):
    if _task_action(request, task_id,
                    lambda task: services.task_release(task=task, user=request.user)):
        messages.success(request, _("The task is back in the queue."))
    return redirect(reverse("workflows:inbox"))


@login_required
@require_POST
def task_reassign(request, task_id):
    _get_task_for_user(request.user, task_id)
    form = ReassignForm(request.POST, users=_staff_users())
    if not form.is_valid():
        messages.error(request, _("Choose a colleague to give the task to."))
        return redirect("workflows:task", task_id)
    to_user = form.cleaned_data["user"]
    if _task_action(request, task_id, lambda task: services.task_reassign(
            task=task, user=request.user, to_user=to_user)):
        messages.success(request, _("The task was given to %(name)s.") % {"name": to_user})
    return redirect("workflows:inbox")
