"""`make run`: the embedded default (SQLite, bundled Redis, local mail sink)."""

from config.settings.base import *  # noqa: F403

# The local sink's messages at /epost/ (staff only).
LOCAL_MAILBOX = True
