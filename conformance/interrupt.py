"""Ctrl-C ends a run, not the program.

A run against a slow, billed server is the one people interrupt. The first Ctrl-C (SIGINT) stops
the run at once: every registered stop is called (the run's ``RunControl`` stops, so no request is
sent any more and every wait ends; the pacer lets its waiters go), the probes and the schema layer
wind down, the checks that had not finished are reported as not run ("interrupted"), the reports
are written, the summary is printed, and the command exits 130. A second Ctrl-C raises
``KeyboardInterrupt`` as usual, for when even that takes too long.

Only the main thread can install a signal handler, and only a default one is replaced: a process
started in the background by a non-interactive shell ignores SIGINT, and a host that installed
its own handler keeps it.

This module imports only the standard library: the command line imports it first, so that a
Ctrl-C during the second or so it takes to load the rest is remembered (and the run then ends at
once, with its reports) instead of ending in a traceback from an import.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

__all__ = ["CTRL_C", "EXIT_INTERRUPTED", "INTERRUPTED", "CtrlC"]

INTERRUPTED = "interrupted (Ctrl-C) before this check finished"
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for a command ended by Ctrl-C


class CtrlC:
    """The process's SIGINT: pressed once, every registered stop runs; twice, KeyboardInterrupt."""

    def __init__(self) -> None:
        self._pressed = threading.Event()
        self._lock = threading.Lock()
        self._stops: list[Callable[[], None]] = []

    @property
    def pressed(self) -> bool:
        return self._pressed.is_set()

    def press(self) -> None:
        """What the first SIGINT does (tests call it directly)."""
        self._pressed.set()
        with self._lock:
            stops = list(self._stops)
        for stop in stops:
            stop()

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self._pressed.is_set():
            raise KeyboardInterrupt  # the second Ctrl-C: do not wait for a clean end
        self.press()

    def listens(self) -> bool:
        return threading.current_thread() is threading.main_thread() and (
            signal.getsignal(signal.SIGINT) == self._handle
        )

    def listen(self) -> bool:
        """Take SIGINT over if it still has Python's default handler; True if it was taken."""
        if threading.current_thread() is not threading.main_thread():
            return False
        if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
            return False
        signal.signal(signal.SIGINT, self._handle)
        return True

    @contextmanager
    def listening(self) -> Iterator[None]:
        """SIGINT is handled here for the duration; afterwards the default handler is back and a
        press is forgotten (an outer ``listening`` keeps both)."""
        taken = self.listen()
        try:
            yield
        finally:
            if taken:
                signal.signal(signal.SIGINT, signal.default_int_handler)
                self._pressed.clear()

    @contextmanager
    def stopping(self, stop: Callable[[], None]) -> Iterator[None]:
        """Call ``stop`` on a press during the ``with`` block (at once if one came already)."""
        with self._lock:
            self._stops.append(stop)
        try:
            if self.pressed:
                stop()
            yield
        finally:
            with self._lock:
                self._stops.remove(stop)


CTRL_C = CtrlC()


def _started_as_the_command() -> bool:
    return Path(sys.argv[0] if sys.argv else "").name == "toapis-conformance"


if _started_as_the_command():  # only the console script: never a host process such as pytest
    CTRL_C.listen()
