"""The coordinator's page for the support numbers (/oro/stodnummer/). Thin:
changes through concerns.support; the numbers themselves are shown on the
concern pages by the `support_contacts` template tag."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.access import require
from core.errors import Invalid
from core.forms import add_service_error

from . import support
from .forms import SupportContactForm
from .models import SupportContact

PERM = "concerns.manage_support_contacts"


@login_required
def support_contact_list(request):
    require(request.user, PERM)
    return render(request, "concerns/support_contact_list.html",
                  {"contacts": SupportContact.objects.all()})


def _form_page(request, form, contact):
    if request.method == "POST" and form.is_valid():
        try:
            support.support_contact_save(contact=contact, data=form.cleaned_data)
        except Invalid as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The support number was saved."))
            return redirect("concerns:support-contact-list")
    status = 400 if request.method == "POST" else 200
    return render(request, "concerns/support_contact_form.html",
                  {"form": form, "contact": contact}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def support_contact_create(request):
    require(request.user, PERM)
    return _form_page(request, SupportContactForm(request.POST or None), None)


@login_required
@require_http_methods(["GET", "POST"])
def support_contact_edit(request, pk):
    require(request.user, PERM)
    contact = get_object_or_404(SupportContact, pk=pk)
    return _form_page(request, SupportContactForm(request.POST or None, instance=contact),
                      contact)


@login_required
@require_POST
def support_contact_delete(request, pk):
    require(request.user, PERM)
    contact = get_object_or_404(SupportContact, pk=pk)
    support.support_contact_delete(contact=contact)
    messages.success(request, _("The support number %(name)s was deleted.")
                     % {"name": contact.name})
    return redirect("concerns:support-contact-list")
