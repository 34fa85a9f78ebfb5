"""`make run`: the embedded default (SQLite, bundled Redis, local mail sink)."""

from config.settings.base import *  # noqa: F403
