"""Helpers the view modules share."""

from core.access import require

_require = require  # core.access: the one access check (NotAllowed answers 403)


MAX_BIGINT = 2**63 - 1  # ids above this overflow PostgreSQL's bigint: 404, not 500


def _status(form, request):
    return 400 if request.method == "POST" and form.errors else 200
