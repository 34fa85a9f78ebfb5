from celery import shared_task

from .rollup import fold_slots


@shared_task(name="insights.tasks.rollup_fold_slots")
def rollup_fold_slots() -> int:
    """Nightly: the roll-up's slots into one row per cell (insights/rollup.py)."""
    return fold_slots()
