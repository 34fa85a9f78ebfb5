"""Turning an outbox row into a MIME message: three templates per e-mail
(subject, plain text, HTML), rendered in Swedish, with a Message-ID derived from
the idempotency key so that a resend is recognisable as the same message."""

import base64
import hashlib
import re
from email.utils import formatdate

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from .models import OutgoingEmail

METHOD_RE = re.compile(r"^METHOD:(\w+)\s*$", re.MULTILINE)


def message_id_for(key: str) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()[:40]
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">").strip() or "tryggsam"
    return f"<{digest}@{domain}>"


def build_message(email: OutgoingEmail, connection=None) -> EmailMultiAlternatives:
    context = {**email.context, "site_url": settings.SITE_URL}
    with translation.override("sv"):
        subject = render_to_string(f"emails/{email.template}_subject.txt", context)
        text = render_to_string(f"emails/{email.template}_body.txt", context)
        html = render_to_string(f"emails/{email.template}_body.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=[email.to_email],
        connection=connection,
        headers={
            "Message-ID": message_id_for(email.key),
            "Date": formatdate(localtime=True),
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    if email.calendar:
        method = METHOD_RE.search(email.calendar)
        method_name = method.group(1) if method else "PUBLISH"
        message.attach_alternative(
            email.calendar, f"text/calendar; method={method_name}; charset=utf-8",
        )
        # As bytes: a str body of a non-text type would be encoded as Latin-1
        # by the e-mail package, while the inline part above says UTF-8.
        message.attach("invite.ics", email.calendar.encode("utf-8"), "application/ics")
    for attachment in email.attachments:
        message.attach(attachment["filename"], attachment_content(attachment),
                       attachment["mimetype"])
    return message


def attachment_content(attachment: dict) -> bytes:
    """An attachment's bytes: stored once in the default storage and named by
    `stored_name` (read when sending, so many rows share one file), or inline
    as `content_b64`. A missing stored file raises, and the row waits for its
    backoff like any other failure."""
    if attachment.get("stored_name"):
        with default_storage.open(attachment["stored_name"], "rb") as stored:
            return stored.read()
    return base64.b64decode(attachment["content_b64"])
