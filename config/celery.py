"""The Celery application. Settings come from Django (CELERY_* names), the beat
schedule from config/settings/parts/celery.py: every periodic job in one place."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("tryggsam")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
