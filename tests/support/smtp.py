"""A real SMTP server for tests: aiosmtpd on a free loopback port, keeping the
received messages. `fail_next(n)` answers 451 to the next n messages;
`stop()`/`start()` simulate an outage."""

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
        with self.server.lock:
            if self.server.failures_left > 0:
                self.server.failures_left -= 1
                return "451 Try again later"
            message = message_from_bytes(envelope.content, policy=policy.default)
            self.server.messages.append(message)
            self.server.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"


class SMTPServer:
    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.messages = []
        self.envelopes = []
        self.failures_left = 0
        self.lock = threading.Lock()
        self.controller = None

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
