"""The local SMTP sink of `make run`: an aiosmtpd server that keeps every
message in the database, readable at /epost/ by staff."""

from email import message_from_bytes, policy

from asgiref.sync import sync_to_async


def _store(envelope) -> None:
    from .models import CapturedEmail

    message = message_from_bytes(envelope.content, policy=policy.default)
    CapturedEmail.objects.create(
        message_id=str(message.get("Message-ID", ""))[:255],
        sender=envelope.mail_from or "",
        recipients=", ".join(envelope.rcpt_tos),
        subject=str(message.get("Subject", ""))[:500],
        raw=envelope.content.decode("utf-8", errors="replace"),
    )


class DatabaseSinkHandler:
    async def handle_DATA(self, server, session, envelope):
        await sync_to_async(_store, thread_sensitive=False)(envelope)
        return "250 Message accepted for delivery"
