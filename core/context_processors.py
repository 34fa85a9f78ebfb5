from django.conf import settings

from .navigation import menu_for


def navigation(request):
    user = getattr(request, "user", None)
    return {
        "nav_menu": menu_for(user) if user is not None else [],
        "municipality_name": settings.MUNICIPALITY_NAME,
    }
