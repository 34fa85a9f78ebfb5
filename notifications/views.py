from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404
from django.shortcuts import render

from core.pagination import paginate

from .mailbox import mail_get, mail_names, mail_read


@staff_member_required
def mailbox(request):
    page = paginate(mail_names(), request)
    return render(request, "notifications/mailbox.html",
                  {"page": page, "mails": mail_read(page.rows)})


@staff_member_required
def mailbox_message(request, name: str):
    stored = mail_get(name)
    if stored is None:
        raise Http404
    body = stored.message.get_body(preferencelist=("plain",))
    text = body.get_content() if body is not None else ""
    parts = [part.get_content_type() for part in stored.message.walk()]
    return render(request, "notifications/message.html",
                  {"mail": stored, "text": text, "parts": parts,
                   "message_id": stored.message.get("Message-ID", "")})
