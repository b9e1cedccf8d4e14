"""Where the client gets time from, so that tests and tools can replace real waiting.

Every wait of the client (polling intervals, retry backoff, ``Retry-After``) goes through a
``Clock``. ``SystemClock`` really sleeps; ``FakeClock`` only moves its own time forward and
records each sleep, so a test of a 120 s deadline runs in milliseconds.
"""

from __future__ import annotations

import asyncio
import time
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds on a clock that never goes backwards (only differences matter)."""
        ...

    def sleep(self, seconds: float) -> None:
        """Block for ``seconds``."""
        ...

    async def async_sleep(self, seconds: float) -> None:
        """Suspend the coroutine for ``seconds``."""
        ...


class SystemClock:
    """Real time: ``time.monotonic``, ``time.sleep`` and ``asyncio.sleep``."""

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    async def async_sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)

    def __repr__(self) -> str:
        return "SystemClock()"


class FakeClock:
    """A clock whose sleeps return at once and advance its time; ``sleeps`` lists every wait."""

    def __init__(self, start: float = 0.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("cannot sleep a negative time")
        self.sleeps.append(seconds)
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)
        await asyncio.sleep(0)  # still yield to the event loop, as a real sleep would

    def __repr__(self) -> str:
        return f"FakeClock(now={self.now:g}, sleeps={len(self.sleeps)})"
