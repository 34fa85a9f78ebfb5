from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import health_report
from .start_page import panels_html


@login_required
def home(request):
    """The start page: what waits for me, one panel per thing my roles do."""
    return render(request, "core/home.html", {"panels_html": panels_html(request.user)})


@never_cache
@require_GET
def health(request):
    healthy, parts = health_report()
    failing = [name for name, part in parts.items() if not part["ok"]]
    body = {"status": "ok" if healthy else "fail", "failing": failing, "checks": parts}
    return JsonResponse(body, status=200 if healthy else 503)


def error_400(request, exception=None):
    return render(request, "400.html", status=400)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    return render(request, "500.html", status=500)
