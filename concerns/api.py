"""Read-only API for concerns: the coordinator and deputy only, everyone
else 404 (as in the web UI). One `api_read` log row per concern returned."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from audit.models import AccessLogEntry
from audit.services import AuditUnavailable, access_log_write

from .access import Basis, concern_basis, concern_get_for_user
from .models import Concern
from .selectors import concern_list

Action = AccessLogEntry.Action


class LogUnavailable(APIException):
    status_code = 503
    default_detail = "Åtkomstloggen kan inte skrivas just nu; inget visas."


class ConcernListSerializer(serializers.ModelSerializer):
    personnummer = serializers.CharField(source="masked_personnummer")

    class Meta:
        model = Concern
        fields = ["id", "reference", "status", "environment", "urgency", "age_group",
                  "child_concerned", "crime_suspected", "personnummer", "outcome",
                  "created_at"]


class ConcernDetailSerializer(serializers.ModelSerializer):
    class Meta:
        model = Concern
        fields = ["id", "reference", "status", "source", "raised_by_role",
                  "raised_by_organisation", "subject_name", "subject_personnummer",
                  "age_group", "child_concerned", "environment", "indicators",
                  "crime_suspected", "urgency", "risk_assessment", "police_handed_on",
                  "police_channel", "police_reference", "outcome", "closed_at",
                  "retention_date", "created_at"]


def _basis_or_404(request):
    basis = concern_basis(request.user)
    if basis == Basis.NONE:
        access_log_write(user=request.user, action=Action.DENIED, basis=Basis.NONE,
                         object_type="concern-list", request=request)
        raise Http404
    return basis


@extend_schema(operation_id="concern_list", responses=ConcernListSerializer(many=True))
@api_view(["GET"])
def concern_list_api(request):
    try:
        basis = _basis_or_404(request)
        concerns = list(concern_list()[:200])
        for concern in concerns:
            access_log_write(user=request.user, action=Action.API_READ, basis=basis,
                             object_type="concern", object_id=concern.pk,
                             object_reference=concern.reference, request=request)
    except AuditUnavailable:
        raise LogUnavailable from None
    return Response(ConcernListSerializer(concerns, many=True).data)


@extend_schema(operation_id="concern_retrieve", responses=ConcernDetailSerializer)
@api_view(["GET"])
def concern_detail_api(request, pk):
    try:
        concern = concern_get_for_user(user=request.user, pk=pk, request=request,
                                       action=Action.API_READ)
    except AuditUnavailable:
        raise LogUnavailable from None
    return Response(ConcernDetailSerializer(concern).data)
