"""The task life cycle, judged from the exchanges that show one task: its create, its polls.

Declared here, judged here: the suite's life-cycle probe (``conformance.probes.lifecycle``) and
the validating proxy (``conformance.proxy``) both feed these functions what they saw, one
observed state (``Snapshot``) at a time, and get the same check ids and verdict levels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conformance.checks import declare
from conformance.contract import CREATE, STATUS, decided_errors, limits, schema_errors
from conformance.probes.base import Recorder, body_text, evidence
from conformance.verdicts import Exchange

_TASK = "#/components/schemas/Task"
_CREATE = "#/paths/~1v1~1images~1generations/post"
_STATUS = "#/paths/~1v1~1images~1generations~1{task_id}/get"
_LIM = limits()

CREATE_RETURNS_TASK = declare(
    "lifecycle-create-returns-task",
    title="A valid create request returns a `generation.task` with an id and a documented status.",
    promise="Creating a task answers 200 with a Task: non-empty `id`, `object: generation.task`, "
    "a status from the documented enum and progress 0-100.",
    source=f"{_CREATE}/responses/200",
    area="lifecycle",
    quote="Generation is always async: the call returns a `generation.task` object",
    decisions=("D-02", "D-07"),
)
PROGRESS_MONOTONIC = declare(
    "lifecycle-progress-monotonic",
    title="A task's progress never decreases.",
    promise="`progress` (0-100) never decreases between polls.",
    source=f"{_TASK}/properties/progress",
    area="lifecycle",
    quote="progress: integer 0-100 (a completion percentage; the docs' progress bars)",
)
TERMINAL_FINAL = declare(
    "lifecycle-terminal-final",
    title="A completed or failed task never changes what the docs promise about it.",
    promise="`completed` and `failed` are final: later polls show the same status, progress, id, "
    "timestamps, result images (compared without their query strings, which signed URLs "
    "change) and error code. Extra fields may change.",
    source="#/components/schemas/TaskStatus",
    area="lifecycle",
    quote="Final states: `completed`, `failed` (task status reference table)",
)
STATUS_ORDER = declare(
    "lifecycle-status-order",
    title="Status moves only forward: queued -> in_progress -> completed|failed.",
    promise="The life cycle is queued -> in_progress -> completed or failed; it never goes back.",
    source=f"{_STATUS} (description)",
    area="lifecycle",
    quote="Non-final states: `queued`, `in_progress`; final states: `completed`, `failed`",
)
CREATED_AT_STABLE = declare(
    "lifecycle-created-at-stable",
    title="A task's `created_at` (and `id`) never change.",
    promise="`created_at` is when the task was created and never changes.",
    source=f"{_TASK}/properties/created_at",
    area="lifecycle",
    quote="created_at: Unix timestamp in seconds (of the task's creation)",
)
RESULT_COUNT = declare(
    "lifecycle-completed-result-count",
    title="A completed task has exactly `n` result URLs.",
    promise=f"`result.data` has one entry per requested image (`n`, default {_LIM.n_default}).",
    source="#/components/schemas/TaskResult",
    area="results",
    quote="n: number of images; cost is pre-deducted per image",
)
EXPIRES_AFTER_LIFETIME = declare(
    "lifecycle-expires-after-lifetime",
    title="A completed task's results expire the documented lifetime after completion.",
    promise=f"`expires_at` = `completed_at` + {_LIM.result_ttl_seconds} (result URLs are valid "
    f"for {_LIM.result_ttl_seconds // 3600} hours).",
    source=f"{_TASK}/properties/expires_at",
    area="lifecycle",
    quote="Generated image URLs are valid for 24 hours (`expires_at`)",
)
TERMINAL_WITHIN_BOUND = declare(
    "lifecycle-terminal-within-bound",
    title="A task reaches `completed` or `failed` within the documented wait bound.",
    promise="The docs advise giving up after 120 s: a task is final within that bound "
    "(configurable with --task-timeout).",
    source="info.description (polling advice: give up after 120 s)",
    area="lifecycle",
    quote="initial wait 5 s, poll at least every 5-10 s with random jitter, max wait 120 s",
)
IDS_UNIQUE = declare(
    "lifecycle-ids-unique",
    title="Every created task gets its own id.",
    promise="The task `id` identifies one task; two creations never share an id.",
    source=f"{_TASK}/properties/id",
    area="lifecycle",
    quote="id: Unique task ID",
)
FAILED_HAS_ERROR = declare(
    "lifecycle-failed-has-error",
    title="A failed task carries `error{code,message}` and no result.",
    promise="A failed task is HTTP 200 with `status: failed`, an `error` object and no "
    "`result`/`url`.",
    source=f"{_TASK} (allOf: status failed)",
    area="lifecycle",
    quote="error: only on failure, `error.code` (string), `error.message` (string); a failed "
    "task is still HTTP 200",
)

CHECKS = (
    CREATE_RETURNS_TASK,
    PROGRESS_MONOTONIC,
    TERMINAL_FINAL,
    STATUS_ORDER,
    CREATED_AT_STABLE,
    RESULT_COUNT,
    EXPIRES_AFTER_LIFETIME,
    TERMINAL_WITHIN_BOUND,
    IDS_UNIQUE,
    FAILED_HAS_ERROR,
)
"""Every check this module judges, in catalogue order."""

# The documented life cycle; `submitted` is the en status table's name for `queued` (D-02).
ORDER = {"submitted": 0, "pending": 0, "queued": 0, "in_progress": 1, "completed": 2, "failed": 2}
EXPECTED_TASK = "a Task as documented (#/components/schemas/Task)"


@dataclass(frozen=True)
class Snapshot:
    """One observed state of a task: the exchange that showed it, and when (monotonic)."""

    exchange: Exchange
    task: dict[str, Any]
    seen_at: float


def is_final(task: dict[str, Any], terminal: tuple[str, ...]) -> bool:
    return task.get("status") in terminal


def _warn_decided(rec: Recorder, op_id: str, exchange: Exchange, task: dict[str, Any]) -> None:
    """A task the docs allow that breaks one of our decided constraints (x-decisions)."""
    for found in decided_errors(op_id, 200, task)[:1]:
        rec.warn(
            CREATE_RETURNS_TASK,
            evidence(
                f"the task breaks a decided constraint: {found.problem}",
                f"{EXPECTED_TASK}, as DECISIONS.md {found.decision} reads the docs",
                exchange,
            ),
            found.decision,
        )


def judge_created(rec: Recorder, exchange: Exchange, op_id: str = CREATE) -> dict[str, Any] | None:
    """The answer to a valid create request: HTTP 200 with a documented Task. Returns the task
    when it is one (``None`` otherwise, the failure recorded)."""
    response = exchange.response
    if response is None or response.status != 200:
        rec.fail(
            CREATE_RETURNS_TASK,
            evidence(
                f"a valid create request was not accepted: {body_text(exchange)}",
                "HTTP 200 with a Task",
                exchange,
            ),
        )
        return None
    task = exchange.json()
    problems = schema_errors(op_id, 200, task) if isinstance(task, dict) else ["not JSON"]
    if problems or not isinstance(task, dict):
        rec.fail(
            CREATE_RETURNS_TASK,
            evidence(
                f"the created task is not a documented Task: {'; '.join(problems)}",
                EXPECTED_TASK,
                exchange,
            ),
        )
        return None
    _warn_decided(rec, op_id, exchange, task)
    rec.ok(CREATE_RETURNS_TASK)
    return task


def judge_polled(rec: Recorder, exchange: Exchange) -> dict[str, Any] | None:
    """A 200 answer to a poll: the task when it is a documented Task. A body that is not one
    is recorded (a task that says it failed under the failed-task promise) and ``None`` comes
    back: the life cycle cannot be followed through it."""
    data = exchange.json()
    problems = schema_errors(STATUS, 200, data) if isinstance(data, dict) else ["not JSON"]
    if problems or not isinstance(data, dict):
        failed = isinstance(data, dict) and data.get("status") == "failed"
        rec.fail(
            FAILED_HAS_ERROR if failed else CREATE_RETURNS_TASK,
            evidence(
                f"a polled task is not a documented Task: {'; '.join(problems)}",
                EXPECTED_TASK,
                exchange,
            ),
        )
        return None
    _warn_decided(rec, STATUS, exchange, data)
    return data


def judge_id_unique(
    rec: Recorder, task_id: str, earlier: Exchange | None, exchange: Exchange
) -> None:
    """``earlier``: the create that returned ``task_id`` before, if one did."""
    rec.expect(
        IDS_UNIQUE,
        earlier is None,
        lambda: evidence(
            f"two created tasks share the id {task_id!r}",
            "every task gets its own id",
            *(e for e in (earlier, exchange) if e is not None),
        ),
    )


def judge_step(rec: Recorder, prev: Snapshot, cur: Snapshot, terminal: tuple[str, ...]) -> None:
    """Two consecutive observations of one task: what may never happen between them."""
    before, after = prev.task.get("progress"), cur.task.get("progress")
    # A missing or mistyped progress is the schema's business, not this check's.
    if isinstance(before, int) and isinstance(after, int):
        rec.expect(
            PROGRESS_MONOTONIC,
            after >= before,
            lambda: evidence(
                f"progress went from {before} to {after}",
                "progress never decreases",
                prev.exchange,
                cur.exchange,
            ),
        )
    if is_final(prev.task, terminal):
        was, now = promised_state(prev.task), promised_state(cur.task)
        rec.expect(
            TERMINAL_FINAL,
            now == was,
            lambda: evidence(
                f"a {prev.task.get('status')} task changed: {_diff(was, now)}",
                "completed and failed are final and never change",
                prev.exchange,
                cur.exchange,
            ),
        )
    status_before, status_after = prev.task.get("status"), cur.task.get("status")
    if status_before in ORDER and status_after in ORDER:
        rec.expect(
            STATUS_ORDER,
            ORDER[status_after] >= ORDER[status_before]
            and not (is_final(prev.task, terminal) and status_after != status_before),
            lambda: evidence(
                f"status went from {status_before} to {status_after}",
                "queued -> in_progress -> completed|failed, never backwards",
                prev.exchange,
                cur.exchange,
            ),
        )
    same = prev.task.get("created_at") == cur.task.get("created_at") and prev.task.get(
        "id"
    ) == cur.task.get("id")
    rec.expect(
        CREATED_AT_STABLE,
        same,
        lambda: evidence(
            f"created_at/id changed: {prev.task.get('id')}@{prev.task.get('created_at')} -> "
            f"{cur.task.get('id')}@{cur.task.get('created_at')}",
            "created_at (and the id) never change",
            prev.exchange,
            cur.exchange,
        ),
    )


def judge_final(
    rec: Recorder,
    first: Snapshot,
    final: Snapshot,
    *,
    n: int | None,
    ttl: int,
    within: float | None,
) -> None:
    """The first observation of a task in a final state. ``first``: the task's first
    observation (its create, where it was seen); ``n``: the images asked (``None``: not known);
    ``within``: the
    bound the task had to be final in (seconds), ``None`` when it is not judged here."""
    if within is not None and final.seen_at - first.seen_at <= within:
        rec.ok(TERMINAL_WITHIN_BOUND)
    task, exchange = final.task, final.exchange
    if task.get("status") == "completed":
        result = task.get("result")
        data = result.get("data") if isinstance(result, dict) else None
        count = len(data) if isinstance(data, list) else 0
        if n is not None:  # None: the create was not seen (a task older than the proxy)
            rec.expect(
                RESULT_COUNT,
                count == n,
                lambda: evidence(
                    f"n={n} was requested but result.data has {count} entries",
                    "one result.data entry per requested image",
                    first.exchange,
                    exchange,
                ),
            )
        completed_at, expires_at = task.get("completed_at"), task.get("expires_at")
        rec.expect(
            EXPIRES_AFTER_LIFETIME,
            isinstance(completed_at, int)
            and isinstance(expires_at, int)
            and expires_at - completed_at == ttl,
            lambda: evidence(
                f"completed_at={completed_at}, expires_at={expires_at}",
                f"expires_at = completed_at + {ttl}",
                exchange,
            ),
        )
        return
    error = task.get("error")
    ok = (
        isinstance(error, dict)
        and isinstance(error.get("code"), str)
        and isinstance(error.get("message"), str)
        and task.get("result") is None
        and task.get("url") is None
    )
    rec.expect(
        FAILED_HAS_ERROR,
        ok,
        lambda: evidence(
            f"a failed task has error={error!r}, result={task.get('result')!r}",
            "error{code,message} and no result",
            exchange,
        ),
    )


def judge_deadline(rec: Recorder, first: Snapshot, last: Snapshot, bound: float) -> None:
    """A task still not final ``bound`` seconds after it was first seen."""
    rec.fail(
        TERMINAL_WITHIN_BOUND,
        evidence(
            f"task {last.task.get('id')} was still {last.task.get('status')!r} after {bound:g} s",
            f"final within {bound:g} s",
            first.exchange,
            last.exchange,
        ),
    )


def result_urls(task: dict[str, Any]) -> list[str]:
    """The URLs of a completed task's ``result.data``."""
    result = task.get("result")
    data = result.get("data") if isinstance(result, dict) else None
    return [
        item["url"]
        for item in (data if isinstance(data, list) else [])
        if isinstance(item, dict) and isinstance(item.get("url"), str)
    ]


def promised_state(task: dict[str, Any]) -> dict[str, Any]:
    """What the docs promise about a task, to compare two polls of a final one.

    Status, progress, id and the timestamps; the result images by URL without the query string
    (signed URLs are re-signed per request, as CDNs do) and their count; the error code. Extra
    fields, and messages, may change."""
    result = task.get("result")
    data = result.get("data") if isinstance(result, dict) else None
    images = (
        [_unsigned(item.get("url")) if isinstance(item, dict) else item for item in data]
        if isinstance(data, list)
        else data
    )
    error = task.get("error")
    return {
        "status": task.get("status"),
        "progress": task.get("progress"),
        "id": task.get("id"),
        "created_at": task.get("created_at"),
        "completed_at": task.get("completed_at"),
        "expires_at": task.get("expires_at"),
        "result images": images,
        "error code": error.get("code") if isinstance(error, dict) else error,
    }


def _unsigned(url: Any) -> Any:
    return url.split("?", 1)[0].split("#", 1)[0] if isinstance(url, str) else url


def _diff(before: dict[str, Any], after: dict[str, Any]) -> str:
    keys = sorted(set(before) | set(after))
    changed = [
        f"{k}: {before.get(k)!r} -> {after.get(k)!r}" for k in keys if before.get(k) != after.get(k)
    ]
    return "; ".join(changed)[:300]
