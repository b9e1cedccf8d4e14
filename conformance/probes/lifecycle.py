"""The task life cycle as a Hypothesis state machine: the behavioural specification of tasks.

Rules are what a user does (create a task, poll it, wait for it); invariants are the documented
promises ("progress never decreases", "a final task never changes"). Hypothesis chooses the
sequences (how many tasks, which ``n`` and ``size``, how polls interleave). A broken promise is
recorded against its check id with the exchanges that show it, and exploration goes on, so one run
reports every life-cycle check instead of stopping at the first failure. Shrinking is off: against
a live (maybe billed) server, replaying shrunk sequences would cost requests and money.

Waiting for tasks to end is what takes time, so no scenario waits on its own: a user's wait is a
while (one poll interval), and the end of each scenario (every task followed until final, then
looked at once more) is deferred until exploration is over, when the scenarios' tasks are followed
together, one thread each (``jobs`` > 1). A run costs about one task duration, not one per
scenario. Polls are spaced as the server allows (``conformance.polling``).
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from hypothesis import HealthCheck, Phase, seed, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    get_state_machine_test,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
)

from conformance.budget import BudgetExhausted
from conformance.contract import CREATE, STATUS, decided_errors, schema_errors
from conformance.polling import wait_to_poll
from conformance.probes.base import Context, Probe, Recorder, Settings, body_text, evidence
from conformance.verdicts import Exchange

CHECKS = (
    "lifecycle-create-returns-task",
    "lifecycle-progress-monotonic",
    "lifecycle-terminal-final",
    "lifecycle-status-order",
    "lifecycle-created-at-stable",
    "lifecycle-completed-result-count",
    "lifecycle-expires-after-lifetime",
    "lifecycle-terminal-within-bound",
    "lifecycle-ids-unique",
    "lifecycle-failed-has-error",
)
IMAGES_PER_EXAMPLE = 6
# The documented life cycle; `submitted` is the en status table's name for `queued` (D-02).
_ORDER = {"submitted": 0, "pending": 0, "queued": 0, "in_progress": 1, "completed": 2, "failed": 2}


@dataclass
class Snapshot:
    exchange: Exchange
    task: dict[str, Any]
    seen_at: float


@dataclass
class TrackedTask:
    task_id: str
    n: int
    created_at_mono: float
    hinted_failure: bool = False
    snapshots: list[Snapshot] = field(default_factory=list)
    final_checked: bool = False

    @property
    def last(self) -> dict[str, Any]:
        return self.snapshots[-1].task


class World:
    """State shared by every example of one run: the recorder and the ids handed out."""

    def __init__(self, ctx: Context, recorder: Recorder) -> None:
        self.ctx = ctx
        self.rec = recorder
        self.all_ids: dict[str, Exchange] = {}
        self.budget_note: str | None = None
        self.latest: tuple[str, Exchange, dict[str, Any]] | None = None
        # Scenarios whose end (tasks followed until final) waits until exploration is over.
        self.unfinished: list[Any] = []
        # Those ends run in threads: one deadline failure is recorded, not one per thread.
        self.lock = threading.Lock()


def _is_final(ctx: Context, task: dict[str, Any]) -> bool:
    return task.get("status") in ctx.limits.terminal_states


def make_machine(world: World) -> type[RuleBasedStateMachine]:
    ctx, rec = world.ctx, world.rec
    terminal = ctx.limits.terminal_states
    expected_task = "a Task as documented (#/components/schemas/Task)"

    class TaskLifecycle(RuleBasedStateMachine):
        tasks = Bundle("tasks")

        def __init__(self) -> None:
            super().__init__()
            self.tracked: dict[str, TrackedTask] = {}
            self.spent = 0
            self.seen: dict[str, dict[str, int]] = {}

        # -- rules: what a user does --------------------------------------------------------

        @initialize(target=tasks, data=st.data())
        def create_first_task(self, data: st.DataObject) -> Any:
            """Every scenario starts with a task, so each example exercises the life cycle."""
            return self._create(data)

        @precondition(lambda self: self.spent < IMAGES_PER_EXAMPLE and world.budget_note is None)
        @rule(target=tasks, data=st.data())
        def create_task(self, data: st.DataObject) -> Any:
            return self._create(data)

        def _create(self, data: st.DataObject) -> Any:
            if world.budget_note is not None:
                return multiple()
            left = IMAGES_PER_EXAMPLE - self.spent
            n = data.draw(st.sampled_from([v for v in ctx.limits.n_values if v <= left]), "n")
            size = data.draw(st.sampled_from((None, *ctx.limits.sizes)), "size")
            # Drawn even without a failing prompt, so the explored sequence does not depend on it.
            hint = data.draw(st.sampled_from((False, False, True)), "fail_hint")
            return self.create_with(n, size, hint and ctx.settings.failing_prompt is not None)

        def create_with(self, n: int, size: str | None, hint: bool) -> Any:
            overrides: dict[str, Any] = {"n": n}
            if size is not None:
                overrides["size"] = size
            if hint:
                overrides["prompt"] = f"A storm over the sea {ctx.settings.failing_prompt}"
            self.spent += n
            try:
                exchange = ctx.client.create(ctx.valid_body(**overrides))
            except BudgetExhausted as exc:
                world.budget_note = str(exc)
                return multiple()
            task = self._accepted_task(exchange)
            if task is None:
                return multiple()
            task_id = task["id"]
            earlier = world.all_ids.get(task_id)
            rec.expect(
                "lifecycle-ids-unique",
                earlier is None,
                lambda: evidence(
                    f"two created tasks share the id {task_id!r}",
                    "every task gets its own id",
                    *(e for e in (earlier, exchange) if e is not None),
                ),
            )
            world.all_ids[task_id] = exchange
            world.latest = (task_id, exchange, task)
            tracked = TrackedTask(task_id, n, time.monotonic(), hinted_failure=hint)
            self.tracked[task_id] = tracked
            self._observe(tracked, exchange, task)
            return task_id

        @rule()
        def look_away(self) -> None:
            """A user may simply do nothing for a while (keeps a step available at all times)."""

        @rule(task_id=tasks)
        def poll_task(self, task_id: str) -> None:
            self._poll(self.tracked[task_id])

        @rule(task_id=tasks)
        def wait_a_while(self, task_id: str) -> None:
            """A user waits as long as the server allows, then looks again."""
            tracked = self.tracked[task_id]
            if tracked.final_checked:
                return
            wait_to_poll(ctx, tracked.snapshots[-1].exchange)
            self._poll(tracked)

        # -- invariants: the documented promises ---------------------------------------------

        @invariant()
        def progress_never_decreases(self) -> None:
            for prev, cur in self._new_pairs("progress"):
                before, after = prev.task.get("progress"), cur.task.get("progress")
                if not (isinstance(before, int) and isinstance(after, int)):
                    continue  # the schema layer reports a missing or mistyped progress
                rec.expect(
                    "lifecycle-progress-monotonic",
                    after >= before,
                    partial(
                        evidence,
                        f"progress went from {before} to {after}",
                        "progress never decreases",
                        prev.exchange,
                        cur.exchange,
                    ),
                )

        @invariant()
        def final_states_never_change(self) -> None:
            for prev, cur in self._new_pairs("final"):
                if not _is_final(ctx, prev.task):
                    continue
                before, after = promised_state(prev.task), promised_state(cur.task)
                rec.expect(
                    "lifecycle-terminal-final",
                    after == before,
                    partial(
                        evidence,
                        f"a {prev.task.get('status')} task changed: {_diff(before, after)}",
                        "completed and failed are final and never change",
                        prev.exchange,
                        cur.exchange,
                    ),
                )

        @invariant()
        def status_only_moves_forward(self) -> None:
            for prev, cur in self._new_pairs("order"):
                before, after = prev.task.get("status"), cur.task.get("status")
                if before not in _ORDER or after not in _ORDER:
                    continue
                rec.expect(
                    "lifecycle-status-order",
                    _ORDER[after] >= _ORDER[before]
                    and not (_is_final(ctx, prev.task) and after != before),
                    partial(
                        evidence,
                        f"status went from {before} to {after}",
                        "queued -> in_progress -> completed|failed, never backwards",
                        prev.exchange,
                        cur.exchange,
                    ),
                )

        @invariant()
        def identity_never_changes(self) -> None:
            for prev, cur in self._new_pairs("identity"):
                same = prev.task.get("created_at") == cur.task.get("created_at") and prev.task.get(
                    "id"
                ) == cur.task.get("id")
                rec.expect(
                    "lifecycle-created-at-stable",
                    same,
                    partial(
                        evidence,
                        f"created_at/id changed: {prev.task.get('id')}@"
                        f"{prev.task.get('created_at')} -> "
                        f"{cur.task.get('id')}@{cur.task.get('created_at')}",
                        "created_at (and the id) never change",
                        prev.exchange,
                        cur.exchange,
                    ),
                )

        def teardown(self) -> None:
            """The scenario's end is deferred: its tasks are followed together with the other
            scenarios' once exploration is over (``finish``)."""
            world.unfinished.append(self)

        def finish(self) -> None:
            for tracked in getattr(self, "tracked", {}).values():
                self._settle(tracked)
                if _is_final(ctx, tracked.last):
                    self._poll(tracked)  # one more look: a final task must not change
            self.progress_never_decreases()
            self.final_states_never_change()
            self.status_only_moves_forward()
            self.identity_never_changes()

        # -- helpers ---------------------------------------------------------------------------

        def _accepted_task(self, exchange: Exchange) -> dict[str, Any] | None:
            check = "lifecycle-create-returns-task"
            response = exchange.response
            if response is None or response.status != 200:
                rec.fail(
                    check,
                    evidence(
                        f"a valid create request was not accepted: {body_text(exchange)}",
                        "HTTP 200 with a Task",
                        exchange,
                    ),
                )
                return None
            task = exchange.json()
            problems = schema_errors(CREATE, 200, task) if isinstance(task, dict) else ["not JSON"]
            self._warn_decided(CREATE, exchange, task, problems)
            if problems or not isinstance(task, dict):
                rec.fail(
                    check,
                    evidence(
                        f"the created task is not a documented Task: {'; '.join(problems)}",
                        expected_task,
                        exchange,
                    ),
                )
                return None
            rec.ok(check)
            return task

        def _warn_decided(
            self, op_id: str, exchange: Exchange, task: Any, problems: list[str]
        ) -> None:
            """A task the docs allow that breaks one of our decided constraints (x-decisions)."""
            if problems or not isinstance(task, dict):
                return
            for found in decided_errors(op_id, 200, task)[:1]:
                rec.warn(
                    "lifecycle-create-returns-task",
                    evidence(
                        f"the task breaks a decided constraint: {found.problem}",
                        f"{expected_task}, as DECISIONS.md {found.decision} reads the docs",
                        exchange,
                    ),
                    found.decision,
                )

        def _poll(self, tracked: TrackedTask) -> None:
            exchange = ctx.client.get_task(tracked.task_id)
            data = exchange.json()
            if exchange.response is None or exchange.response.status != 200:
                # A task asked to fail that is then answered non-200 breaks "a failed task is
                # still HTTP 200"; any other task breaks "it can be polled until final".
                rec.fail(
                    "lifecycle-failed-has-error"
                    if tracked.hinted_failure
                    else "lifecycle-terminal-within-bound",
                    evidence(
                        f"polling a task it had just created answered {body_text(exchange)}",
                        "HTTP 200 with the task (#/paths/.../get/responses/200)",
                        exchange,
                    ),
                )
                tracked.final_checked = True
                return
            problems = schema_errors(STATUS, 200, data) if isinstance(data, dict) else ["not JSON"]
            self._warn_decided(STATUS, exchange, data, problems)
            if problems or not isinstance(data, dict):
                # The schema layer names the shape problem; here it only stops the life cycle. A
                # task that says it failed is judged by the failed-task promise.
                failed = isinstance(data, dict) and data.get("status") == "failed"
                rec.fail(
                    "lifecycle-failed-has-error" if failed else "lifecycle-create-returns-task",
                    evidence(
                        f"a polled task is not a documented Task: {'; '.join(problems)}",
                        expected_task,
                        exchange,
                    ),
                )
                tracked.final_checked = True
                return
            self._observe(tracked, exchange, data)

        def _settle(self, tracked: TrackedTask) -> None:
            if tracked.final_checked or _is_final(ctx, tracked.last):
                return
            deadline = tracked.created_at_mono + ctx.settings.task_timeout
            looked = False
            while not _is_final(ctx, tracked.last) and not tracked.final_checked:
                if time.monotonic() >= deadline:
                    found = evidence(
                        f"task {tracked.task_id} was still {tracked.last.get('status')!r} "
                        f"after {ctx.settings.task_timeout:g} s",
                        f"final ({'/'.join(terminal)}) within {ctx.settings.task_timeout:g} s",
                        tracked.snapshots[0].exchange,
                        tracked.snapshots[-1].exchange,
                    )
                    ctx.run.task_passed_deadline(found, "lifecycle")
                    with world.lock:
                        if not rec.failures["lifecycle-terminal-within-bound"]:
                            rec.fail("lifecycle-terminal-within-bound", found)
                    tracked.final_checked = True
                    return
                shared = ctx.run.deadline_evidence
                if shared is not None and looked:
                    # A task (this probe's or another's) already passed the deadline: the run
                    # knows the answer, so it is reported once and no wait pays the bound again.
                    with world.lock:
                        if not rec.failures["lifecycle-terminal-within-bound"]:
                            rec.fail("lifecycle-terminal-within-bound", shared)
                    tracked.final_checked = True
                    return
                # As the server allows; ends early once a deadline passed or the run stopped.
                wait_to_poll(ctx, tracked.snapshots[-1].exchange)
                self._poll(tracked)
                looked = True

        def _observe(self, tracked: TrackedTask, exchange: Exchange, task: dict[str, Any]) -> None:
            first_final = _is_final(ctx, task) and not any(
                _is_final(ctx, s.task) for s in tracked.snapshots
            )
            tracked.snapshots.append(Snapshot(exchange, task, time.monotonic()))
            if not first_final:
                return
            if time.monotonic() - tracked.created_at_mono <= ctx.settings.task_timeout:
                rec.ok("lifecycle-terminal-within-bound")
            if task.get("status") == "completed":
                self._check_completed(tracked, exchange, task)
            else:
                self._check_failed(exchange, task)

        def _check_completed(
            self, tracked: TrackedTask, exchange: Exchange, task: dict[str, Any]
        ) -> None:
            result = task.get("result")
            data = result.get("data") if isinstance(result, dict) else None
            count = len(data) if isinstance(data, list) else 0
            rec.expect(
                "lifecycle-completed-result-count",
                count == tracked.n,
                lambda: evidence(
                    f"n={tracked.n} was requested but result.data has {count} entries",
                    "one result.data entry per requested image",
                    tracked.snapshots[0].exchange,
                    exchange,
                ),
            )
            completed_at, expires_at = task.get("completed_at"), task.get("expires_at")
            ttl = ctx.limits.result_ttl_seconds
            rec.expect(
                "lifecycle-expires-after-lifetime",
                isinstance(completed_at, int)
                and isinstance(expires_at, int)
                and expires_at - completed_at == ttl,
                lambda: evidence(
                    f"completed_at={completed_at}, expires_at={expires_at}",
                    f"expires_at = completed_at + {ttl}",
                    exchange,
                ),
            )

        def _check_failed(self, exchange: Exchange, task: dict[str, Any]) -> None:
            error = task.get("error")
            ok = (
                isinstance(error, dict)
                and isinstance(error.get("code"), str)
                and isinstance(error.get("message"), str)
                and task.get("result") is None
                and task.get("url") is None
            )
            rec.expect(
                "lifecycle-failed-has-error",
                ok,
                lambda: evidence(
                    f"a failed task has error={error!r}, result={task.get('result')!r}",
                    "error{code,message} and no result",
                    exchange,
                ),
            )

        def _new_pairs(self, name: str) -> list[tuple[Snapshot, Snapshot]]:
            seen = self.seen.setdefault(name, {})
            pairs = []
            for task_id, tracked in self.tracked.items():
                start = max(seen.get(task_id, 1), 1)
                pairs += [
                    (tracked.snapshots[i - 1], tracked.snapshots[i])
                    for i in range(start, len(tracked.snapshots))
                ]
                seen[task_id] = len(tracked.snapshots)
            return pairs

    return TaskLifecycle


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


def run_lifecycle(ctx: Context, rec: Recorder) -> None:
    world = World(ctx, rec)
    machine = make_machine(world)
    if ctx.settings.failing_prompt is not None:
        # A task asked to fail, followed with the scenarios' tasks (not after them), so the
        # failed-task check is decided even if exploration asks for no failure.
        directed: Any = machine()
        if isinstance(directed.create_with(1, None, True), str):
            directed.teardown()
    test = get_state_machine_test(
        machine,
        settings=settings(
            max_examples=ctx.settings.lifecycle_examples,
            stateful_step_count=8,
            deadline=None,
            database=None,
            phases=(Phase.generate,),
            suppress_health_check=list(HealthCheck),
            print_blob=False,
        ),
    )
    seed(ctx.settings.seed)(test)()
    _finish_together(ctx, world.unfinished)
    _recheck_created_at_later(world)
    if world.budget_note:
        for check_id in CHECKS:
            rec.not_run(check_id, f"budget: {world.budget_note}")
    rec.not_run(
        "lifecycle-failed-has-error",
        "no task ended `failed`; nothing documented makes a task fail on purpose: pass "
        "--failing-prompt with a prompt that makes this server fail a task"
        if ctx.settings.failing_prompt is None
        else "no task ended `failed`, not even one whose prompt held "
        f"{ctx.settings.failing_prompt!r}",
    )


def _finish_together(ctx: Context, scenarios: list[Any]) -> None:
    """Follow every scenario's tasks until final at once (one thread each), or one after the
    other with ``jobs=1``."""
    if ctx.settings.jobs <= 1 or len(scenarios) <= 1:
        for scenario in scenarios:
            scenario.finish()
        return
    with ThreadPoolExecutor(len(scenarios), thread_name_prefix="lifecycle-scenario") as pool:
        for done in [pool.submit(scenario.finish) for scenario in scenarios]:
            done.result()


def _recheck_created_at_later(world: World) -> None:
    """Poll one task again in a later wall-clock second: a `created_at` that is really the time
    of the poll only shows once the clock has moved on, which fast servers and fast polls hide."""
    if world.latest is None:
        return
    task_id, created, task = world.latest
    world.ctx.run.sleep(1.05 - (time.time() % 1.0))  # ends at once on Ctrl-C
    later = world.ctx.client.get_task(task_id)
    data = later.json()
    if later.response is None or later.response.status != 200 or not isinstance(data, dict):
        return  # other checks report a task that cannot be read
    world.rec.expect(
        "lifecycle-created-at-stable",
        data.get("created_at") == task.get("created_at") and data.get("id") == task.get("id"),
        lambda: evidence(
            f"created_at was {task.get('created_at')} at creation, {data.get('created_at')} later",
            "created_at never changes",
            created,
            later,
        ),
    )


def _cost(settings_: Settings) -> int:
    return settings_.lifecycle_examples * IMAGES_PER_EXAMPLE + 1  # + the directed failed task


PROBE = Probe("lifecycle", CHECKS, run_lifecycle, _cost)
