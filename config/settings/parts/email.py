"""Outgoing e-mail. Only the outbox task talks SMTP; web requests never do."""

from config.env import VAR_DIR, env

# EMAIL_URL: smtp://user:pass@host:port (or smtp+tls://…); default the local sink.
_email = env.email_url("EMAIL_URL", default="smtp://127.0.0.1:1025")
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env.str("EMAIL_HOST", default=_email["EMAIL_HOST"])
EMAIL_PORT = env.int("EMAIL_PORT", default=_email["EMAIL_PORT"])
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
# EMAIL_TIMEOUT: seconds before an SMTP call gives up and the row is retried.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=15)
# DEFAULT_FROM_EMAIL: the sender of every message.
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Tryggsam <tryggsam@tranemo.example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# OUTBOX_MAX_ATTEMPTS: after this many failed SMTP attempts a row is marked failed.
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=8)
# OUTBOX_MAX_DUE_AGE: /health/ answers 503 when a pending e-mail has been due for
# longer than this many seconds (the tick runs every OUTBOX_TICK_SECONDS, so a
# healthy queue never holds due mail for long; a stuck one does).
OUTBOX_MAX_DUE_AGE = env.int("OUTBOX_MAX_DUE_AGE", default=900)
# MAIL_SINK_PORT: the port the local SMTP sink of `make run` listens on.
MAIL_SINK_PORT = env.int("MAIL_SINK_PORT", default=1025)
# MAIL_SINK_DIR: where the local sink keeps received messages (.eml files).
MAIL_SINK_DIR = env.path("MAIL_SINK_DIR", default=str(VAR_DIR / "mail"))
# LOCAL_MAILBOX: show the sink's messages at /epost/ (staff only). Set in
# local.py (and test.py, whose suite covers the page); never in production.
LOCAL_MAILBOX = False


def mail_relay_configured() -> bool:
    """Whether the environment names a mail relay. Without EMAIL_URL or
    EMAIL_HOST, mail goes to the local sink of `make run` (127.0.0.1:1025),
    which in production means that no referral notice or reminder reaches
    anyone while the application looks healthy."""
    return bool(env.str("EMAIL_URL", default="") or env.str("EMAIL_HOST", default=""))
