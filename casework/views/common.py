"""Helpers the view modules share."""

from django.core.exceptions import ValidationError

from core.access import require

_require = require  # core.access: the one access check (NotAllowed answers 403)


MAX_BIGINT = 2**63 - 1  # ids above this overflow PostgreSQL's bigint: 404, not 500


def _status(form, request):
    return 400 if request.method == "POST" and form.errors else 200


def _add_errors(form, error: ValidationError) -> None:
    """A service's ValidationError onto the form (a field the form lacks goes
    to the form's top)."""
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)
