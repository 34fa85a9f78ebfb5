"""How the triage flow starts: inside report_submit's transaction, with no
savepoint and no row lock of its own (four of a report submit's round
trips, which every report pays).

- The lock (`StartAwareLock`): viewflow's blocking SELECT … FOR UPDATE on the
  process row, except for the process this transaction is starting. A row
  inserted by an uncommitted transaction is invisible to every other
  transaction, so nobody else can hold or wait for its lock. Every later
  step on the process (claim, triage, release) takes the real lock.
- The start node (`StartInCallersTransaction`): viewflow's StartHandle,
  whose activation opens a savepoint around the start. The start always runs
  inside `workflows.services.report_submit`'s transaction, where nothing
  catches an error to carry on: a failure rolls the whole submit back (a
  report never exists without its inbox task), so the savepoint bought
  nothing."""

import threading
from contextlib import contextmanager

from django.db import transaction
from viewflow.workflow import flow, lock
from viewflow.workflow.activation import Activation
from viewflow.workflow.nodes.start import StartHandleActivation
from viewflow.workflow.signals import flow_started, task_started
from viewflow.workflow.status import STATUS

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


class _StartActivation(StartHandleActivation):
    @Activation.status.transition(source=STATUS.NEW)
    def execute(self):
        # viewflow's StartActivation.execute, without the savepoint: the
        # caller's transaction is the one the start belongs to (outside one,
        # this block is the transaction)
        task_started.send(sender=self.flow_class, process=self.process, task=self.task)
        with transaction.atomic(savepoint=False):
            self.process.save()
            with self.flow_class.lock(self.process.pk):
                self.complete()
                flow_started.send(sender=self.flow_class, process=self.process,
                                  task=self.task)
                self.activate_next()


class StartInCallersTransaction(flow.StartHandle):
    activation_class = _StartActivation
