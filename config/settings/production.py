"""Production: HTTPS only, secrets from the environment, nothing defaulted that
could leak. `manage.py check --deploy` passes with these settings."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env, secret
from config.settings.base import *  # noqa: F403
from config.settings.parts.email import mail_relay_configured

SECRET_KEY = secret("DJANGO_SECRET_KEY")
if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set to 50 or more characters.")
DEBUG = False
if not mail_relay_configured():
    raise ImproperlyConfigured(
        "Production needs a mail relay: set EMAIL_URL (e.g. smtp+tls://user:pw@relay:587) "
        "or EMAIL_HOST. The default is the local sink of `make run`.")
LOCAL_MAILBOX = False
# seed_demo refuses to run: no demo users with a published password.
DEMO_DATA_ALLOWED = False

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

CACHES = {
    "default": {
        "BACKEND": "core.redis_cache.RedisCache",  # one client per pool
        "LOCATION": REDIS_URL,  # noqa: F405
    },
    "local": LOCAL_CACHE,  # noqa: F405
}

# A second person approves every grant of a role that sees concerns.
ROLE_GRANT_NEEDS_APPROVAL = env.bool("ROLE_GRANT_NEEDS_APPROVAL", default=True)
