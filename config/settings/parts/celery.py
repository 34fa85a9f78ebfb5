"""Celery and Redis. REDIS_URL is the broker; the beat schedule below is the
only place periodic work is declared."""

from datetime import timedelta

from celery.schedules import crontab

from config.env import env

# REDIS_URL: redis://host:6379/0 (or redis+socket:///path for the embedded one).
REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# A task is acknowledged only after it ran, one at a time per process, and goes
# back to the queue if its worker dies: together no task is lost on a crash.
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Europe/Stockholm"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "socket_connect_timeout": 3}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_WORKER_SEND_TASK_EVENTS = False

# OUTBOX_TICK_SECONDS: how often due e-mails are claimed and sent.
OUTBOX_TICK_SECONDS = env.float("OUTBOX_TICK_SECONDS", default=60.0)
# WORKER_HEARTBEAT_MAX_AGE: /health/ calls the worker dead after this many seconds.
WORKER_HEARTBEAT_MAX_AGE = env.int("WORKER_HEARTBEAT_MAX_AGE", default=180)

CELERY_BEAT_SCHEDULE = {
    "outbox-send-due": {
        "task": "notifications.tasks.outbox_send_due",
        "schedule": timedelta(seconds=OUTBOX_TICK_SECONDS),
        "options": {"expires": OUTBOX_TICK_SECONDS},
    },
    "concerns-referral-escalate-overdue": {
        "task": "concerns.tasks.referral_escalate_overdue",
        "schedule": timedelta(minutes=15),
        "options": {"expires": 15 * 60},
    },
    # Gallring of every registered kind of personal data (core.retention).
    "gallra": {
        "task": "core.tasks.gallra",
        "schedule": crontab(hour=3, minute=15),
        "options": {"expires": 60 * 60},
    },
    # The weekly digest of meetings and measures, Monday 07:00 Stockholm time.
    "meetings-weekly-digest": {
        "task": "meetings.tasks.meeting_digest_enqueue",
        "schedule": crontab(hour=7, minute=0, day_of_week=1),
    },
    "worker-heartbeat": {
        "task": "core.tasks.worker_heartbeat",
        "schedule": timedelta(seconds=30),
        "options": {"expires": 30},
    },
    # The weekly roll-up's slots folded into one row per cell (insights/rollup.py).
    "insights-rollup-fold-slots": {
        "task": "insights.tasks.rollup_fold_slots",
        "schedule": crontab(hour=3, minute=45),
        "options": {"expires": 60 * 60},
    },
    # EST: reminders to measure owners, once a day (working days only, see service).
    "measure-reminders": {
        "task": "casework.tasks.measure_reminders_enqueue",
        "schedule": crontab(hour=6, minute=30),
    },
    # EST: last month's feedback to each reporting organisation, on the first
    # working day of the month at 08:00. Cron cannot say "first working day":
    # the task runs on days 1–7 and the service (casework.feedback) does
    # nothing before that day, and nothing twice (one outbox key per
    # organisation and month) after it.
    "organisation-feedback": {
        "task": "casework.tasks.organisation_feedback_enqueue",
        "schedule": crontab(hour=8, minute=0, day_of_month="1-7"),
    },
    # EST: the lägesbild PDF of a published picture whose after-commit task was
    # lost (broker down at publishing) is stored and mailed by this sweep.
    "picture-documents-sweep": {
        "task": "casework.tasks.picture_documents_sweep",
        "schedule": timedelta(minutes=15),
        "options": {"expires": 15 * 60},
    },
    # No viewflow timer: no flow has a flow.Timer or .OnTimeout (ADR 0043: the
    # referral deadline is an outbox reminder), so there is no timer beat tick.
}
