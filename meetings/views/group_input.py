"""The input form of a working group that sends input to the coordinator
(views.py is at its size limit). 404 when the user may not know the group,
403 when they see it but are not a member; bad input answers 400."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.access import require

from .. import selectors
from ..group_input import GroupInputForm, group_input_submit


@login_required
def group_input(request, pk: int):
    group = selectors.group_for_user(request.user, pk)
    require(request.user, "meetings.send_input", group)
    form = GroupInputForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report, created = group_input_submit(group=group, user=request.user,
                                             data=form.cleaned_data)
        if created:
            messages.success(request, _(
                "Thank you! The input from %(group)s has reference %(ref)s and is in the "
                "coordinator's inbox.") % {"group": group.name, "ref": report.reference})
        return redirect("meetings:group-detail", pk=group.pk)
    return render(request, "meetings/form_page.html", {
        "form": form, "title": _("Input from %(group)s") % {"group": group.name},
        "lead": _("What the group has seen or heard goes to the safety coordinator's inbox, "
                  "with %(group)s as its source.") % {"group": group.name},
        "submit": _("Send input"), "back": reverse("meetings:group-detail", args=[pk]),
    }, status=400 if request.method == "POST" else 200)
