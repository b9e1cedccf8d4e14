"""The times a task carries: their unit (Unix seconds) and their order.

Judged from one answer about a task at a time: ``created_at`` <= ``completed_at`` (on a completed
task, or a failed one that carries it, D-20) <= ``expires_at``, each a Unix time in seconds. The
client's clock is never compared: the docs promise nothing about it, and a server's clock may be
ahead of or behind the machine the suite runs on.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable
from typing import Any

from conformance.checks import declare
from conformance.probes.base import Recorder, evidence
from conformance.verdicts import Exchange

_TASK = "#/components/schemas/Task"

TIMESTAMPS_ORDERED = declare(
    "lifecycle-timestamps-ordered",
    title="A task's timestamps are Unix seconds, in order: created, completed, expires.",
    promise="`created_at`, `completed_at` and `expires_at` are Unix times in seconds (10^11 "
    "or more is milliseconds or finer: in seconds, the year 5138) and "
    "`created_at` <= `completed_at` <= `expires_at` wherever they are present, on every answer "
    "about the task.",
    source=f"{_TASK}/properties/created_at, completed_at, expires_at",
    area="lifecycle",
    quote='status page: created_at "Task creation time (Unix timestamp)", completed_at "Task '
    'completion time (Unix timestamp, only returned when completed)", expires_at "Image URL '
    'expiration time (Unix timestamp, only returned on completion)"; gpt-4o page: created_at '
    '"Task creation timestamp (Unix timestamp)"',
)

FIELDS = ("created_at", "completed_at", "expires_at")
# Seconds reach 10^11 in the year 5138; milliseconds passed it in 1973.
SECONDS_BOUND = 10**11


def judge_timestamps(rec: Recorder, answers: Iterable[tuple[Exchange, dict[str, Any]]]) -> None:
    """``answers``: 200 answers about tasks (creates, polls) with their JSON bodies. A field that
    is absent, null or not an integer is the schema's to report, not this check's."""
    for exchange, task in answers:
        times = {
            name: value
            for name in FIELDS
            if isinstance(value := task.get(name), int) and not isinstance(value, bool)
        }
        if not times:
            continue
        shown = ", ".join(f"{name}={value}" for name, value in times.items())
        too_big = [name for name, value in times.items() if value >= SECONDS_BOUND]
        values = [times[name] for name in FIELDS if name in times]
        ordered = all(a <= b for a, b in itertools.pairwise(values))
        problem = (
            f"{', '.join(too_big)} not in seconds"
            if too_big
            else ("out of order" if not ordered else "")
        )
        rec.expect(
            TIMESTAMPS_ORDERED,
            not problem,
            functools.partial(
                evidence,
                f"task {task.get('id')} ({task.get('status')}): {shown}: {problem}",
                "Unix seconds, created_at <= completed_at <= expires_at",
                exchange,
            ),
        )
