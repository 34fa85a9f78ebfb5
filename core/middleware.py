"""Service errors that escape a view become the same Swedish answer on every
page (core.errors says which status each kind gets)."""

from django.shortcuts import render

from .errors import NotAllowed, ServiceError
from .views import error_403, error_404


class ServiceErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NotAllowed):
            return (error_404 if exception.conceal else error_403)(request, exception)
        if isinstance(exception, ServiceError):
            return render(request, "core/service_error.html",
                          {"message": str(exception)}, status=exception.status)
        return None
