from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from core import views as core_views

urlpatterns = [
    path("", include("core.urls")),
    path("health/", core_views.health, name="health"),
    path("accounts/", include("accounts.urls")),
    path("", include("casework.urls")),
    path("", include("workflows.urls")),
    path("", include("concerns.urls")),
    path("", include("meetings.urls")),
    path("", include("insights.urls")),
    path("", include("actionplan.urls")),
    path("", include("townmeetings.urls")),
    path("", include("maps.urls")),
    path("", include("audit.urls")),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]

if settings.LOCAL_MAILBOX:
    # The development mailbox (mail caught by the local sink): local settings
    # only; production has no such URL at all.
    urlpatterns.append(path("epost/", include("notifications.urls")))

if settings.BENCH_ENDPOINTS:
    # The benchmark's reference points (bench/urls.py), same server, same stack.
    urlpatterns.append(path("bench/", include("bench.urls")))

handler400 = "core.views.error_400"
handler403 = "core.views.error_403"
handler404 = "core.views.error_404"
handler500 = "core.views.error_500"

admin.site.site_header = "Tryggsam"
admin.site.site_title = "Tryggsam"
admin.site.index_title = settings.MUNICIPALITY_NAME
