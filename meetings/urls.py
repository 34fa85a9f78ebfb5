from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("arbetsgrupper/", views.group_list, name="group-list"),
    path("arbetsgrupper/ny/", views.group_create, name="group-create"),
    path("arbetsgrupper/<int:pk>/", views.group_detail, name="group-detail"),
    path("arbetsgrupper/<int:pk>/andra/", views.group_edit, name="group-edit"),
    path("arbetsgrupper/<int:pk>/ar/<int:year>/", views.group_year, name="group-year"),
    path("arbetsgrupper/<int:pk>/medlemmar/ny/", views.member_add, name="member-add"),
    path("arbetsgrupper/<int:pk>/medlemmar/<int:member_pk>/ta-bort/", views.member_remove,
         name="member-remove"),
    path("arbetsgrupper/<int:pk>/serier/ny/", views.series_create, name="series-create"),
    path("moten/", views.my_meetings, name="my-meetings"),
    path("moten/kalenderadress/", views.feed_renew, name="feed-renew"),
    path("moten/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("moten/<int:pk>/dagordning/", views.meeting_agenda, name="meeting-agenda"),
    path("moten/<int:pk>/flytta/", views.meeting_move, name="meeting-move"),
    path("moten/<int:pk>/stall-in/", views.meeting_cancel, name="meeting-cancel"),
    path("moten/<int:pk>/minnesanteckningar/", views.meeting_minutes, name="meeting-minutes"),
    path("moten/<int:pk>/beslut/ny/", views.decision_add, name="decision-add"),
    path("moten/<int:pk>/svar/", views.meeting_rsvp, name="meeting-rsvp"),
    path("moten/<int:pk>/kalender.ics", views.meeting_calendar, name="meeting-calendar"),
    path("moten/svar/<str:token>/", views.rsvp_link, name="rsvp-link"),
    path("moten/avregistrera/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("kalender/<str:token>.ics", views.feed, name="feed"),
]
