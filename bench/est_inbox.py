"""Inbox benchmark (issue: EST performance). Run against a database filled
with `manage.py load_volume --reports 1000000 --open-tasks 100000`:

    .venv/bin/python manage.py collectstatic --noinput   # local settings use the manifest
    DATABASE_URL=postgres://… .venv/bin/python bench/est_inbox.py [--seconds 10]

It serves the inbox page and, for comparison, a minimal view that runs a raw
indexed 50-row list query and renders it as a bare table, both through the same
Django stack (test client: middleware, session, login), and prints requests
per second for both and the ratio (target: inbox ≥ 50 % of the raw view's
rate). It also prints the inbox's query count (target ≤ 10)."""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")


def rate(fn, seconds: float) -> float:
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        fn()
        count += 1
    return count / (time.perf_counter() - start)


RAW_TEMPLATE = (
    "<!DOCTYPE html><html lang=sv><title>Lista</title><table>{% for r in rows %}"
    "<tr><td>{{ r.0 }}</td><td>{{ r.1 }}</td><td>{{ r.2 }}</td><td>{{ r.3 }}</td></tr>"
    "{% endfor %}</table></html>")


def raw_list(request):
    """The baseline: the same server, middleware and login, one raw indexed
    50-row query rendered as a bare table (no layout, menu or filters)."""
    from django.db import connection
    from django.http import HttpResponse
    from django.template import Context, Template

    if not request.user.is_authenticated:
        return HttpResponse(status=403)
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, reference, occurred_on, status FROM casework_report "
                       "ORDER BY id DESC LIMIT 50")  # primary-key index
        rows = cursor.fetchall()
    return HttpResponse(Template(RAW_TEMPLATE).render(Context({"rows": rows})))


def _urlpatterns():
    from django.urls import include, path

    return [path("bench/raw/", raw_list), path("", include("config.urls"))]


# Django imports this file again as bench.est_inbox (the ROOT_URLCONF below);
# only that copy, loaded after setup, builds the URL patterns.
urlpatterns = _urlpatterns() if __name__ != "__main__" else []


def main():
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from accounts.models import User
    from accounts.roles import Role

    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    from django.test.utils import override_settings

    override_settings(ROOT_URLCONF="bench.est_inbox").enable()
    user = User.objects.filter(groups__name=Role.COORDINATOR, is_active=True).first()
    if user is None:
        sys.exit("No coordinator: run `manage.py seed_demo` first.")
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)

    def inbox():
        response = client.get("/inkorg/")
        assert response.status_code == 200

    def raw():
        response = client.get("/bench/raw/")
        assert response.status_code == 200

    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    # (CaptureQueriesContext would be emptied by request_started's reset_queries.)
    with connection.execute_wrapper(count):
        inbox()
    inbox_rate, raw_rate = rate(inbox, args.seconds), rate(raw, args.seconds)
    print(f"inbox: {inbox_rate:.1f}/s, {len(executed)} queries")
    print(f"raw 50-row list view: {raw_rate:.1f}/s")
    print(f"ratio: {inbox_rate / raw_rate:.1%}")


if __name__ == "__main__":
    main()
