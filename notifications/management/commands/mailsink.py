import time

from aiosmtpd.controller import Controller
from django.conf import settings
from django.core.management.base import BaseCommand

from notifications.sink import FileSinkHandler


class Command(BaseCommand):
    help = "Run the local SMTP sink (demo only): mail is kept in var/mail/ and shown at /epost/."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=settings.MAIL_SINK_PORT)

    def handle(self, *args, port, **options):
        controller = Controller(FileSinkHandler(), hostname="127.0.0.1", port=port)
        controller.start()
        self.stdout.write(f"mailsink: listening on 127.0.0.1:{port}")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
        finally:
            controller.stop()
