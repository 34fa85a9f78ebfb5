"""The local SMTP sink of `make run`: an aiosmtpd server that keeps every
message as an .eml file in var/mail/, readable at /epost/ by staff.

Files, not database rows: with the embedded SQLite the sender holds the write
lock while it talks SMTP, so a sink writing to the same database would wait for
the very sender it is answering."""

import os
import time
import uuid
from pathlib import Path

from django.conf import settings


def mail_dir() -> Path:
    return Path(settings.MAIL_SINK_DIR)


def store_message(content: bytes) -> Path:
    folder = mail_dir()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}.eml"
    temporary = folder / f".{name}.tmp"
    temporary.write_bytes(content)
    os.replace(temporary, folder / name)  # readers never see half a message
    return folder / name


class FileSinkHandler:
    async def handle_DATA(self, server, session, envelope):
        store_message(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"
