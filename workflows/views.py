"""The triage inbox (/inkorg/): my tasks and the unclaimed queue, claim,
release, reassign, and the triage decision. Thin: forms validate, services act."""

from functools import lru_cache
from html import escape
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override
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
    """The inbox table body. Each row's HTML is built once per row values and
    language and kept in process memory (`_row_html`): the same open tasks
    come back on every inbox page until they change, and any change (a claim,
    a new owner name) is a new key. Built in Python, not the template engine,
    which cost more than the SQL (see bench/); every value from the database
    goes through html.escape."""
    language, zone = get_language(), timezone.get_current_timezone_name()
    return mark_safe("\n".join(  # noqa: S308  # nosec B308 B703
        _row_html(row[:12], language, zone) for row in rows))


@lru_cache(maxsize=20_000)
def _row_html(row: tuple, language: str, zone: str) -> str:
    (task_id, created, first_name, last_name, username, reference, occurred_on, urgency, place,
     locality, category, group) = row
    with override(language):
        urgency_cell = escape(str(Urgency(urgency).label))
        if urgency == Urgency.URGENT:
            urgency_cell = f'<span class="badge badge-danger">{urgency_cell}</span>'
        owner = selectors.InboxRow(*row).owner
        return (
            f'<tr><td><a href="{reverse("workflows:inbox")}{task_id}/">{escape(reference)}</a>'
            f"{_source_cell(_('From %(group)s'), group)}</td>"
            f"<td>{escape(category)}</td>"
            f"<td>{escape(locality)}{escape(', ' + place) if place else ''}</td>"
            f"<td>{occurred_on.isoformat()}</td><td>{urgency_cell}</td>"
            f"<td>{created.astimezone(ZoneInfo(zone)):%Y-%m-%d %H:%M}</td>"
            f"<td>{escape(owner) or '–'}</td></tr>")


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
        "tasks": page.rows, "rows_html": _rows_html(page.rows), "page": page, "query": query,
        "filters_html": _filters_html(view, sort, tuple(filters.items())),
    })


def _filters_html(view: str, sort: str, filters: tuple) -> str:
    """The views and the filter form, rendered once per choice of view,
    sort and filters, language and set of localities and categories, and
    kept in process memory: on the inbox they were a third of the page's
    templates, and they change only with what the user picks."""
    localities, categories = reference.choices(Locality), reference.choices(Category)
    key = (view, sort, filters, get_language(), localities, categories)
    html = _kept_filters.get(key)
    if html is None:
        if len(_kept_filters) >= 1000:
            _kept_filters.clear()
        html = _kept_filters[key] = str(render_to_string("workflows/_inbox_filters.html", {
            "view": view, "sort": sort, "filters": dict(filters),
            "localities": localities, "categories": categories, "urgencies": Urgency.choices,
            "sorts": [("newest", _("Newest first")), ("oldest", _("Oldest first")),
                      ("urgency", _("Most urgent first")),
                      ("occurred", _("Latest incident first")), ("locality", _("Locality"))],
            "ages": [("1", _("Older than a day")), ("7", _("Older than a week")),
                     ("30", _("Older than 30 days"))],
        }))
    return mark_safe(html)  # noqa: S308 (our own template's output)


_kept_filters: dict[tuple, str] = {}


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
