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
from conformance.judges.app_requests import REQUEST_DOCUMENTED, judge_create_request
from conformance.judges.task import (
    CHECKS,
    Snapshot,
    judge_created,
    judge_final,
    judge_id_unique,
    judge_polled,
    judge_step,
    promised_state,
)
from conformance.polling import wait_to_poll
from conformance.probes.base import Context, Probe, Recorder, Settings, body_text, evidence
from conformance.verdicts import Exchange

__all__ = ["CHECKS", "IMAGES_PER_EXAMPLE", "PROBE", "promised_state", "run_lifecycle"]

IMAGES_PER_EXAMPLE = 6


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

    class TaskLifecycle(RuleBasedStateMachine):
        tasks = Bundle("tasks")

        def __init__(self) -> None:
            super().__init__()
            self.tracked: dict[str, TrackedTask] = {}
            self.spent = 0
            self.seen: dict[str, int] = {}

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
            # The suite's own request is one the docs allow (what the proxy asks of an app).
            judge_create_request(rec, exchange)
            task = judge_created(rec, exchange)
            if task is None:
                return multiple()
            task_id = task["id"]
            judge_id_unique(rec, task_id, world.all_ids.get(task_id), exchange)
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
        def promises_between_polls(self) -> None:
            """Progress never decreases, final states never change, status only moves forward,
            created_at and the id never change (``conformance.judges.task.judge_step``)."""
            for prev, cur in self._new_pairs():
                judge_step(rec, prev, cur, terminal)

        def teardown(self) -> None:
            """The scenario's end is deferred: its tasks are followed together with the other
            scenarios' once exploration is over (``finish``)."""
            world.unfinished.append(self)

        def finish(self) -> None:
            for tracked in getattr(self, "tracked", {}).values():
                self._settle(tracked)
                if _is_final(ctx, tracked.last):
                    self._poll(tracked)  # one more look: a final task must not change
            self.promises_between_polls()

        # -- helpers ---------------------------------------------------------------------------

        def _poll(self, tracked: TrackedTask) -> None:
            exchange = ctx.client.get_task(tracked.task_id)
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
            # The schema layer names a shape problem; here it only stops the life cycle.
            task = judge_polled(rec, exchange)
            if task is None:
                tracked.final_checked = True
                return
            self._observe(tracked, exchange, task)

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
            if first_final:
                created = Snapshot(
                    tracked.snapshots[0].exchange,
                    tracked.snapshots[0].task,
                    tracked.created_at_mono,
                )
                judge_final(
                    rec,
                    created,
                    tracked.snapshots[-1],
                    n=tracked.n,
                    ttl=ctx.limits.result_ttl_seconds,
                    within=ctx.settings.task_timeout,
                )

        def _new_pairs(self) -> list[tuple[Snapshot, Snapshot]]:
            seen = self.seen
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


# The failed-task promise is judged over every task the run saw, by the probe that runs last
# (conformance.probes.responses): what this probe records of it is left to that one.
PROBE = Probe(
    "lifecycle",
    (*(c for c in CHECKS if c != "lifecycle-failed-has-error"), REQUEST_DOCUMENTED),
    run_lifecycle,
    _cost,
)
