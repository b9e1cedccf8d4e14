"""Every failed task a run (or an application's traffic) shows, judged by the failed-task promise.

The docs document no way to make a task fail, so the suite cannot count on one: where the user
gives a prompt that makes the server fail a task (``--failing-prompt``), tasks asked to fail are
followed; in any case every task seen failing, whoever polled it, is judged the same way
(``lifecycle-failed-has-error``, declared with the life cycle in ``conformance.judges.task``).
"""

from __future__ import annotations

from collections.abc import Iterable

from conformance.contract import STATUS, schema_errors
from conformance.judges.journal import TaskTimeline
from conformance.judges.task import FAILED_HAS_ERROR, Snapshot, judge_final
from conformance.probes.base import Recorder, body_text, evidence

__all__ = ["FAILED_HAS_ERROR", "asked_to_fail", "judge_failed_tasks"]


def asked_to_fail(timeline: TaskTimeline, failing_prompt: str | None) -> bool:
    prompt = timeline.body.get("prompt") if timeline.body is not None else None
    return bool(failing_prompt) and isinstance(prompt, str) and str(failing_prompt) in prompt


def judge_failed_tasks(
    rec: Recorder, timelines: Iterable[TaskTimeline], failing_prompt: str | None = None
) -> int:
    """Judge each task seen failing, and each task asked to fail (its prompt holds
    ``failing_prompt``) that was answered with anything but 200 (a failed task is still HTTP
    200). Returns how many tasks were judged."""
    judged = 0
    for timeline in timelines:
        asked = asked_to_fail(timeline, failing_prompt)
        refused = next(
            (
                poll
                for poll in timeline.polls
                if poll.response is None or poll.response.status not in (200, 429)
            ),
            None,
        )
        if asked and refused is not None:
            judged += 1
            rec.fail(
                FAILED_HAS_ERROR,
                evidence(
                    f"polling task {timeline.task_id}, asked to fail, answered "
                    f"{body_text(refused)}",
                    "HTTP 200 with the failed task (a failed task is still HTTP 200)",
                    *(e for e in (timeline.create, refused) if e is not None),
                ),
            )
            continue
        failed = [(e, t) for e, t in timeline.answers if t.get("status") == "failed"]
        if not failed:
            continue
        judged += 1
        exchange, task = failed[0]
        problems = schema_errors(STATUS, 200, task)
        if problems:
            rec.fail(
                FAILED_HAS_ERROR,
                evidence(
                    f"a failed task is not a documented Task: {'; '.join(problems)}",
                    "a Task as documented (#/components/schemas/Task): error{code,message}",
                    exchange,
                ),
            )
            continue
        first = timeline.answers[0]
        judge_final(
            rec,
            Snapshot(first[0], first[1], 0.0),
            Snapshot(exchange, task, 0.0),
            n=0,
            ttl=0,
            within=None,
        )
    return judged
