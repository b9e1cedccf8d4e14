"""What every behaviour probe shares: the run's settings, its clients, and a verdict recorder.

A probe is one unit of execution (it may create tasks, upload files...) that decides one or more
checks of the catalogue. Each probe declares up front the worst-case number of images it can bill,
so the planner can fit the selected probes into ``--budget`` before anything is sent.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from conformance.contract import Limits, limits, schema_errors
from conformance.control import ANOTHER_TASK_PASSED_DEADLINE, RunControl
from conformance.http import ApiClient, Journal
from conformance.verdicts import CheckFailed, Evidence, Exchange, NotRun, Status, Verdict


@dataclass(frozen=True)
class Settings:
    base_url: str
    token: str | None
    token_b: str | None = None
    seed: int = 0
    max_examples: int = 100
    budget: int | None = None
    max_rps: float | None = None
    request_timeout: float = 30.0
    task_timeout: float = 120.0
    # Seconds between polls; None: as the server allows (conformance.polling).
    poll_interval: float | None = None
    lifecycle_examples: int = 3
    # A prompt that makes this server end a task `failed` (the docs document none); without it
    # the failed-task promises are not run. The embedded mock's is its `[[fail]]` marker.
    failing_prompt: str | None = None
    # Moves the server's clock forward (seconds). Only an embedded server can offer it; checks
    # that need a day to pass are not run without it.
    advance_clock: Callable[[float], None] | None = None
    # How the run is executed: probes run in a pool of ``jobs`` threads (1: one after another, as
    # before); ``read_only`` sends no create and no upload; ``max_time`` bounds the whole run.
    jobs: int = 8
    read_only: bool = False
    max_time: float | None = None
    # The models checked (``--model``, repeatable): the suite never creates a task for another.
    models: tuple[str, ...] = ("gpt-4o-image",)
    # Task webhooks (conformance.probes.webhooks): the receiver's HOST:PORT, which the server
    # must have as the token's default callback URL, and its signing secret. ``webhook_token``
    # is the token whose tasks send them (default: ``token``); ``webhook_timeout`` how long to
    # wait for a task's deliveries (two retries) once it is final.
    webhook_receiver: str | None = None
    webhook_secret: str | None = None
    webhook_token: str | None = None
    webhook_timeout: float = 90.0


@dataclass
class Context:
    settings: Settings
    client: ApiClient
    client_b: ApiClient | None
    journal: Journal
    rng: random.Random
    limits: Limits = field(default_factory=limits)
    # The run's deadlines, shared by every probe (see conformance.control).
    run: RunControl = field(default_factory=RunControl)
    # The source image of editing models' bodies (their pages require one).
    reference_url: str = "https://example.com/castle.jpg"

    def for_model(self, model: str) -> Context:
        """This context with ``limits`` (and so ``valid_body``) of another model."""
        return replace(self, limits=limits(model))

    def valid_body(self, **overrides: Any) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": self.limits.model,
            "prompt": "A lighthouse on a cliff at dawn (toapis-conformance)",
        }
        if self.limits.required_references and self.limits.reference_field is not None:
            # An editing model needs a source image: one the server can fetch is an upload of
            # its own, which the probes that judge results make; elsewhere a public URL.
            body[self.limits.reference_field] = [self.reference_url]
        body.update(overrides)
        return body


class Recorder:
    """Collects what a probe observed, check by check."""

    def __init__(self, check_ids: tuple[str, ...]) -> None:
        self.check_ids = check_ids
        self.exercised = dict.fromkeys(check_ids, 0)
        self.failures: dict[str, list[Evidence]] = {c: [] for c in check_ids}
        self.reasons: dict[str, str] = {}
        self.notes: list[str] = []
        """Lines for the run's summary (``RunReport.notes``): what a verdict alone cannot say."""
        self.models: dict[str, set[str]] = {c: set() for c in check_ids}
        """The models of the tasks each check judged, as the probe says them (``judged_model``:
        a probe judging the run's journal, whose tasks other probes made); the runner adds the
        models of the probe's own create requests (``Verdict.models``)."""

    def owns(self, check_id: str) -> bool:
        """Whether this recorder keeps ``check_id``. A judge records every check it decides; a
        probe's recorder keeps those the probe owns and drops other declared checks (another
        probe owns them, e.g. one that judges them over the whole run). An id that no module
        declares is a bug: ``KeyError``."""
        if check_id in self.exercised:
            return True
        from conformance.catalogue import CATALOGUE  # the catalogue imports every probe

        if check_id in CATALOGUE:
            return False
        raise KeyError(f"no check {check_id!r} is declared")

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def judged_model(self, check_id: str, model: str | None) -> None:
        """The verdict on ``check_id`` rests (also) on a task of ``model`` (``None``: a task
        whose create the run did not see, nothing to say)."""
        if model is not None and self.owns(check_id):
            self.models[check_id].add(model)

    def ok(self, check_id: str, times: int = 1) -> None:
        if self.owns(check_id):
            self.exercised[check_id] += times

    def fail(self, check_id: str, evidence: Evidence) -> None:
        """A broken promise. A decided check's failures are judged by its decision (a WARN)."""
        if not self.owns(check_id):
            return
        limited = _rate_limited(evidence)
        if limited is not None and check_id != "ratelimit-retry-after":
            # Being rate limited says nothing about the promise: the HTTP layer already waited
            # as Retry-After asked, within its bound, so the check could not be exercised.
            self.not_run(check_id, f"rate limited: {limited}")
            return
        from conformance.catalogue import CATALOGUE  # the catalogue imports every probe

        decision = CATALOGUE[check_id].decision if check_id in CATALOGUE else None
        if decision is not None and evidence.decision is None:
            evidence = replace(evidence, decision=decision)
        self.exercised[check_id] += 1
        if len(self.failures[check_id]) < 3:  # a few examples say enough
            self.failures[check_id].append(evidence)

    def warn(self, check_id: str, evidence: Evidence, decision: str) -> None:
        """A broken decided constraint inside a documented check (``x-decisions``)."""
        self.fail(check_id, replace(evidence, decision=decision))

    def expect(self, check_id: str, condition: bool, evidence: Callable[[], Evidence]) -> bool:
        if condition:
            self.ok(check_id)
        else:
            self.fail(check_id, evidence())
        return condition

    def not_run(self, check_id: str, reason: str) -> None:
        self.reasons.setdefault(check_id, reason)

    def verdicts(self, duration: float) -> dict[str, Verdict]:
        out: dict[str, Verdict] = {}
        for check_id in self.check_ids:
            failures = self.failures[check_id]
            if failures:
                status, reason = verdict_status(failures), ""
            elif self.exercised[check_id]:
                status, reason = Status.PASS, ""
            else:
                status = Status.NOT_RUN
                reason = self.reasons.get(check_id, "the probe never reached this check")
            out[check_id] = Verdict(
                check_id,
                status,
                reason,
                list(failures),
                self.exercised[check_id],
                duration,
                models=tuple(sorted(self.models[check_id])),
            )
        return out


def verdict_status(failures: list[Evidence]) -> Status:
    """FAIL when a documented promise broke, WARN when only decided ones did."""
    return Status.FAIL if any(e.decision is None for e in failures) else Status.WARN


def _rate_limited(evidence: Evidence) -> str | None:
    last = evidence.exchanges[-1] if evidence.exchanges else None
    if last is None or last.response is None or last.response.status != 429:
        return None
    after = last.response.headers.get("retry-after")
    return f"the server still answered 429 (Retry-After: {after}) after waiting and retrying"


ProbeFunction = Callable[[Context, Recorder], None]


@dataclass(frozen=True)
class Probe:
    name: str
    checks: tuple[str, ...]
    run: ProbeFunction
    cost: Callable[[Settings], int] = lambda settings: 0
    needs_token_b: bool = False
    # Sends uploads (which store files on the server): not run under --read-only.
    uploads: bool = False


# -- helpers the probes share --------------------------------------------------------------


def body_text(exchange: Exchange, limit: int = 300) -> str:
    """The status and the start of the body, for a one-line message; binary bodies by size."""
    if exchange.response is None:
        return f"no response ({exchange.transport_error})"
    response = exchange.response
    try:
        text = response.body.decode("utf-8")[:limit]
    except UnicodeDecodeError:
        ctype = response.headers.get("content-type", "binary data")
        text = f"<{len(response.body)} bytes of {ctype}>"
    return f"HTTP {response.status}: {text}"


def evidence(message: str, expected: str, *exchanges: Exchange) -> Evidence:
    return Evidence(message, expected, tuple(exchanges))


def require_json(exchange: Exchange, expected: str) -> Any:
    """The JSON body, or a check failure that says what came instead (HTML, nothing, garbage)."""
    if exchange.response is None:
        raise CheckFailed(evidence(f"no response: {exchange.transport_error}", expected, exchange))
    try:
        return json.loads(exchange.response.body)
    except ValueError:
        ctype = exchange.response.headers.get("content-type", "no Content-Type")
        raise CheckFailed(
            evidence(
                f"the body is not JSON ({ctype}): {body_text(exchange, 120)}", expected, exchange
            )
        ) from None


def require_status(exchange: Exchange, status: int, expected: str) -> Any:
    """The JSON body of a response with exactly ``status``, or a check failure with evidence."""
    if exchange.response is None:
        raise CheckFailed(evidence(f"no response: {exchange.transport_error}", expected, exchange))
    if exchange.response.status != status:
        raise CheckFailed(
            evidence(f"expected HTTP {status}, got {body_text(exchange)}", expected, exchange)
        )
    return require_json(exchange, expected)


def expect_documented(
    rec: Recorder, check_id: str, exchange: Exchange, op_id: str, status: int, expected: str
) -> Any:
    """The JSON body when ``exchange`` answered ``status`` with a body the docs allow for it;
    otherwise the failure is recorded against ``check_id`` and ``None`` comes back."""
    try:
        body = require_status(exchange, status, expected)
    except CheckFailed as failed:
        rec.fail(check_id, failed.evidence)
        return None
    problems = schema_errors(op_id, status, body)
    if problems:
        rec.fail(
            check_id,
            evidence(
                f"{op_id} {status}: the body is not documented: {'; '.join(problems)}",
                expected,
                exchange,
            ),
        )
        return None
    rec.ok(check_id)
    return body


def uploaded_url(exchange: Exchange) -> str | None:
    """``data.url`` of a successful upload (200), or ``None`` for any other answer."""
    body = exchange.json()
    data = body.get("data") if isinstance(body, dict) else None
    url = data.get("url") if isinstance(data, dict) else None
    ok = exchange.response is not None and exchange.response.status == 200
    return url if ok and isinstance(url, str) else None


def created_task_id(rec: Recorder, check_id: str, created: Exchange) -> str | None:
    """The id of the task a valid create request made, or ``None`` with the check not run (a
    probe that needs a task to judge something else cannot judge it without one)."""
    task = created.json()
    if (
        created.response is not None
        and created.response.status == 200
        and isinstance(task, dict)
        and isinstance(task.get("id"), str)
    ):
        return str(task["id"])
    rec.not_run(check_id, f"a valid create request was not accepted: {body_text(created, 120)}")
    return None


def final_poll(ctx: Context, created: Exchange) -> Exchange | None:
    """The last poll of the task ``created`` made (followed until final or the bound), or
    ``None`` when the create made no task."""
    task = created.json()
    ok = created.response is not None and created.response.status == 200
    if not (ok and isinstance(task, dict) and isinstance(task.get("id"), str)):
        return None
    polls, _ = poll_until_final(ctx, ctx.client, task["id"])
    return polls[-1] if polls else None


def poll_until_final(ctx: Context, client: ApiClient, task_id: str) -> tuple[list[Exchange], bool]:
    """Poll a task until it is final or the bound passes. Returns the polls and whether it ended.

    The first task of the run to pass the bound is recorded (``ctx.run``); once one has, other
    waits give up after one look (raising ``NotRun``) instead of paying the bound again."""
    polls: list[Exchange] = []
    timeout = ctx.settings.task_timeout
    deadline = time.monotonic() + timeout
    while True:
        exchange = client.get_task(task_id)
        polls.append(exchange)
        data = exchange.json()
        if (
            exchange.response is None
            or exchange.response.status != 200
            or not isinstance(data, dict)
        ):
            return polls, False
        if data.get("status") in ctx.limits.terminal_states:
            return polls, True
        if time.monotonic() >= deadline:
            ctx.run.task_passed_deadline(
                evidence(
                    f"task {task_id} was still {data.get('status')!r} after {timeout:g} s",
                    f"final ({'/'.join(ctx.limits.terminal_states)}) within {timeout:g} s",
                    polls[0],
                    polls[-1],
                )
            )
            return polls, False
        if ctx.run.deadline_evidence is not None:
            raise NotRun(ANOTHER_TASK_PASSED_DEADLINE)
        from conformance.polling import wait_to_poll

        wait_to_poll(ctx, exchange)  # as the server allows; ends at once when the run stops


def not_run_on(exc: NotRun, recorder: Recorder) -> None:
    for check_id in recorder.check_ids:
        recorder.not_run(check_id, exc.reason)
