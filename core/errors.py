"""The one error hierarchy of the services. A service raises one of these with
a message for the user (Swedish, through gettext); views that keep a form
open catch `ServiceError` and show the message next to the input
(`core.forms.add_service_error`), and
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
    """The input breaks a rule the form could not check on its own.

    `message` is one text, or a dict from field name to text (or texts) when
    the rule concerns one field: a view puts it next to that field
    (`core.forms.add_service_error`). `code` names the rule for callers and
    tests (e.g. "no_receiver", "rrule_many")."""

    def __init__(self, message, *, code: str = "invalid"):
        if isinstance(message, dict):
            self.field_messages = {
                field: [str(text) for text in (texts if isinstance(texts, list | tuple)
                                               else [texts])]
                for field, texts in message.items()}
        else:
            self.field_messages = {None: [str(message)]}
        self.code = code
        super().__init__(" ".join(self.messages))

    @property
    def messages(self) -> list[str]:
        return [text for texts in self.field_messages.values() for text in texts]

    @classmethod
    def from_validation_error(cls, error, *, code: str = "invalid") -> "Invalid":
        """A model's full_clean() said no: the same messages, as our error."""
        if hasattr(error, "error_dict"):
            return cls({None if field == "__all__" else field: texts
                        for field, texts in error.message_dict.items()}, code=code)
        return cls(" ".join(error.messages), code=code)


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
