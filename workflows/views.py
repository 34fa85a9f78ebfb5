"""The triage inbox (/inkorg/): my tasks and the unclaimed queue, claim,
release, reassign, and the triage decision. Thin: forms validate, services act."""

from html import escape

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from viewflow.workflow.exceptions import FlowLockFailed

from accounts.roles import Role
from casework import reference
from casework.choices import Urgency
from casework.forms import ReassignForm, TriageForm
from casework.models import Category, Locality
from core.access import allowed, require
from core.errors import Conflict, NotAllowed, ServiceError
from core.pagination import page_number

from . import selectors, services


def _require_staff(user):
    require(user, services.TRIAGE_PERMISSION)


def _get_task_for_user(user, task_id):
    """The open triage task, or 404 (also for users who may not triage)."""
    if not allowed(user, services.TRIAGE_PERMISSION) or task_id > MAX_BIGINT:
        raise Http404
    task = (selectors.triage_tasks()
            .select_related("owner", "process__reportprocess__report__locality",
                            "process__reportprocess__report__category",
                            "process__reportprocess__report__reporter",
                            "process__reportprocess__report__organisation",
                            "process__reportprocess__report__source_group",
                            "process__reportprocess__report__source_town_meeting__locality")
            .filter(pk=task_id).first())
    if task is None:
        raise Http404
    return task


MAX_BIGINT = 2**63 - 1
LAST_PAGE = "sista"  # ?sida=sista: the pager's "Last page" link
MAX_ID = 2**31 - 1  # larger numbers would overflow the database's integer columns


def _int(value):
    """A positive id from the query string, or None (never a database error)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None


def _source_cell(label: str, group: str | None) -> str:
    """ "Från TSK-Unga" under the reference of a working group's input."""
    if not group:
        return ""
    return f'<br><small class="muted">{escape(label % {"group": group})}</small>'


def _rows_html(rows) -> str:
    """The inbox table body, built in Python: the page's hot path. Rendering 50
    rows through the template engine, or through format_html (which escapes
    each value through lazy-aware helpers), cost more than the SQL (see
    bench/). Every value from the database goes through html.escape."""
    base = reverse("workflows:inbox")
    urgency_cells = {value: escape(str(label)) for value, label in Urgency.choices}
    urgency_cells["urgent"] = f'<span class="badge badge-danger">{urgency_cells["urgent"]}</span>'
    zone = timezone.get_current_timezone()
    source = _("From %(group)s")
    return mark_safe("\n".join(  # noqa: S308  # nosec B308 B703
        f'<tr><td><a href="{base}{row.task_id}/">{escape(row.reference)}</a>'
        f"{_source_cell(source, row.source_group)}</td>"
        f"<td>{escape(row.category)}</td>"
        f"<td>{escape(row.locality)}{escape(', ' + row.place) if row.place else ''}</td>"
        f"<td>{row.occurred_on.isoformat()}</td><td>{urgency_cells[row.urgency]}</td>"
        f"<td>{row.created.astimezone(zone):%Y-%m-%d %H:%M}</td>"
        f"<td>{escape(row.owner) or '–'}</td></tr>"
        for row in rows))


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
    # Keyset paging (core.pagination): `efter`/`fore` carry a cursor, `sida=sista`
    # is the last page; `sida=N` still answers old links (OFFSET).
    page = selectors.inbox_page(
        user=request.user, view=view, sort=sort, after=params.get("efter", ""),
        before=params.get("fore", ""), last=params.get("sida") == LAST_PAGE,
        page=page_number(params.get("sida")), **filters)
    query = urlencode({k: v for k, v in {
        "vy": view, "sortera": sort, "ort": filters["locality"] or "",
        "kategori": filters["category"] or "", "alder": filters["age"],
        "bradska": filters["urgency"]}.items() if v})
    return render(request, "workflows/inbox.html", {
        "tasks": page.rows, "rows_html": _rows_html(page.rows), "view": view, "sort": sort,
        "filters": filters, "page": page,
        "query": query,
        "localities": reference.choices(Locality),
        "categories": reference.choices(Category),
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
    all_cases = request.GET.get("alla") == "1"
    form = TriageForm(request.POST or None, report=report, all_cases=all_cases)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.task_triage(
                task=task, user=request.user, request=request, action=data["action"],
                title=data.get("title") or "", case=data.get("case"),
                reason=data.get("reason") or "")
        except NotAllowed:
            raise  # the middleware's 404/403, not a message on the form
        except ServiceError as error:
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
        "is_mine": task.owner_id == request.user.pk, "all_cases": all_cases,
    }, status=400 if request.method == "POST" and form.errors else 200)


def _task_action(request, task_id, action):
    task = _get_task_for_user(request.user, task_id)
    try:
        action(task)
    except Conflict as error:
        messages.error(request, str(error))
        return False
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
