"""Generation tasks: the record, its life cycle, and the per-tenant store.

Life cycle (what the contract promises): ``queued`` -> ``in_progress`` (progress rises, never
falls) -> ``completed`` (progress 100, ``completed_at``, ``expires_at`` = ``completed_at`` + 86400,
one result image per requested image) or ``failed`` (``error``, no result). Final states never
change. The state is advanced lazily, when a task is read, from the configured time model.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import toapis_spec
from mock_server import variants as v

QUEUED = "queued"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"
FAILED = "failed"
FINAL = frozenset({COMPLETED, FAILED})

RESULT_LIFETIME_SECONDS = toapis_spec.result_lifetime_seconds()
# Step-per-poll mode: progress shown by polls 0..3; the next poll makes the task final.
STEP_PROGRESS = (0, 25, 50, 75)
# Time mode: the first tenth of the duration is spent queued.
QUEUED_FRACTION = 0.1
FAIL_MARKER = "[[fail]]"
FAIL_MARKER_MESSAGE = "call upstream API failed: the prompt asked the mock to fail ([[fail]])"
RANDOM_FAILURE_MESSAGE = "call upstream API failed: upstream returned status 422"
FAILURE_CODE = "generation_failed"


@dataclass(slots=True)
class Task:
    tenant: str
    id: str
    model: str
    n: int
    size: str
    created: float
    base_url: str
    will_fail: bool = False
    failure_message: str = ""
    client_business_id: str | None = None
    resolution: str | None = None
    """The requested (or default) ``resolution`` of models that have one; ``None`` otherwise
    (and in records persisted before the field existed)."""
    reference_pixels: str | None = None
    """``WxH`` of the first reference image when it is one of this server's uploads: the shape
    of results whose ``size`` is no aspect ratio (``auto``, ``match_input_image``)."""
    output_format: str | None = None
    """The media type of the result files the request asked for (or left to the default), by
    the model's ``x-result-format`` field; ``None``: the files are the server's choice."""
    status: str = QUEUED
    progress: int = 0
    polls: int = 0
    completed_at: int | None = None
    finished_polls: int = 0
    body: bytes | None = field(default=None, compare=False)
    """The rendered JSON once final (final tasks never change, so it is rendered once)."""

    @property
    def created_at(self) -> int:
        return int(self.created)

    @property
    def expires_at(self) -> int | None:
        if self.completed_at is None:
            return None
        return self.completed_at + RESULT_LIFETIME_SECONDS

    @property
    def final(self) -> bool:
        return self.status in FINAL

    def result_url(self, index: int) -> str:
        return f"{self.base_url}/files/generated/{self.id}/{index}.png"

    def to_record(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "body"}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Task:
        return cls(**record)


class Lifecycle:
    """Moves tasks forward according to the configured time model (never backwards).

    ``variants`` (``mock_server.variants``) change the time model within what the docs allow:
    ``instant-tasks`` (final at creation), ``slow-tasks`` (30 s of real time, whatever
    ``step_per_poll`` says), ``born-in-progress``, ``long-queue``, ``progress-jumps`` and
    ``failed-with-finish-time``.
    """

    def __init__(
        self,
        *,
        duration: float,
        step_per_poll: bool,
        never_finishes: bool = False,
        variants: frozenset[str] = frozenset(),
    ) -> None:
        if "slow-tasks" in variants:
            duration, step_per_poll = v.SLOW_TASK_SECONDS, False
        self.duration = duration
        self.step_per_poll = step_per_poll
        self.never_finishes = never_finishes
        self.instant = "instant-tasks" in variants
        self.born_progress = v.BORN_PROGRESS if "born-in-progress" in variants else 0
        self.queued_polls = v.LONG_QUEUE_POLLS if "long-queue" in variants else 0
        self.jumps = v.JUMP_VALUES if "progress-jumps" in variants else None
        self.finish_time_on_failure = "failed-with-finish-time" in variants

    def start(self, task: Task, now: float) -> None:
        """Settle a task just created: final already (instant-tasks), or running."""
        if self.instant:
            self._settle(task, done=True, running=True, progress=100, finished_at=int(now))
        elif self.born_progress:
            self._settle(task, done=False, running=True, progress=self.born_progress, finished_at=0)

    def advance(self, task: Task, now: float, *, polled: bool) -> bool:
        """Bring ``task`` up to date at time ``now``; True when anything changed."""
        if task.final:
            return False
        if polled:
            task.polls += 1
        before = (task.status, task.progress)
        if self.instant:
            done, running, progress, finished_at = True, True, 100, int(now)
        elif task.polls <= self.queued_polls:
            done, running, progress, finished_at = False, False, 0, 0
        elif self.step_per_poll:
            step = task.polls - self.queued_polls
            done = step >= len(STEP_PROGRESS)
            progress = STEP_PROGRESS[min(step, len(STEP_PROGRESS) - 1)]
            running = step > 0
            finished_at = int(now)
        else:
            elapsed = now - task.created
            done = elapsed >= self.duration
            fraction = elapsed / self.duration if self.duration > 0 else 1.0
            running = fraction >= QUEUED_FRACTION
            progress = min(99, max(1, int(100 * fraction))) if running else 0
            finished_at = int(task.created + self.duration)
        self._settle(task, done=done, running=running, progress=progress, finished_at=finished_at)
        return (task.status, task.progress) != before

    def _settle(
        self, task: Task, *, done: bool, running: bool, progress: int, finished_at: int
    ) -> None:
        if self.jumps is not None and not done:
            # One task in two shows 0 until it is final; the others only the odd values.
            low, high = self.jumps
            straight = int(task.id.encode().hex(), 16) % 2 == 0
            progress = 0 if straight or not running else (low if progress < 50 else high)
        if self.born_progress and not done:
            running, progress = True, max(progress, self.born_progress)
        if self.never_finishes and done:
            done, running, progress = False, True, 99
        if done:
            keep_time = not task.will_fail or self.finish_time_on_failure
            task.completed_at = max(finished_at, task.created_at) if keep_time else None
            task.status = FAILED if task.will_fail else COMPLETED
            if not task.will_fail:
                task.progress = 100
        elif running or progress > 0 or task.status == IN_PROGRESS:
            task.status = IN_PROGRESS
            task.progress = max(task.progress, progress)


class TaskIds:
    """Task ids: seeded (the same seed and boot number give the same sequence) or, without a
    seed, from ``secrets`` (a Mersenne Twister's output can be predicted from earlier ids)."""

    def __init__(self, seed: int | None, boot: int) -> None:
        self._rng = random.Random(f"task-ids/{seed}/{boot}") if seed is not None else None

    def next(self) -> str:
        bits = self._rng.getrandbits(96) if self._rng is not None else secrets.randbits(96)
        return f"task_img_{bits:024x}"


class FailureDraw:
    """Seeded random failures, drawn once per created task."""

    def __init__(self, seed: int, boot: int, rate: float) -> None:
        self._rng = random.Random(f"failures/{seed}/{boot}")
        self.rate = rate

    def fails(self) -> bool:
        return self.rate > 0 and self._rng.random() < self.rate


# What a task costs beside its variable strings (the object, its fixed fields, the index entries),
# measured with tracemalloc on CPython 3.11 (about 500 bytes; 1.2 KB a task with its cached body
# of n=4) and rounded up, so that the estimate errs on the high side.
TASK_OVERHEAD_BYTES = 1024


def task_bytes(task: Task) -> int:
    """An estimate of the memory ``task`` holds: fixed overhead, its strings, its cached body."""
    strings = len(task.id) + len(task.base_url) + len(task.client_business_id or "")
    return TASK_OVERHEAD_BYTES + strings + len(task.failure_message) + len(task.body or b"")


class TaskStore:
    """Every task by id, readable only by the tenant that created it.

    Without persistence, memory is bounded by ``max_tasks`` and by ``max_bytes`` (of
    ``task_bytes``): beyond either, the oldest final tasks (expired ones first, as they are the
    oldest) are evicted; tasks still running are evicted only if nothing else is left.
    """

    def __init__(self, max_tasks: int | None, max_bytes: int | None = None) -> None:
        self.max_tasks = max_tasks
        self.max_bytes = max_bytes
        self.bytes = 0
        """The ``task_bytes`` of every stored task."""
        self._by_id: dict[str, Task] = {}
        self._by_business_id: dict[tuple[str, str], str] = {}

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Task]:
        return iter(list(self._by_id.values()))

    def add(self, task: Task) -> list[Task]:
        """Store ``task``; return the tasks evicted to make room."""
        evicted = self._make_room(task_bytes(task))
        self._by_id[task.id] = task
        self.bytes += task_bytes(task)
        if task.client_business_id is not None:
            self._by_business_id[(task.tenant, task.client_business_id)] = task.id
        return evicted

    def set_body(self, task: Task, body: bytes) -> list[Task]:
        """Cache the rendered final ``body`` of a stored task; return the tasks evicted for it."""
        stored = self._by_id.get(task.id) is task
        if stored:
            self.bytes -= task_bytes(task)
        # A copy of the exact size: orjson's output keeps its 4 KB working buffer (tracemalloc
        # counts about 4,090 bytes for a 670-byte body), six times what is kept here.
        task.body = bytes(memoryview(body))
        if not stored:
            return []
        self.bytes += task_bytes(task)
        return self._make_room(0, keep=task)

    def get(self, tenant: str | None, key: str) -> Task | None:
        """The task called ``key`` (its id, else its client_business_id) if ``tenant`` owns it.

        ``tenant=None`` reads any tenant's task (used by the public result-file route).
        """
        task = self._by_id.get(key)
        if task is not None and (tenant is None or task.tenant == tenant):
            return task
        if tenant is None:
            return None
        task_id = self._by_business_id.get((tenant, key))
        return self._by_id.get(task_id) if task_id is not None else None

    def get_any_tenant(self, key: str) -> Task | None:
        task = self._by_id.get(key)
        if task is not None:
            return task
        for (_, business_id), task_id in self._by_business_id.items():
            if business_id == key:
                return self._by_id.get(task_id)
        return None

    def _make_room(self, incoming: int, keep: Task | None = None) -> list[Task]:
        """Evict so that one more task (of ``incoming`` bytes) fits; never evict ``keep``."""
        too_many = self.max_tasks is not None and len(self._by_id) >= self.max_tasks
        too_big = self.max_bytes is not None and self.bytes + incoming > self.max_bytes
        if not (too_many or too_big):
            return []
        # Evict a batch (1%) at a time so the scan cost is spread over many insertions.
        count = 0
        if self.max_tasks is not None and too_many:
            count = len(self._by_id) - self.max_tasks + 1 + self.max_tasks // 100
        size = 0
        if self.max_bytes is not None and too_big:
            size = self.bytes + incoming - self.max_bytes + self.max_bytes // 100
        victims: list[Task] = []
        freed = 0
        for final in (True, False):
            for task in self._by_id.values():
                if len(victims) >= count and freed >= size:
                    break
                if task.final is final and task is not keep:
                    victims.append(task)
                    freed += task_bytes(task)
        for task in victims:
            self._remove(task)
        return victims

    def _remove(self, task: Task) -> None:
        if self._by_id.pop(task.id, None) is not None:
            self.bytes -= task_bytes(task)
        if task.client_business_id is not None:
            key = (task.tenant, task.client_business_id)
            if self._by_business_id.get(key) == task.id:
                del self._by_business_id[key]
