import logging

from celery import shared_task
from viewflow.workflow import timers

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def workflow_fire_timers() -> int:
    """The beat tick for viewflow's DB-backed timers (flow.Timer, .OnTimeout,
    StartTimer, conditions). Viewflow only fires them when something calls
    these functions (VIEWFLOW.md); each re-checks its task under the flow lock,
    so overlapping ticks are safe."""
    fired = timers.fire_due_timers() or 0
    fired += timers.fire_due_start_timers() or 0
    fired += timers.fire_due_conditions() or 0
    return fired
