"""Beat tasks for concerns: interfaces only, the work is in services."""

import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


@shared_task(name="concerns.tasks.referral_escalate_overdue")
def referral_escalate_overdue():
    count = services.referral_escalate_overdue()
    logger.info("concerns: %s overdue referrals escalated", count)
    return count

