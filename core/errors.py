"""The one error hierarchy of the services. A service raises one of these with
a message for the user (Swedish, through gettext); views that keep a form
open catch `ServiceError` and show the message next to the input, and
`core.middleware.ServiceErrorMiddleware` answers every one that escapes a view
the same way everywhere:

    NotAllowed  -> 403 (404 when `conceal`: need-to-know hides that the object exists)
    Conflict    -> 409 with the message (someone else changed it first)
    Invalid     -> 400 with the message
    ServiceError (any other) -> 400 with the message
"""

from django.core.exceptions import PermissionDenied


class ServiceError(Exception):
    """A rule of the domain said no; the message is for the user (Swedish)."""

    status = 400


class Invalid(ServiceError):
    """The input breaks a rule the form could not check on its own."""


class Conflict(ServiceError):
    """Someone else changed the object since the user loaded it (a claimed
    task, a stale version, an answered referral)."""

    status = 409


class NotAllowed(ServiceError, PermissionDenied):
    """The user may not do this. `conceal`: answer as if the object did not
    exist (concerns, referrals, triage tasks: need-to-know)."""

    status = 403

    def __init__(self, message: str = "", *, conceal: bool = False):
        super().__init__(message)
        self.conceal = conceal
