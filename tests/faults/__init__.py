"""Fault injection with real processes (gunicorn, Celery worker and beat, a
private redis-server, aiosmtpd, PostgreSQL's pg_terminate_backend).

Also part of this suite, but kept beside the code it tests:
- worker killed with SIGKILL mid-send → delivered once:
  tests/notifications/test_outbox.py::test_worker_killed_mid_send_delivers_once_after_restart
- two concurrent ticks in one process → each key once:
  tests/notifications/test_outbox.py::test_two_concurrent_ticks_send_each_key_once
"""
