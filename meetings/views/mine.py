"""The user's own meetings and their calendar feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..calendar import feed_ics
from ..forms import (
    PreferencesForm,
)
from ..models import CalendarFeed, Membership


@login_required
def my_meetings(request):
    memberships = list(Membership.objects.filter(user=request.user).select_related("group"))
    if request.method == "POST":
        membership = next((m for m in memberships
                           if str(m.pk) == request.POST.get("membership")), None)
        if membership is None:
            raise Http404
        form = PreferencesForm(request.POST, prefix=f"m{membership.pk}")
        if form.is_valid():
            services.membership_set_preferences(membership=membership, **form.cleaned_data)
            messages.success(request, _("Your choice was saved."))
            return redirect("meetings:my-meetings")
        messages.error(request, _("Choose how you want your reminders."))
        return redirect("meetings:my-meetings")
    feed = CalendarFeed.objects.filter(user=request.user).first()
    return render(request, "meetings/my_meetings.html", {
        "upcoming": selectors.upcoming_for_user(request.user, limit=20),
        "memberships": [(m, PreferencesForm(prefix=f"m{m.pk}", initial={
            "delivery": m.delivery, "unsubscribed": m.unsubscribed})) for m in memberships],
        "feed_url": request.build_absolute_uri(
            reverse("meetings:feed", args=[feed.token])) if feed else "",
    })


@login_required
@require_POST
def feed_renew(request):
    """Create the feed, or revoke the old address and make a new one."""
    services.feed_revoke(user=request.user)
    messages.success(request, _("Your calendar address is new; the old one no longer works."))
    return redirect("meetings:my-meetings")


def feed(request, token: str):
    calendar_feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if calendar_feed is None or not calendar_feed.user.is_active:
        raise Http404
    meetings = selectors.feed_meetings(calendar_feed.user)
    ics = feed_ics(meetings, name=_("My meetings (Tryggsam)"))
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response
