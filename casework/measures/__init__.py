"""Measures (åtgärder): the one module that creates them, changes them and
reminds their owners, whatever they came from. Callers in casework, meetings
and insights use these functions directly."""

from ..choices import OPEN_MEASURE_STATUSES
from .changes import (
    MEASURE_FIELDS,
    measure_follow_up_add,
    measure_saved_in_admin,
    measure_update,
)
from .creation import check_restricted_measure, measure_create, measure_mail_title, owner_notify
from .reminders import (
    REMINDER_WORKING_DAYS,
    measure_reminders_enqueue,
    overdue_day,
    reminder_day,
    reminders_plan,
    reminders_withdraw,
)
from .sources import register_state_hook

__all__ = [
    "MEASURE_FIELDS", "OPEN_MEASURE_STATUSES", "REMINDER_WORKING_DAYS",
    "check_restricted_measure", "measure_create", "measure_follow_up_add",
    "measure_mail_title", "measure_reminders_enqueue", "measure_saved_in_admin",
    "measure_update", "overdue_day", "owner_notify", "register_state_hook", "reminder_day",
    "reminders_plan", "reminders_withdraw",
]
