"""The benchmark (`make bench`) and the fault-injection tests' real server:
production settings as far as they can run on loopback over plain HTTP.

Differences from production, and why:
- a fixed, public secret key (bench data only, never a real installation);
- no HTTPS redirect and ALLOWED_HOSTS 127.0.0.1: the load generator talks
  plain HTTP to the loopback address;
- BENCH_ENDPOINTS: mounts bench/urls.py, the reference endpoints each scenario
  is measured against (and a pg_sleep view the fault tests use);
- static files without the manifest: `collectstatic` with the manifest storage
  stops at a missing font inside viewflow's bundled CSS (see docs/performance.md)."""

import os

BENCH_SECRET_KEY = "bench-only-not-secret-" + "0123456789abcdef" * 3
os.environ["DJANGO_SECRET_KEY"] = BENCH_SECRET_KEY

from config.env import env  # noqa: E402
from config.settings.production import *  # noqa: E402,F403

SECRET_KEY = BENCH_SECRET_KEY
DEBUG = False
SECURE_SSL_REDIRECT = False
ALLOWED_HOSTS = ["127.0.0.1"]
BENCH_ENDPOINTS = True
# STATIC_ROOT: the fault tests collect into a temporary directory.
STATIC_ROOT = env.path("STATIC_ROOT", default=str(STATIC_ROOT))  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage",
}
