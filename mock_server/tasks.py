"""Generation tasks: the record, its life cycle, and the per-tenant store.

Life cycle (what the contract promises): ``queued`` -> ``in_progress`` (progress rises, never
falls) -> ``completed`` (progress 100, ``completed_at``, ``expires_at`` = ``completed_at`` + 86400,
one result image per requested image) or ``failed`` (``error``, no result). Final states never
change. The state is advanced lazily, when a task is read, from the configured time model.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import toapis_spec

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
    """Moves tasks forward according to the configured time model (never backwards)."""

    def __init__(
        self, *, duration: float, step_per_poll: bool, never_finishes: bool = False
    ) -> None:
        self.duration = duration
        self.step_per_poll = step_per_poll
        self.never_finishes = never_finishes

    def advance(self, task: Task, now: float, *, polled: bool) -> bool:
        """Bring ``task`` up to date at time ``now``; True when anything changed."""
        if task.final:
            return False
        if polled:
            task.polls += 1
        if self.step_per_poll:
            step = task.polls
            done = step >= len(STEP_PROGRESS)
            progress = STEP_PROGRESS[min(step, len(STEP_PROGRESS) - 1)]
            finished_at = int(now)
        else:
            elapsed = now - task.created
            done = elapsed >= self.duration
            fraction = elapsed / self.duration if self.duration > 0 else 1.0
            progress = 0 if fraction < QUEUED_FRACTION else min(99, max(1, int(100 * fraction)))
            finished_at = int(task.created + self.duration)
        if self.never_finishes and done:
            done, progress = False, 99
        before = (task.status, task.progress)
        if done:
            task.completed_at = None if task.will_fail else max(finished_at, task.created_at)
            task.status = FAILED if task.will_fail else COMPLETED
            if not task.will_fail:
                task.progress = 100
        elif progress > 0 or task.status == IN_PROGRESS:
            task.status = IN_PROGRESS
            task.progress = max(task.progress, progress)
        return (task.status, task.progress) != before


class TaskIds:
    """Seeded task ids: the same seed and boot number give the same sequence."""

    def __init__(self, seed: int, boot: int) -> None:
        self._rng = random.Random(f"task-ids/{seed}/{boot}")

    def next(self) -> str:
        return f"task_img_{self._rng.getrandbits(96):024x}"


class FailureDraw:
    """Seeded random failures, drawn once per created task."""

    def __init__(self, seed: int, boot: int, rate: float) -> None:
        self._rng = random.Random(f"failures/{seed}/{boot}")
        self.rate = rate

    def fails(self) -> bool:
        return self.rate > 0 and self._rng.random() < self.rate


class TaskStore:
    """Every task by id, readable only by the tenant that created it.

    Without persistence, memory is bounded by ``max_tasks``: beyond it, the oldest final tasks
    (expired ones first, as they are the oldest) are evicted; tasks still running are evicted only
    if nothing else is left.
    """

    def __init__(self, max_tasks: int | None) -> None:
        self.max_tasks = max_tasks
        self._by_id: dict[str, Task] = {}
        self._by_business_id: dict[tuple[str, str], str] = {}

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Task]:
        return iter(list(self._by_id.values()))

    def add(self, task: Task) -> list[Task]:
        """Store ``task``; return the tasks evicted to make room."""
        evicted = self._make_room() if self.max_tasks is not None else []
        self._by_id[task.id] = task
        if task.client_business_id is not None:
            self._by_business_id[(task.tenant, task.client_business_id)] = task.id
        return evicted

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

    def _make_room(self) -> list[Task]:
        assert self.max_tasks is not None
        if len(self._by_id) < self.max_tasks:
            return []
        # Evict a batch (1%) at a time so the scan cost is spread over many insertions.
        wanted = len(self._by_id) - self.max_tasks + 1 + self.max_tasks // 100
        victims = [task for task in self._by_id.values() if task.final][:wanted]
        if len(victims) < wanted:
            running = [task for task in self._by_id.values() if not task.final]
            victims += running[: wanted - len(victims)]
        for task in victims:
            self._remove(task)
        return victims

    def _remove(self, task: Task) -> None:
        self._by_id.pop(task.id, None)
        if task.client_business_id is not None:
            key = (task.tenant, task.client_business_id)
            if self._by_business_id.get(key) == task.id:
                del self._by_business_id[key]
