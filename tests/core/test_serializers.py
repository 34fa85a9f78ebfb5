"""core/serializers.py: fields copied one level deep give the same answers as
DRF's deep copy, keep each instance's bound state its own, and a field that
holds other fields is refused when the class is made."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework import serializers

from casework.api.serializers import ReportCreateSerializer, ReportStatusSerializer
from core.serializers import FlatSerializer
from tests.factories.casework import make_report


def deep_copying(serializer_class):
    """The same serializer with DRF's own per-instance deep copy."""
    return type(f"Deep{serializer_class.__name__}", (serializer_class,),
                {"get_fields": serializers.Serializer.get_fields})


def body(**overrides):
    data = {"category": "Klotter", "locality": "tranemo", "place": "Busstationen",
            "occurred_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
            "occurred_time": "22:15", "description": "  Klotter på busskuren. ",
            "latitude": "57.48", "longitude": "13.35", "urgency": "urgent"}
    data.update(overrides)
    return data


BAD_BODIES = [
    {},
    body(category="okänd", locality=7),
    body(occurred_on=(timezone.localdate() + timedelta(days=3)).isoformat()),
    body(latitude=None),
    body(description="", urgency="mycket", part_of_day="natt"),
    body(latitude="91", longitude="abc"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("data", [body(), *BAD_BODIES])
def test_report_input_validates_as_with_a_deep_copy(data):
    flat, deep = ReportCreateSerializer(data=data), deep_copying(ReportCreateSerializer)(data=data)
    assert flat.is_valid() == deep.is_valid()
    assert flat.errors == deep.errors
    if not flat.errors:
        assert flat.validated_data == deep.validated_data


@pytest.mark.django_db
def test_report_status_reads_as_with_a_deep_copy(est_people):
    report = make_report(est_people.police)
    assert ReportStatusSerializer(report).data == deep_copying(ReportStatusSerializer)(report).data
    assert ReportStatusSerializer(report).data["category"] == "klotter"


@pytest.mark.django_db
def test_each_instance_binds_its_own_fields():
    bad, good = ReportCreateSerializer(data=BAD_BODIES[1]), ReportCreateSerializer(data=body())
    assert not bad.is_valid() and good.is_valid()
    assert "category" not in good.errors
    for name, field in good.fields.items():
        assert field is not bad.fields[name]
        assert field is not ReportCreateSerializer._declared_fields[name]
        assert field.parent is good and bad.fields[name].parent is bad
        assert field.field_name == name


@pytest.mark.parametrize("nested", [
    serializers.ListField(child=serializers.CharField()),
    serializers.DictField(child=serializers.IntegerField()),
    ReportStatusSerializer(),
    serializers.PrimaryKeyRelatedField(many=True, read_only=True),
])
def test_a_field_holding_other_fields_is_refused_when_the_class_is_made(nested):
    with pytest.raises(TypeError, match="inner"):
        type("Nested", (FlatSerializer,), {"inner": nested, "plain": serializers.CharField()})
