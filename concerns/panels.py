"""Start-page panels: no content, only counts and references."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.roles import Role, has_role
from core.navigation import Panel

from .access import can_handle_concerns, referrals_addressed_to
from .choices import ConcernStatus, ReferralStatus
from .models import Concern, Referral


def concern_panel(user):
    if not can_handle_concerns(user):
        return None
    waiting = Concern.objects.filter(status=ConcernStatus.NEW).count()
    overdue = Referral.objects.filter(status=ReferralStatus.SENT,
                                      escalated_at__isnull=False).count()
    lines = []
    if overdue:
        lines.append({"text": _("%(n)s referrals past their deadline") % {"n": overdue},
                      "url": reverse("concerns:referral-inbox")})
    return Panel(title=_("Concerns awaiting triage"), url=reverse("concerns:concern-list"),
                 count=waiting, lines=tuple(lines), empty_text=_("Nothing to triage."))


def referral_panel(user):
    if not has_role(user, Role.SOCIAL_SERVICES):
        return None
    waiting = referrals_addressed_to(user).filter(status=ReferralStatus.SENT).count()
    return Panel(title=_("Referrals to acknowledge"), url=reverse("concerns:referral-inbox"),
                 count=waiting, empty_text=_("No referrals waiting."))
