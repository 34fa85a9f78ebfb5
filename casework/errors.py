"""The errors casework services raise; their messages are for the user
(Swedish). They are the project's one error hierarchy (core.errors), under the
names casework's callers know."""

from core import errors

ServiceError = errors.ServiceError
ConflictError = errors.Conflict
