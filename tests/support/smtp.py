"""A real SMTP server for tests: aiosmtpd on a free loopback port, keeping the
received messages. `fail_next(n)` answers 451 to the next n messages;
`stop()`/`start()` simulate an outage; `hold_next_data()` keeps the next
message and then stalls before answering DATA (a send stuck mid-way);
`meet_in_data(barrier)` makes the next DATA commands wait for each other, so
two senders are provably mid-send at the same time."""

import asyncio
import socket
import threading
import time
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Handler:
    def __init__(self, server):
        self.server = server

    async def handle_DATA(self, smtp, session, envelope):
        await self.server._meet()
        with self.server.lock:
            if self.server.failures_left > 0:
                self.server.failures_left -= 1
                return "451 Try again later"
            message = message_from_bytes(envelope.content, policy=policy.default)
            self.server.messages.append(message)
            self.server.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        await self.server._hold()
        return "250 OK"


class SMTPServer:
    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.messages = []
        self.envelopes = []
        self.failures_left = 0
        self.lock = threading.Lock()
        self.controller = None
        self.holds_left = 0
        self.data_held = threading.Event()
        self.released = threading.Event()
        self.barrier = None
        self.meetings_left = 0

    def start(self):
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def fail_next(self, count: int) -> None:
        with self.lock:
            self.failures_left = count

    def hold_next_data(self) -> None:
        """The next message is received in full and kept (as a relay that had
        queued it would), but the 250 answer waits until `release()`."""
        with self.lock:
            self.holds_left = 1
            self.data_held.clear()
            self.released.clear()

    def release(self) -> None:
        self.released.set()

    async def _hold(self) -> None:
        with self.lock:
            if self.holds_left <= 0:
                return
            self.holds_left -= 1
        self.data_held.set()
        while not self.released.is_set():
            await asyncio.sleep(0.05)

    def meet_in_data(self, barrier: threading.Barrier) -> None:
        """The next `barrier.parties` DATA commands each wait at the barrier
        before answering. A barrier that times out is left broken: the test
        sees that the senders never were mid-send together."""
        with self.lock:
            self.barrier = barrier
            self.meetings_left = barrier.parties

    async def _meet(self) -> None:
        with self.lock:
            if self.barrier is None or self.meetings_left <= 0:
                return
            self.meetings_left -= 1
            barrier = self.barrier
        # All sessions share one event loop: wait in a thread, not on the loop.
        try:
            await asyncio.get_running_loop().run_in_executor(None, barrier.wait)
        except threading.BrokenBarrierError:
            pass

    def wait_for(self, count: int, timeout: float = 30.0) -> list:
        """Wait until `count` messages have arrived (polling, bounded)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.messages) >= count:
                return list(self.messages)
            time.sleep(0.05)
        raise AssertionError(f"expected {count} messages, got {len(self.messages)}")

    def message_ids(self) -> list[str]:
        return [str(m["Message-ID"]) for m in self.messages]
