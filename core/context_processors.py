from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .page_header import csrf_token, page_header


def navigation(request):
    return {
        "page_header": page_header(request),
        # one masked token per request for every form on the page (the
        # header's logout form included); lazy, as Django's, for pages
        # without a form
        "csrf_token": SimpleLazyObject(lambda: csrf_token(request)),
        "municipality_name": settings.MUNICIPALITY_NAME,
    }
