from django.urls import path

from . import input_views, views

app_name = "meetings"

urlpatterns = [
    path("arbetsgrupper/", views.group_list, name="group-list"),
    path("arbetsgrupper/ny/", views.group_create, name="group-create"),
    path("arbetsgrupper/<id:pk>/", views.group_detail, name="group-detail"),
    path("arbetsgrupper/<id:pk>/andra/", views.group_edit, name="group-edit"),
    path("arbetsgrupper/<id:pk>/ar/<year:year>/", views.group_year, name="group-year"),
    path("arbetsgrupper/<id:pk>/medlemmar/ny/", views.member_add, name="member-add"),
    path("arbetsgrupper/<id:pk>/medlemmar/<id:member_pk>/ta-bort/", views.member_remove,
         name="member-remove"),
    path("arbetsgrupper/<id:pk>/underlag/ny/", input_views.group_input, name="group-input"),
    path("arbetsgrupper/<id:pk>/serier/ny/", views.series_create, name="series-create"),
    path("moten/", views.my_meetings, name="my-meetings"),
    path("moten/kalenderadress/", views.feed_renew, name="feed-renew"),
    path("moten/<id:pk>/", views.meeting_detail, name="meeting-detail"),
    path("moten/<id:pk>/dagordning/", views.meeting_agenda, name="meeting-agenda"),
    path("moten/<id:pk>/flytta/", views.meeting_move, name="meeting-move"),
    path("moten/<id:pk>/stall-in/", views.meeting_cancel, name="meeting-cancel"),
    path("moten/<id:pk>/minnesanteckningar/", views.meeting_minutes, name="meeting-minutes"),
    path("moten/<id:pk>/beslut/ny/", views.decision_add, name="decision-add"),
    path("moten/<id:pk>/svar/", views.meeting_rsvp, name="meeting-rsvp"),
    path("moten/<id:pk>/kalender.ics", views.meeting_calendar, name="meeting-calendar"),
    path("moten/svar/<str:token>/", views.rsvp_link, name="rsvp-link"),
    path("moten/avregistrera/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("kalender/<str:token>.ics", views.feed, name="feed"),
]
