"""Tests: real PostgreSQL and Redis. Only speed knobs differ from base, and
the start page's kept panels: tests make data through services and read the
start page at once (tests/core/test_start_page_cache.py turns them on)."""

import os

os.environ.setdefault("DATABASE_URL", "postgres://root@127.0.0.1:5432/tryggsam")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")

from config.settings.base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_AUTOREFRESH = True
START_PAGE_PANEL_SECONDS = 0  # see the docstring
# Serve static files from the apps and static/ without collectstatic, so that
# browser tests see the real stylesheet (layout tests depend on it).
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = "/tmp/tryggsam-test-media"  # noqa: S108
MAIL_SINK_DIR = "/tmp/tryggsam-test-mail"  # noqa: S108
# Not a speed knob: the suite covers the development mailbox page as make run
# has it (local.py); tests/core/test_production_settings.py checks that
# production has no /epost/.
LOCAL_MAILBOX = True
