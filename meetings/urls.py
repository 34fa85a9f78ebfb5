from django.urls import path

from .views import group_input, groups, links, meetings, mine

app_name = "meetings"

urlpatterns = [
    path("arbetsgrupper/", groups.group_list, name="group-list"),
    path("arbetsgrupper/ny/", groups.group_create, name="group-create"),
    path("arbetsgrupper/<id:pk>/", groups.group_detail, name="group-detail"),
    path("arbetsgrupper/<id:pk>/andra/", groups.group_edit, name="group-edit"),
    path("arbetsgrupper/<id:pk>/ar/<year:year>/", groups.group_year, name="group-year"),
    path("arbetsgrupper/<id:pk>/medlemmar/ny/", groups.member_add, name="member-add"),
    path("arbetsgrupper/<id:pk>/medlemmar/<id:member_pk>/ta-bort/", groups.member_remove,
         name="member-remove"),
    path("arbetsgrupper/<id:pk>/underlag/ny/", group_input.group_input, name="group-input"),
    path("arbetsgrupper/<id:pk>/serier/ny/", groups.series_create, name="series-create"),
    path("moten/", mine.my_meetings, name="my-meetings"),
    path("moten/kalenderadress/", mine.feed_renew, name="feed-renew"),
    path("moten/<id:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path("moten/<id:pk>/dagordning/", meetings.meeting_agenda, name="meeting-agenda"),
    path("moten/<id:pk>/flytta/", meetings.meeting_move, name="meeting-move"),
    path("moten/<id:pk>/stall-in/", meetings.meeting_cancel, name="meeting-cancel"),
    path("moten/<id:pk>/minnesanteckningar/", meetings.meeting_minutes, name="meeting-minutes"),
    path("moten/<id:pk>/beslut/ny/", meetings.decision_add, name="decision-add"),
    path("moten/<id:pk>/svar/", meetings.meeting_rsvp, name="meeting-rsvp"),
    path("moten/<id:pk>/kalender.ics", meetings.meeting_calendar, name="meeting-calendar"),
    path("moten/svar/<str:token>/", links.rsvp_link, name="rsvp-link"),
    path("moten/avregistrera/<str:token>/", links.unsubscribe, name="unsubscribe"),
    path("kalender/<str:token>.ics", mine.feed, name="feed"),
]
