from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import OutgoingEmail
from .services import email_retry


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "template", "to_email", "status", "due_at", "attempts",
                    "sent_at"]
    list_filter = ["status", "template"]
    search_fields = ["key", "to_email"]
    # Delivery metadata only. The context, calendar text and attachments can
    # carry what the mail is about (a referral, a sensitive group's agenda as
    # PDF); the outbox is run from here without reading them.
    fields = ["key", "to_email", "template", "status", "due_at", "attempts", "last_error",
              "sent_at", "created_at"]
    readonly_fields = fields
    actions = ["retry_failed"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Retry failed e-mails"))
    def retry_failed(self, request, queryset):
        for email in queryset.filter(status=OutgoingEmail.Status.FAILED):
            email_retry(email_id=email.pk)

