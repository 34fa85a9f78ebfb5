"""The errors casework services raise; their messages are for the user (Swedish)."""


class ServiceError(Exception):
    """A rule of the domain said no; the message is for the user (Swedish)."""


class ConflictError(ServiceError):
    """Someone else changed the object since the user loaded it."""
