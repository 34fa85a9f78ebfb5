from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core import geo
from core.serializers import FlatSerializer

from .. import reference
from ..choices import PartOfDay, ReportStatus, Urgency
from ..forms import MAX_DESCRIPTION, validate_occurred
from ..models import Category, Locality


class CodeField(serializers.SlugRelatedField):
    """A category code or locality name, matched without regard to case
    ("Klotter" is klotter). An unknown value is answered with the valid ones,
    so the partner system can correct itself."""

    def __init__(self, *, unknown, **kwargs):
        self.unknown = unknown
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        value = data.strip()
        # the active rows from process memory (casework/reference.py)
        model = self.get_queryset().model
        match = reference.by_code(model, value)
        if match is None:
            valid = ", ".join(sorted(getattr(row, self.slug_field)
                                     for row in reference.active(model)))
            raise serializers.ValidationError(
                self.unknown % {"value": value[:100], "valid": valid})
        return match


class ReportCreateSerializer(FlatSerializer):
    """A report from a partner system. Category and locality by code/name."""

    category = CodeField(
        slug_field="slug", queryset=Category.objects.filter(is_active=True),
        help_text=_("Category code, e.g. klotter."),
        unknown=_("Unknown category “%(value)s”. Valid codes: %(valid)s."),
        error_messages={"invalid": _("Give the category code as text.")})
    locality = CodeField(
        slug_field="name", queryset=Locality.objects.filter(is_active=True),
        help_text=_("Locality name, e.g. Tranemo."),
        unknown=_("Unknown locality “%(value)s”. Valid localities: %(valid)s."),
        error_messages={"invalid": _("Give the locality name as text.")})
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False,
                                        allow_null=True, validators=[geo.validate_latitude])
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False,
                                         allow_null=True, validators=[geo.validate_longitude])
    occurred_on = serializers.DateField()
    occurred_time = serializers.TimeField(required=False, allow_null=True)
    part_of_day = serializers.ChoiceField(choices=PartOfDay.choices, default=PartOfDay.UNKNOWN)
    description = serializers.CharField(max_length=MAX_DESCRIPTION, trim_whitespace=True)
    urgency = serializers.ChoiceField(choices=Urgency.choices, default=Urgency.NORMAL)

    def validate(self, attrs):
        errors = {}

        def add(field, message):
            errors.setdefault(field, []).append(str(message))

        validate_occurred(attrs.get("occurred_on"), attrs.get("occurred_time"), add)
        if (attrs.get("latitude") is None) != (attrs.get("longitude") is None):
            add("longitude", _("Give both latitude and longitude, or neither."))
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class ReportStatusSerializer(FlatSerializer):
    """What the reporting organisation may know: status and outcome. Fields
    declared, not derived from the model: a ModelSerializer builds its fields
    from the model on every use, which cost more than the report's INSERT."""

    reference = serializers.CharField(read_only=True)
    status = serializers.ChoiceField(choices=ReportStatus.choices, read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    category = serializers.CharField(source="category.slug", default=None, read_only=True)
    locality = serializers.CharField(source="locality.name", default=None, read_only=True)
    occurred_on = serializers.DateField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    case_reference = serializers.CharField(source="case.reference", default=None,
                                           read_only=True)
    case_status = serializers.CharField(source="case.status", default=None, read_only=True)
    outcome = serializers.SerializerMethodField()

    def get_outcome(self, report) -> str | None:
        if report.case and report.case.status == "closed":
            return report.case.outcome
        if report.status == "set_aside":
            return report.set_aside_reason
        return None
