"""Reference endpoints: the floor each Tryggsam scenario is compared with, in
the same server, through the same middleware. Raw SQL, no ORM, no templates.
Mounted at /bench/ only when settings.BENCH_ENDPOINTS is on (bench settings)."""

import json
from datetime import date

from django.db import connection, transaction
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from . import sql


def _json(rows) -> HttpResponse:
    return HttpResponse(json.dumps(rows, default=str), content_type="application/json")


@require_GET
def minimal(request):
    """A Django view and nothing else: the cost of the stack itself."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def db_ping(request):
    """One trivial query: keeps (or opens) the worker's database connection."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    return HttpResponse(str(pid), content_type="text/plain")


@require_GET
def raw_list(request):
    with connection.cursor() as cursor:
        cursor.execute(sql.LIST_50, [request.GET.get("status", "new")])
        return _json(cursor.fetchall())


@require_GET
def raw_list_joined(request):
    """The inbox goal's reference as the goal defines it: anonymous, a raw
    50-row indexed list joining report, locality and category, no COUNT."""
    with connection.cursor() as cursor:
        cursor.execute(sql.LIST_50_JOINED, [request.GET.get("status", "new")])
        return _json(cursor.fetchall())


@require_GET
def raw_list_logged_in(request):
    """The raw list for a logged-in user: the same query and JSON, plus what
    every page of Tryggsam pays before its own work (the session and user
    lookups); anonymous requests get 403, as every Tryggsam page would."""
    if not request.user.is_authenticated:
        return HttpResponse(status=403)
    return raw_list_joined(request)


@require_GET
def logged_in(request):
    """The floor of any page behind a login: session and user, no query of
    its own, no template."""
    if not request.user.is_authenticated:
        return HttpResponse(status=403)
    return HttpResponse("ok", content_type="text/plain")


@csrf_exempt
@require_POST
def raw_insert(request):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql.INSERT_ONE, ["B-2026-00001", 1, 1, request.POST.get("text", "x")])
        (pk,) = cursor.fetchone()
    return HttpResponse(str(pk), status=201, content_type="text/plain")


@require_GET
def read_audit(request, pk: int):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql.READ_ONE, [pk])
        row = cursor.fetchone()
        cursor.execute(sql.AUDIT_ONE, [1, pk])
    return _json(row)


@require_GET
def sleep(request):
    """A request that holds its database connection busy for a while (at most
    10 s): the fault tests terminate its backend mid-request."""
    seconds = min(float(request.GET.get("s", "1")), 10.0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(%s)", [seconds])
    return HttpResponse("slept", content_type="text/plain")


@require_GET
def rollup_read(request, year: int):
    """Read a year from the report roll-up table directly (reference for the
    lägesbild year scenario)."""
    from datetime import timedelta

    first = date.fromisocalendar(year, 1, 1)
    last = date.fromisocalendar(year + 1, 1, 1) - timedelta(days=7)
    with connection.cursor() as cursor:
        cursor.execute(sql.ROLLUP_YEAR, [first, last])
        return _json(cursor.fetchall())
