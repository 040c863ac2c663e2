"""The delivery worker: drain the outbox until told to stop.

SIGTERM or SIGINT lets the message in hand finish, then the loop ends. `once` drains
what is due and returns, for cron.
"""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType

from flask import Flask

from portal.delivery import advocate_clock, decision_clock, outbox

log = logging.getLogger(__name__)
BATCH = 20
# Ask the provider about delivery every so many rounds, not every second.
STATUS_EVERY = 60


def run(
    app: Flask,
    once: bool = False,
    poll_seconds: float = 1.0,
    stopping: threading.Event | None = None,
) -> int:
    """Deliver until stopped (or, with `once`, until nothing is due); messages tried.

    `stopping` lets a caller that runs the worker in a thread stop it.
    """
    stopping = stopping or threading.Event()

    def stop(signum: int, _frame: FrameType | None) -> None:
        log.info("worker stopping (signal %d)", signum)
        stopping.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
    tried = 0
    rounds = 0
    while not stopping.is_set():
        try:
            with app.app_context():
                count = outbox.drain(BATCH)
                if rounds % STATUS_EVERY == 0:
                    outbox.check_provider_statuses()
                    advocate_clock.tell_social_workers()
                    decision_clock.escalate()
        except Exception as error:
            # One bad round (the database busy or restarting) must not stop every later
            # message: note what kind of error it was (never its text, which can hold
            # data), wait, and try again. Claimed messages come back when their lease ends.
            log.error("worker round failed: %s", type(error).__name__)
            count = 0
            if once:
                raise
        tried += count
        rounds += 1
        if count == 0:
            if once:
                break
            stopping.wait(poll_seconds)
    return tried
