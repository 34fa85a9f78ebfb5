"""Settings shared by every environment. Environment variables are documented
where they are read; see config/env.py for the helpers."""

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, VAR_DIR, env, local_secret_key, secret

# DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE): required in production.
SECRET_KEY = secret("DJANGO_SECRET_KEY") or local_secret_key()
# DJANGO_DEBUG: "true" only on a developer's machine.
DEBUG = env.bool("DJANGO_DEBUG", default=False)
# ALLOWED_HOSTS: comma-separated host names the site answers to.
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
# SITE_URL: the absolute address used in e-mail links.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "core.staticfiles.TryggsamStaticFilesConfig",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "js_lib_leaflet",
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "viewflow",
    "viewflow.workflow",
    "accounts",
    "core",
    "notifications",
    "casework",
    "workflows",
    "concerns",
    "meetings",
    "insights",
    "actionplan",
    "townmeetings",
    "maps",
    "audit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user resolved once, not a lazy stand-in (accounts/middleware.py)
    "accounts.middleware.ResolvedUserMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "accounts.middleware.RoleChangeChannelMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # core.errors: a service error that escapes a view, the same answer everywhere
    "core.middleware.ServiceErrorMiddleware",
    "core.sessions.IdleSessionTimeoutMiddleware",
    # the start page's kept panels are dropped after a user's own changes
    "core.start_page.FreshPanelsAfterChangesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        # Django's, with `{% load i18n %}` keeping constant translations
        # per language (core/template_backend.py)
        "BACKEND": "core.template_backend.DjangoTemplates",
        "NAME": "django",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.navigation",
            ],
        },
    }
]

# Widgets render through the project's templates, so that templates/django/forms/
# can say things in Swedish (an empty choice reads "— Välj —", not "---------").
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# DATABASE_URL: postgres://user:pass@host:5432/name in production; the embedded
# default is SQLite in var/ so that `make run` needs nothing installed.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'tryggsam.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and IMMEDIATE transactions let web, worker and beat share the file
    # without "database is locked" errors under light demo load.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Server-side parameter binding and prepared statements: psycopg prepares
    # a statement the fifth time a connection runs it, and PostgreSQL stops
    # planning the hot queries (session, user, the inbox's seven-table join)
    # on every request. Behind a pooler in transaction mode, PgBouncer 1.21+
    # with max_prepared_statements handles this; set
    # DATABASE_PREPARE_THRESHOLD=off for one that cannot.
    _threshold = env.str("DATABASE_PREPARE_THRESHOLD", default="5")
    DATABASES["default"]["OPTIONS"] = {
        "server_side_binding": True,
        "prepare_threshold": None if _threshold == "off" else int(_threshold),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "accounts.backends.UserBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"

# Sessions: a working day at most, and gone when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Kept in the database, read from the shared cache (core/session_store.py).
SESSION_ENGINE = "core.session_store"
# SESSION_IDLE_TIMEOUT: seconds without a request after which a session ends
# (core.sessions; checked to within a minute).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
# START_PAGE_PANEL_SECONDS: how long the start page's panels are kept per user
# (core/start_page.py); 0 builds them on every request.
START_PAGE_PANEL_SECONDS = env.int("START_PAGE_PANEL_SECONDS", default=30)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Lockout after repeated failed logins (django-axes): per user name and address.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# TRUSTED_PROXY_COUNT: how many reverse proxies (TLS terminator, load balancer)
# stand between the clients and gunicorn, each appending to X-Forwarded-For.
# 0 (default): the header is ignored and the connection's address is the
# client's. Lockout and the access log use the same address (core.addresses);
# the callable replaces axes' own AXES_IPWARE_PROXY_COUNT (django-ipware is not
# installed, and one function keeps the two from disagreeing).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")
AXES_CLIENT_IP_CALLABLE = "core.addresses.client_ip"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish"))]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "core.storage.StaticFilesStorage"},
}
# MEDIA_ROOT: where uploaded attachments are kept (outside the web root).
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
MEDIA_URL = "/media/"
# Uploads: 10 MB per file; larger ones are refused with a Swedish message.
MAX_UPLOAD_BYTES = env.int("MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 60 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Security headers that hold everywhere; production.py adds HTTPS-only ones.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.api_auth.CachedUserTokenAuthentication",  # the cached user
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {"report_submit": "120/minute", "anon": "60/minute"},
    "EXCEPTION_HANDLER": "core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tryggsam API",
    "DESCRIPTION": "API för partnersystem (polis, bostadsbolag) hos Trygg och Säker kommun.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    # Swagger UI from our own static files (no CDN), script served apart (CSP).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Same field names, different choice sets: name each enum in the schema.
    "ENUM_NAME_OVERRIDES": {
        "ReportStatusEnum": "casework.choices.ReportStatus",
        "ReportUrgencyEnum": "casework.choices.Urgency",
        "ConcernStatusEnum": "concerns.choices.ConcernStatus",
        "ConcernUrgencyEnum": "concerns.choices.Urgency",
    },
}

VIEWFLOW = {"AUTOREGISTER": False}

# "local": per process, for small reference data read on hot paths (the inbox's
# filter choices), where a minute of staleness after an admin edit is fine and
# a network round trip per read is not.
LOCAL_CACHE = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "local"}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
          "local": LOCAL_CACHE}

# Logs carry ids and references, never names, personnummer or free text.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
    },
}

# DEMO_DATA_ALLOWED: whether `manage.py seed_demo` may load the invented demo
# users and data (with their published password). Off in production.py.
DEMO_DATA_ALLOWED = True

# BENCH_ENDPOINTS: mount the benchmark's reference views at /bench/ (bench.py
# sets it; never in production).
BENCH_ENDPOINTS = env.bool("BENCH_ENDPOINTS", default=False)

# The municipality this installation serves (shown in the interface).
MUNICIPALITY_NAME = env.str("MUNICIPALITY_NAME", default="Tranemo kommun")

from config.settings.parts.celery import *  # noqa: E402,F403
from config.settings.parts.email import *  # noqa: E402,F403
from config.settings.parts.signin import *  # noqa: E402,F403

# The single sign-on button's POST continues to the identity provider.
CONTENT_SECURITY_POLICY = with_provider_form_action(  # noqa: F405
    CONTENT_SECURITY_POLICY, OIDC_ISSUER)  # noqa: F405

# Violent-extremism concerns. CONCERN_REFERRAL_SLA_DAYS: working days a
# receiver has to acknowledge a referral. CONCERN_RETENTION_YEARS_<OUTCOME>:
# years after closing before personal data is disposed of (gallring).
CONCERN_REFERRAL_SLA_DAYS = env.int("CONCERN_REFERRAL_SLA_DAYS", default=2)
CONCERN_RETENTION_YEARS = {
    outcome: env.int(f"CONCERN_RETENTION_YEARS_{outcome.upper()}", default=years)
    for outcome, years in {"support": 3, "exit": 3, "police": 3, "no_action": 1,
                           "consultation": 1}.items()
}

# Gallring (retention) of everything personal outside the concerns themselves;
# `manage.py gallra` and the nightly beat task apply them (docs/data-protection.md).
# MOVED_REPORT_RETENTION_DAYS: days a report handed over to the concern track
#   keeps its empty remnant (so the reporter sees "Överlämnad"), then deleted.
# REPORT_ATTACHMENT_RETENTION_DAYS: days after a report was set aside, or its
#   case closed, before its attachments (files and rows) are deleted.
# WALK_PHOTO_RETENTION_DAYS: days after a safety walk before its photos are
#   deleted (default four years: one mandate period, every locality walked once).
# SENSITIVE_EMAIL_RETENTION_DAYS: days a sent, failed or withdrawn e-mail about
#   a concern or referral stays in the outbox.
# WORKFLOW_PROCESS_RETENTION_DAYS: days after a workflow process ended before
#   its process and task rows (with their data) are deleted.
MOVED_REPORT_RETENTION_DAYS = env.int("MOVED_REPORT_RETENTION_DAYS", default=365)
REPORT_ATTACHMENT_RETENTION_DAYS = env.int("REPORT_ATTACHMENT_RETENTION_DAYS", default=730)
WALK_PHOTO_RETENTION_DAYS = env.int("WALK_PHOTO_RETENTION_DAYS", default=1461)
SENSITIVE_EMAIL_RETENTION_DAYS = env.int("SENSITIVE_EMAIL_RETENTION_DAYS", default=30)
WORKFLOW_PROCESS_RETENTION_DAYS = env.int("WORKFLOW_PROCESS_RETENTION_DAYS", default=365)

# INSIGHTS_MAP_TILE_URL: the map tile source (e.g. the municipality's own tile
# server) for the localities map on /lagesbild/. Empty (default): no map,
# the list of localities with their counts is shown on its own.
INSIGHTS_MAP_TILE_URL = env.str("INSIGHTS_MAP_TILE_URL", default="")

from config.settings.parts.maps import *  # noqa: E402,F403

# The map's tile host, when one is configured, may serve images.
CONTENT_SECURITY_POLICY = with_tile_source(CONTENT_SECURITY_POLICY, MAP_TILE_URL)  # noqa: F405
