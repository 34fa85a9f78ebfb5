"""Working-group pages: list, create, edit, detail, year, members, series."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.access import allowed, require

from .. import selectors, services
from ..forms import (
    GroupForm,
    MemberForm,
    SeriesForm,
)
from ..models import Membership
from .common import _form_page, _form_saved, _require_manage, _status


@login_required
def group_list(request):
    return render(request, "meetings/group_list.html", {
        "groups": selectors.group_list(request.user),
        "can_add": allowed(request.user, "meetings.add_group"),
    })


@login_required
def group_create(request):
    require(request.user, "meetings.add_group")
    form = GroupForm(request.POST or None)
    saved, group = _form_saved(request, form, lambda data: services.group_create(**data))
    if saved:
        messages.success(request, _("The working group was created."))
        return redirect("meetings:group-detail", pk=group.pk)
    return _form_page(request, form, title=_("New working group"), submit=_("Create"),
                      back=reverse("meetings:group-list"), status=_status(request))


@login_required
def group_edit(request, pk: int):
    group = selectors.group_for_user(request.user, pk)
    _require_manage(request.user, group)
    initial = {"name": group.name, "purpose": group.purpose, "chair": group.chair,
               "secretary": group.secretary, "handles_sensitive": group.handles_sensitive,
               "takes_input": group.takes_input}
    form = GroupForm(request.POST or None, initial=initial)
    saved, _result = _form_saved(
        request, form, lambda data: services.group_update(group=group, **data))
    if saved:
        messages.success(request, _("The working group was saved."))
        return redirect("meetings:group-detail", pk=group.pk)
    return _form_page(request, form, title=_("Edit %(name)s") % {"name": group.name},
                      submit=_("Save"), back=reverse("meetings:group-detail", args=[pk]),
                      status=_status(request))


@login_required
def group_detail(request, pk: int):
    group = selectors.group_for_user(request.user, pk)
    today = timezone.localdate()
    return render(request, "meetings/group_detail.html", {
        "group": group,
        "members": group.memberships.select_related("user__organisation"),
        "series_list": group.series.all(),
        "upcoming": group.meetings.filter(date__gte=today).order_by("date", "start_time")[:6],
        "past": group.meetings.filter(date__lt=today).order_by("-date")[:6],
        "can_manage": allowed(request.user, "meetings.manage_group", group),
        "can_send_input": allowed(request.user, "meetings.send_input", group),
        "year": today.year,
        "next_meeting": selectors.next_meeting(group),
    })


@login_required
def group_year(request, pk: int, year: int):
    group = selectors.group_for_user(request.user, pk)
    if not 2000 <= year <= 2100:
        raise Http404
    meetings = list(selectors.year_meetings(group, year))
    return render(request, "meetings/group_year.html", {
        "group": group, "year": year, "meetings": meetings,
        "previous_year": year - 1, "next_year": year + 1,
        "can_manage": allowed(request.user, "meetings.manage_group", group),
    })


@login_required
def member_add(request, pk: int):
    group = selectors.group_for_user(request.user, pk)
    _require_manage(request.user, group)
    form = MemberForm(request.POST or None)
    saved, _result = _form_saved(
        request, form, lambda data: services.membership_add(group=group, **data))
    if saved:
        messages.success(request, _("The member was added."))
        return redirect("meetings:group-detail", pk=group.pk)
    return _form_page(request, form, title=_("Add a member to %(name)s") % {"name": group.name},
                      submit=_("Add"), back=reverse("meetings:group-detail", args=[pk]),
                      status=_status(request))


@login_required
@require_POST
def member_remove(request, pk: int, member_pk: int):
    group = selectors.group_for_user(request.user, pk)
    _require_manage(request.user, group)
    membership = get_object_or_404(Membership, pk=member_pk, group=group)
    services.membership_remove(membership=membership)
    messages.success(request, _("The member was removed."))
    return redirect("meetings:group-detail", pk=group.pk)


@login_required
def series_create(request, pk: int):
    group = selectors.group_for_user(request.user, pk)
    _require_manage(request.user, group)
    today = timezone.localdate()
    form = SeriesForm(request.POST or None, initial={
        "title": group.name, "starts_on": today, "ends_on": today.replace(month=12, day=31)})
    saved, series = _form_saved(
        request, form, lambda data: services.series_create(group=group, **data))
    if saved:
        count = series.meetings.count()
        messages.success(request, ngettext("The series was created with %(n)s meeting.",
                                           "The series was created with %(n)s meetings.",
                                           count) % {"n": count})
        return redirect("meetings:group-year", pk=group.pk, year=series.starts_on.year)
    return _form_page(request, form, title=_("New meeting series for %(name)s")
                      % {"name": group.name}, submit=_("Create the series"),
                      back=reverse("meetings:group-detail", args=[pk]), status=_status(request))
