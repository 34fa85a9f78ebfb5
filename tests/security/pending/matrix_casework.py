"""Access-matrix rows for casework (EST: reports, cases, lägesbild, measures,
the report API) and workflows (the triage inbox). Most URLs have their roles ×
ownership table in tests/casework/test_access.py (and the inbox actions in
tests/workflows/test_inbox.py); the rest are here. Another organisation's
report is 404, like one that does not exist."""

import base64

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.security.matrix import ANON, FORBIDDEN, LOGIN, NOT_ALLOWED, NOT_FOUND, OK, Row

ACCESS = "tests/casework/test_access.py"
COVERED_BY = {
    **{name: ACCESS for name in [
        "casework:report-create", "casework:report-list", "casework:report-detail",
        "casework:case-list", "casework:case-detail", "casework:case-action",
        "casework:picture-list", "casework:picture-create", "casework:picture-detail",
        "casework:picture-analysis", "casework:picture-pdf", "casework:picture-summary",
        "casework:measure-list", "casework:measure-create", "casework:measure-detail",
        "casework:measure-edit", "workflows:inbox", "workflows:task",
    ]},
    "casework:picture-publish": "tests/casework/test_picture.py",
    "workflows:task-claim": "tests/workflows/test_inbox.py",
    "workflows:task-release": "tests/workflows/test_inbox.py",
    "workflows:task-reassign": "tests/workflows/test_inbox.py",
}

# A 1×1 PNG: uploads are checked by content, so it must be a real image.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")


def _police_report(world, attachments=()):
    from tests.factories.casework import ensure_reference_data, make_report

    ensure_reference_data()
    return make_report(world.user("police"), attachments=list(attachments))


def _report_with_attachment(world):
    from casework.services import UploadedAttachment

    upload = SimpleUploadedFile("bild.png", PNG, content_type="image/png")
    report = _police_report(world, [UploadedAttachment(
        filename="bild.png", mimetype="image/png", content=upload, size=len(PNG))])
    return {"reference": report.reference, "attachment_id": report.attachments.get().pk}


# who sees a police report: the police (reporter's organisation) and EST staff
SEES_POLICE_REPORT = {"police": OK, "coordinator": OK, "security": OK, "staff": OK}

ROWS = [
    Row("casework:picture-publish", kwargs=lambda world: {"pk": 1},
        expect={ANON: LOGIN, "*": NOT_ALLOWED}, note="GET"),
    Row("casework:report-attachment", kwargs=_report_with_attachment,
        expect={ANON: LOGIN, **SEES_POLICE_REPORT, "staff": NOT_FOUND, "*": NOT_FOUND}),
    # the report API: token or session; 401 without credentials
    Row("casework:api-report-create",
        expect={ANON: 401, "coordinator": NOT_ALLOWED, "security": NOT_ALLOWED,
                "police": NOT_ALLOWED, "housing": NOT_ALLOWED, "reporter": NOT_ALLOWED,
                "reporter2": NOT_ALLOWED, "staff": NOT_ALLOWED, "*": FORBIDDEN},
        note="GET: only POST creates; non-reporters are refused first"),
    Row("casework:api-report-detail",
        kwargs=lambda world: {"reference": _police_report(world).reference},
        expect={ANON: 401, "police": OK, "coordinator": OK, "security": OK,
                "housing": NOT_FOUND, "reporter": NOT_FOUND, "reporter2": NOT_FOUND,
                "*": FORBIDDEN},
        note="other reporters' organisations 404; roles without the API 403"),
]
