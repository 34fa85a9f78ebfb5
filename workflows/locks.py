"""The triage flow's lock: viewflow's blocking SELECT … FOR UPDATE on the
process row, except for the process this transaction is starting.

A process row inserted by an uncommitted transaction is invisible to every
other transaction, so nobody else can hold or wait for its lock: locking it
at the start only costs a savepoint, the SELECT and the release (three of a
report submit's round trips). Every later step on the process (claim,
triage, release) takes the real lock."""

import threading
from contextlib import contextmanager

from django.db import transaction
from viewflow.workflow import lock

_starting = threading.local()


def starting(process) -> None:
    """Mark `process` (saved next by viewflow's start) as this thread's own."""
    _starting.process = process


def _is_starting(process_pk) -> bool:
    process = getattr(_starting, "process", None)
    _starting.process = None
    return process is not None and process.pk is not None and process.pk == process_pk


class StartAwareLock(lock.SelectForUpdateLock):
    @contextmanager
    def __call__(self, flow_class, process_pk):
        if _is_starting(process_pk):
            # already inside the start's transaction (viewflow's atomic block)
            with transaction.atomic(savepoint=False):
                yield
            return
        with super().__call__(flow_class, process_pk):
            yield
