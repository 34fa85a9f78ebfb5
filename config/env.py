"""Every environment variable Tryggsam reads is read here, through typed helpers
that fail loudly on bad values. ``NAME_FILE`` may hold a path to a file with the
secret instead of ``NAME`` (Docker/Kubernetes secrets)."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()


def secret(name: str, default: str | None = None) -> str | None:
    """Read NAME, or the contents of the file named by NAME_FILE."""
    path = env.str(f"{name}_FILE", default="")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return env.str(name, default=default)


def local_secret_key() -> str:
    """A per-checkout random key for local runs, kept in var/ so sessions survive
    restarts. Production must set DJANGO_SECRET_KEY (production.py refuses none)."""
    from django.core.management.utils import get_random_secret_key

    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(exist_ok=True)
        key_file.write_text(get_random_secret_key(), encoding="utf-8")
    return key_file.read_text(encoding="utf-8").strip()
