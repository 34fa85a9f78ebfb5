"""The benchmark (`make bench`) and the fault-injection tests' real server:
production settings as far as they can run on loopback over plain HTTP.

Differences from production, and why:
- a fixed, public secret key (bench data only, never a real installation);
- the mail relay defaults to a sink on loopback (the bench counts mail there);
- no HTTPS redirect and ALLOWED_HOSTS 127.0.0.1: the load generator talks
  plain HTTP to the loopback address;
- BENCH_ENDPOINTS: mounts bench/urls.py, the reference endpoints each scenario
  is measured against (and a pg_sleep view the fault tests use);
- the report API's throttle raised so that it never trips;
- static files without the manifest: `collectstatic` with the manifest storage
  stops at a missing font inside viewflow's bundled CSS (see docs/performance.md)."""

import os

BENCH_SECRET_KEY = "bench-only-not-secret-" + "0123456789abcdef" * 3
os.environ["DJANGO_SECRET_KEY"] = BENCH_SECRET_KEY
# The bench's relay is a local sink on loopback (bench/run.py and the fault
# tests set the port); production's "a real relay is required" stands.
os.environ.setdefault("EMAIL_URL", "smtp://127.0.0.1:1025")

from config.env import env  # noqa: E402
from config.settings.production import *  # noqa: E402,F403

SECRET_KEY = BENCH_SECRET_KEY
DEBUG = False
SECURE_SSL_REDIRECT = False
ALLOWED_HOSTS = ["127.0.0.1"]
BENCH_ENDPOINTS = True
# STATIC_ROOT: the fault tests collect into a temporary directory.
STATIC_ROOT = env.path("STATIC_ROOT", default=str(STATIC_ROOT))  # noqa: F405
# The report API's throttle (120/minute per user) would turn a load test into
# 429s; it still runs (and still uses Redis), it just never trips.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {  # noqa: F405
    **REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "report_submit": "1000000/minute"}}  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage",
}
