"""What every part of one run shares about *when to stop*: the run deadline and the task deadline.

- ``--max-time`` bounds the whole run: once it has passed, no new request is started (the HTTP
  layer raises ``RunStopped`` instead of sending), waits end at once, and every check that had not
  finished is reported as not run, with the reason.
- The task deadline (``--task-timeout``) is the documented bound on one task. Once one task has
  passed it without becoming final, the run knows the answer; other waits give up instead of each
  paying the same deadline again (against a server whose tasks never finish, that is one deadline
  per run instead of one per waiting probe).

Both are thread-safe: probes run in a pool and the schema layer beside them.
"""

from __future__ import annotations

import threading
import time

from conformance.verdicts import Evidence, NotRun

__all__ = ["ANOTHER_TASK_PASSED_DEADLINE", "RunControl", "RunStopped"]

ANOTHER_TASK_PASSED_DEADLINE = "another task already passed the deadline; not waiting again"


class RunStopped(NotRun):
    """``--max-time`` has passed: nothing more is sent."""


class RunControl:
    def __init__(self, max_time: float | None = None) -> None:
        if max_time is not None and max_time <= 0:
            raise ValueError("max_time must be positive")
        self.max_time = max_time
        self.started = time.monotonic()
        self.deadline = None if max_time is None else self.started + max_time
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._deadline_evidence: Evidence | None = None
        self._deadline_source: str | None = None
        self._stopped_because: str | None = None

    # -- the run deadline (--max-time) ------------------------------------------------------

    @property
    def stop_reason(self) -> str:
        if self._stopped_because is not None:
            return self._stopped_because
        return f"--max-time {self.max_time:g} s reached before this check finished"

    def stop(self, reason: str) -> None:
        """End the run now (Ctrl-C): the same as reaching --max-time, with another reason."""
        with self._lock:
            self._stopped_because = reason
            self.deadline = time.monotonic()
        self._wake.set()

    def expired(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline

    def check(self) -> None:
        """Raise ``RunStopped`` once the run deadline has passed (call before sending anything)."""
        if self.expired():
            raise RunStopped(self.stop_reason)

    def remaining(self) -> float | None:
        return None if self.deadline is None else max(0.0, self.deadline - time.monotonic())

    def sleep(self, seconds: float) -> None:
        """Sleep up to ``seconds``; return early when the run deadline comes or a task passes its
        deadline (a waiting probe then gives up at once instead of finishing its nap)."""
        if seconds <= 0:
            return
        left = self.remaining()
        self._wake.wait(seconds if left is None else min(seconds, left))

    # -- the task deadline ------------------------------------------------------------------

    def task_passed_deadline(self, evidence: Evidence, source: str | None = None) -> bool:
        """Record that a task passed the task deadline; True for the first one of the run."""
        with self._lock:
            first = self._deadline_evidence is None
            if first:
                self._deadline_evidence = evidence
                self._deadline_source = source
        self._wake.set()
        return first

    @property
    def deadline_evidence(self) -> Evidence | None:
        """The evidence of the first task that passed the task deadline, if one did."""
        with self._lock:
            return self._deadline_evidence
