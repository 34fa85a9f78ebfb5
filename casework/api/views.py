"""The partner API: POST a report (token auth, Idempotency-Key), GET the
status of one of the organisation's own reports by reference."""

import json
import re

from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, status
from rest_framework.exceptions import APIException, NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.roles import Role, has_role
from core.access import allowed
from core.throttling import WindowCountThrottle
from workflows import services as submit  # the one exception to the layers (pyproject.toml)

from .. import selectors
from ..choices import ReportStatus
from ..models import Report
from .serializers import ReportCreateSerializer, ReportStatusSerializer

KEY_RE = re.compile(r"^[A-Za-z0-9._:\-]{1,80}$")


class IdempotencyKeyReused(APIException):
    status_code = 422
    default_code = "idempotency_key_reused"
    default_detail = gettext_lazy("This Idempotency-Key was already used with a different request "
                           "body. Use a new key for a new report.")


def body_fingerprint(data) -> str:
    """A keyed HMAC of the request body, independent of key order and spacing."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                           default=str)
    return salted_hmac("casework.api.idempotency-key", canonical,
                       algorithm="sha256").hexdigest()


def _same_body_or_422(report: Report, fingerprint: str) -> None:
    # Rows from before fingerprints were kept have none: nothing to compare.
    if report.submission_fingerprint and report.submission_fingerprint != fingerprint:
        raise IdempotencyKeyReused


class CanReport(permissions.BasePermission):
    def has_permission(self, request, view):
        return allowed(request.user, "casework.submit_report")


class ReportCreateView(APIView):
    permission_classes = [permissions.IsAuthenticated, CanReport]
    throttle_classes = [WindowCountThrottle]
    throttle_scope = "report_submit"

    @extend_schema(
        request=ReportCreateSerializer, responses={201: ReportStatusSerializer,
                                                   200: ReportStatusSerializer},
        parameters=[OpenApiParameter(
            "Idempotency-Key", OpenApiTypes.STR, OpenApiParameter.HEADER,
            description="A retried POST with the same key returns the first report (200); "
                        "the same key with a different body answers 422.")],
        summary="Submit a report",
    )
    def post(self, request):
        if not isinstance(request.data, dict):
            raise ValidationError({"non_field_errors": [_("Send a JSON object.")]})
        key = request.headers.get("Idempotency-Key", "").strip()
        if key and not KEY_RE.match(key):
            raise ValidationError({"Idempotency-Key": [
                _("The Idempotency-Key may hold at most 80 letters, digits and . _ : -")]})
        fingerprint = body_fingerprint(request.data) if key else ""
        if key:
            existing = Report.objects.filter(
                submission_key=f"api:{request.user.pk}:{key}").first()
            if existing is not None:
                _same_body_or_422(existing, fingerprint)
                # A handed-over report answers like GET does: the neutral
                # status, no content, never the other track.
                return Response(ReportStatusSerializer(existing).data, status=status.HTTP_200_OK)
        serializer = ReportCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report, created = submit.report_submit(
            reporter=request.user, submission_key=f"api:{request.user.pk}:{key}" if key else None,
            submission_fingerprint=fingerprint, **serializer.validated_data)
        if not created:
            # A concurrent POST with the same key won the race.
            _same_body_or_422(report, fingerprint)
        return Response(ReportStatusSerializer(report).data,
                        status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class ReportStatusView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses={200: ReportStatusSerializer}, summary="Status of a report")
    def get(self, request, reference):
        user = request.user
        if not (has_role(user, Role.REPORTER, Role.POLICE, Role.HOUSING)
                or selectors.is_est_staff(user)):
            raise PermissionDenied
        # The same rule as the web page (casework.view_report): own reports, and
        # the organisation's only for partners (police, housing). A report
        # handed over to the concern track: its submitters only, neutral status.
        report = (Report.objects.select_related("category", "locality", "case")
                  .filter(selectors.report_visible_q(user), reference=reference).first())
        if report is None or (report.status == ReportStatus.MOVED
                              and not selectors.is_submitter(user, report)):
            raise NotFound(_("No report with that reference."))
        return Response(ReportStatusSerializer(report).data)
