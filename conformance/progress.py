"""What a user sees while a run goes on.

The runner tells a ``RunObserver`` what happens (probes starting and ending, checks finishing,
every HTTP exchange); ``RunProgress`` keeps the state that matters to a user waiting (checks done
of total, tasks in flight and their states, images billed, what it has waited on longest), and two
renderers show it:

- ``LiveProgress``: on a terminal, a live ``rich`` display redrawn a few times a second, cleared
  when the run ends (the final report follows);
- ``LineProgress``: off a terminal (CI logs, pipes), one line per check as it finishes, flushed at
  once and never wrapped.

Observers are called from many threads (probes run in a pool): every method is thread-safe.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.markup import escape
from rich.text import Text

from conformance.budget import Budget
from conformance.http import CREATE_PATH, STATUS_PATH
from conformance.verdicts import Exchange, Status, Verdict

__all__ = ["LineProgress", "LiveProgress", "NullObserver", "RunObserver", "RunProgress"]

SCHEMA_LAYER = "schema layer"
_STYLE = {
    "pass": "green",
    "fail": "bold red",
    "warn": "bold yellow",
    "not_run": "yellow",
    "error": "bold magenta",
}
_STATUS_PREFIX = STATUS_PATH.split("{", 1)[0]


class RunObserver(Protocol):
    def run_started(self, base_url: str, check_ids: Sequence[str], budget: Budget) -> None: ...

    def probe_started(self, name: str) -> None: ...

    def probe_finished(self, name: str) -> None: ...

    def check_finished(self, verdict: Verdict) -> None: ...

    def exchange(self, exchange: Exchange, source: str | None) -> None: ...

    def run_finished(self) -> None: ...


class NullObserver:
    """Sees everything, shows nothing (library use, ``--quiet``)."""

    def run_started(self, base_url: str, check_ids: Sequence[str], budget: Budget) -> None:
        pass

    def probe_started(self, name: str) -> None:
        pass

    def probe_finished(self, name: str) -> None:
        pass

    def check_finished(self, verdict: Verdict) -> None:
        pass

    def exchange(self, exchange: Exchange, source: str | None) -> None:
        pass

    def run_finished(self) -> None:
        pass


@dataclass
class TaskInFlight:
    task_id: str
    status: str
    progress: int | None
    since: float
    source: str | None


class RunProgress(NullObserver):
    """The state of a run as a waiting user cares about it (thread-safe)."""

    def __init__(self, clock: Any = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self.base_url = ""
        self.total = 0
        self.started = clock()
        self.finished: list[Verdict] = []
        self.running: dict[str, float] = {}
        self.tasks: dict[str, TaskInFlight] = {}
        self.budget: Budget | None = None
        self.requests = 0

    def run_started(self, base_url: str, check_ids: Sequence[str], budget: Budget) -> None:
        with self._lock:
            self.base_url = base_url
            self.total = len(check_ids)
            self.budget = budget
            self.started = self._clock()

    def probe_started(self, name: str) -> None:
        with self._lock:
            self.running[name] = self._clock()

    def probe_finished(self, name: str) -> None:
        with self._lock:
            self.running.pop(name, None)
            # A probe that is done waits for none of its tasks any more.
            for task_id in [t for t, task in self.tasks.items() if task.source == name]:
                del self.tasks[task_id]

    def check_finished(self, verdict: Verdict) -> None:
        with self._lock:
            self.finished.append(verdict)

    def exchange(self, exchange: Exchange, source: str | None) -> None:
        response = exchange.response
        with self._lock:
            self.requests += 1
        if response is None or response.status != 200:
            return
        path = urlsplit(exchange.request.url).path
        creating = exchange.request.method == "POST" and path == CREATE_PATH
        polling = exchange.request.method == "GET" and path.startswith(_STATUS_PREFIX)
        if not (creating or polling):
            return
        try:
            task = json.loads(response.body)
        except ValueError:
            return
        if not isinstance(task, dict) or not isinstance(task.get("id"), str):
            return
        status = str(task.get("status"))
        progress = task.get("progress") if isinstance(task.get("progress"), int) else None
        with self._lock:
            known = self.tasks.get(task["id"])
            if status in ("completed", "failed"):
                self.tasks.pop(task["id"], None)
            elif known is not None:
                known.status, known.progress = status, progress
            elif creating:
                self.tasks[task["id"]] = TaskInFlight(
                    task["id"], status, progress, self._clock(), source
                )

    # -- what is shown ------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        with self._lock:
            counts: dict[str, int] = {}
            for verdict in self.finished:
                counts[verdict.status.value] = counts.get(verdict.status.value, 0) + 1
            return counts

    def lines(self) -> list[str]:
        """The display, as rich markup lines."""
        now = self._clock()
        with self._lock:
            done, total = len(self.finished), self.total
            bad = [v.check_id for v in self.finished if v.status in (Status.FAIL, Status.ERROR)]
            tasks = list(self.tasks.values())
            running = sorted(self.running.items(), key=lambda item: item[1])
            budget = self.budget
            requests = self.requests
            elapsed = now - self.started
        states: dict[str, int] = {}
        for task in tasks:
            states[task.status] = states.get(task.status, 0) + 1
        billed = "0"
        if budget is not None:
            limit = "unlimited" if budget.limit is None else str(budget.limit)
            billed = f"{budget.spent} of {limit}"
        out = [
            f"[bold]toapis-conformance[/] {escape(self.base_url)}  "
            f"checks [bold]{done}/{total}[/]"
            + (f"  [bold red]{len(bad)} failed[/]" if bad else "")
            + f"  elapsed {elapsed:.0f} s  requests {requests}  images billed {billed}",
            f"tasks in flight: {len(tasks)}"
            + (
                " (" + ", ".join(f"{n} {state}" for state, n in sorted(states.items())) + ")"
                if tasks
                else ""
            ),
        ]
        if tasks:
            oldest = min(tasks, key=lambda task: task.since)
            share = f" {oldest.progress}%" if oldest.progress is not None else ""
            owner = escape(oldest.source or "?")
            out.append(
                f"waiting longest on: task {escape(oldest.task_id)} ({owner})"
                f" {escape(oldest.status)}{share} for {now - oldest.since:.0f} s"
            )
        elif running:
            name, since = running[0]
            out.append(f"waiting longest on: {escape(name)} for {now - since:.0f} s")
        if running:
            shown = ", ".join(f"{escape(name)} {now - since:.0f} s" for name, since in running[:6])
            more = f" and {len(running) - 6} more" if len(running) > 6 else ""
            out.append(f"[dim]running: {shown}{more}[/]")
        return out


def verdict_line(verdict: Verdict) -> str:
    """One check as one line of rich markup: status, id, and the reason it did not run."""
    status = verdict.status.value
    line = f"[{_STYLE.get(status, 'bold')}]{status.upper():8}[/] {escape(verdict.check_id)}"
    if verdict.reason and verdict.status is not Status.PASS:
        line += f"  [dim]({escape(' '.join(verdict.reason.split()))})[/]"
    return line


class LineProgress(RunProgress):
    """Off a terminal: each check's line as it finishes, flushed, never wrapped."""

    def __init__(self, console: Console, redact: Any = None) -> None:
        super().__init__()
        self.console = console
        self._redact = redact or (lambda text: text)
        self._print_lock = threading.Lock()

    def run_started(self, base_url: str, check_ids: Sequence[str], budget: Budget) -> None:
        super().run_started(base_url, check_ids, budget)
        limit = "unlimited" if budget.limit is None else budget.limit
        self._emit(
            f"[bold]toapis-conformance[/] against {escape(base_url)}: "
            f"{len(check_ids)} check(s), billable images at most {limit}"
        )

    def check_finished(self, verdict: Verdict) -> None:
        super().check_finished(verdict)
        self._emit(verdict_line(verdict))

    def _emit(self, markup: str) -> None:
        with self._print_lock:
            self.console.print(self._redact(markup), soft_wrap=True, highlight=False)
            self.console.file.flush()


class LiveProgress(RunProgress):
    """On a terminal: a live display of the run, redrawn four times a second."""

    def __init__(self, console: Console, redact: Any = None) -> None:
        super().__init__()
        self._redact = redact or (lambda text: text)
        self.live = Live(
            console=console,
            vertical_overflow="visible",
            get_renderable=self._render,
            refresh_per_second=4,
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
        )

    def _render(self) -> RenderableType:
        # One terminal line per display line (cut, never wrapped): the frame keeps its height.
        texts = [Text.from_markup(self._redact(line), overflow="ellipsis") for line in self.lines()]
        for text in texts:
            text.no_wrap = True
        return Group(*texts)

    def run_started(self, base_url: str, check_ids: Sequence[str], budget: Budget) -> None:
        super().run_started(base_url, check_ids, budget)
        self.live.start()

    def run_finished(self) -> None:
        if self.live.is_started:
            self.live.stop()
