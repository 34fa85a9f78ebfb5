from django.conf import settings

from .page_header import page_header


def navigation(request):
    return {
        "page_header": page_header(request),
        "municipality_name": settings.MUNICIPALITY_NAME,
    }
