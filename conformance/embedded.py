"""The embedded mock: what ``toapis-conformance`` tests when no ``--base-url`` is given."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from conformance.probes.base import Settings

TOKEN_A = "embedded-tenant-a"
TOKEN_B = "embedded-tenant-b"
# The embedded mock advances a task one step per poll: no waiting between polls, and a task that
# is not final after a few seconds never will be.
TASK_TIMEOUT = 10.0


class ShiftableClock:
    """Real time plus an offset that only grows: lets the suite see what a server does a day
    later (expired results) without waiting a day, which only an embedded server allows."""

    def __init__(self) -> None:
        self._offset = 0.0
        self._lock = threading.Lock()

    def now(self) -> float:
        with self._lock:
            return time.time() + self._offset

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("the clock never goes backwards")
        with self._lock:
            self._offset += seconds


@dataclass(frozen=True)
class EmbeddedServer:
    base_url: str
    token: str
    token_b: str
    advance_clock: Callable[[float], None]

    def settings(self, **overrides: Any) -> Settings:
        """Run settings for this server: both tenants, its clock, no pause between polls."""
        base = Settings(
            self.base_url,
            self.token,
            self.token_b,
            poll_interval=0.0,
            task_timeout=TASK_TIMEOUT,
            advance_clock=self.advance_clock,
        )
        return replace(base, **overrides)


@contextmanager
def embedded_mock(seed: int = 0, defects: Sequence[str] = ()) -> Iterator[EmbeddedServer]:
    """Start the mock on a free loopback port; tasks advance one step per poll (deterministic)."""
    from mock_server import MockConfig, run_in_thread

    clock = ShiftableClock()
    config = MockConfig(
        tokens=(TOKEN_A, TOKEN_B),
        seed=seed,
        step_per_poll=True,
        defects=tuple(defects),
        clock=clock,
    )
    # Fuzzing sends malformed requests on purpose: uvicorn's warnings about them are not news.
    with run_in_thread(config, host="127.0.0.1", port=0, log_level="error") as server:
        yield EmbeddedServer(server.base_url, TOKEN_A, TOKEN_B, clock.advance)
