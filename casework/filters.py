"""The lists' search, filters and sort order (django-filter). A bad value (a
stale bookmark, a hand-edited address) is shown with its Swedish error and
left out; the other filters still apply, never a 500."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from accounts.roles import people_with_roles

from .choices import OPEN_MEASURE_STATUSES, CaseStatus, MeasureStatus, MeasureTerm
from .models import Category, Locality

SEARCH_MAX = 100


class OrderingFilter(django_filters.OrderingFilter):
    # django-filter has no Swedish catalogue: the descending label from ours.
    descending_fmt = _("%s (descending)")


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=SEARCH_MAX,
                                  help_text=_("Reference or words in the title."))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CaseStatus.choices,
                                         empty_label=_("All"))
    locality = django_filters.ModelChoiceFilter(label=_("Locality"), empty_label=_("All"),
                                                queryset=Locality.objects.order_by("name"))
    category = django_filters.ModelChoiceFilter(label=_("Category"), empty_label=_("All"),
                                                queryset=Category.objects.all())
    owner = django_filters.ModelChoiceFilter(label=_("Case officer"), empty_label=_("All"),
                                             queryset=people_with_roles())
    sort = OrderingFilter(
        label=_("Sort by"), empty_label=_("Newest first"),
        fields=(("created_at", "created"), ("reference", "reference"), ("title", "title"),
                ("status", "status"), ("report_count", "reports")),
        field_labels={"created_at": _("Created"), "reference": _("Reference"),
                      "title": _("Title"), "status": _("Status"),
                      "report_count": _("Number of reports")})

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(reference__icontains=value) | Q(title__icontains=value))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        # A stable order under any sort: ties broken by id, so paging neither
        # repeats nor skips a case.
        ordering = list(queryset.query.order_by) or ["-created_at"]
        return queryset.order_by(*ordering, "-id")


class MeasureFilter(django_filters.FilterSet):
    """The measure list's filters; the parameter names are the list's
    addresses since before (status, sikt, organisation, forsenade)."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=MeasureStatus.choices,
                                         empty_label=_("All"))
    sikt = django_filters.ChoiceFilter(field_name="term", label=_("Term"),
                                       choices=MeasureTerm.choices, empty_label=_("All"))
    organisation = django_filters.ModelChoiceFilter(
        field_name="owner_organisation", label=_("Responsible organisation"),
        empty_label=_("All"), queryset=Organisation.objects.only("id", "name").order_by("name"))
    forsenade = django_filters.BooleanFilter(label=_("Only overdue"), method="only_overdue",
                                             widget=forms.CheckboxInput)

    def only_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(status__in=OPEN_MEASURE_STATUSES,
                               due_date__lt=timezone.localdate())
