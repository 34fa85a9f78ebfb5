"""The concern list's filter (django-filter, as casework.filters): a bad
status in the address gives its Swedish error and the unfiltered list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .choices import ConcernStatus
from .models import Concern


class ConcernFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ConcernStatus.choices,
                                         empty_label=_("All"))

    class Meta:
        model = Concern
        fields = ["status"]
