from email import message_from_string, policy

from django.contrib.admin.views.decorators import staff_member_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .models import CapturedEmail


@staff_member_required
def mailbox(request):
    page = Paginator(CapturedEmail.objects.only("subject", "recipients", "received_at"), 50)
    return render(request, "notifications/mailbox.html",
                  {"page": page.get_page(request.GET.get("sida"))})


@staff_member_required
def mailbox_message(request, pk: int):
    captured = get_object_or_404(CapturedEmail, pk=pk)
    message = message_from_string(captured.raw, policy=policy.default)
    body = message.get_body(preferencelist=("plain",))
    text = body.get_content() if body is not None else ""
    parts = [part.get_content_type() for part in message.walk()]
    return render(request, "notifications/message.html",
                  {"captured": captured, "text": text, "parts": parts})
