from django.urls import path

from .views import inputs, meetings

app_name = "townmeetings"

urlpatterns = [
    path("trygghetsmoten/", meetings.meeting_list, name="meeting-list"),
    path("trygghetsmoten/nytt/", meetings.meeting_create, name="meeting-create"),
    path("trygghetsmoten/<id:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path("trygghetsmoten/<id:pk>/andra/", meetings.meeting_edit, name="meeting-edit"),
    path("trygghetsmoten/<id:pk>/program/ny/", meetings.programme_add, name="programme-add"),
    path("trygghetsmoten/program/<id:pk>/ta-bort/", meetings.programme_remove,
         name="programme-remove"),
    path("trygghetsmoten/<id:pk>/inspel/ny/", meetings.input_add, name="input-add"),
    path("trygghetsmoten/inspel/<id:pk>/atgard/", inputs.input_measure, name="input-measure"),
    path("trygghetsmoten/inspel/<id:pk>/rapport/", inputs.input_report, name="input-report"),
    path("trygghetsmoten/<id:pk>/aterkoppling/", inputs.meeting_feedback,
         name="meeting-feedback"),
]
