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
from dataclasses import dataclass, field
from typing import Any

from conformance.contract import Limits, limits
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
    poll_interval: float = 5.0
    lifecycle_examples: int = 3
    # Moves the server's clock forward (seconds). Only an embedded server can offer it; checks
    # that need a day to pass are not run without it.
    advance_clock: Callable[[float], None] | None = None


@dataclass
class Context:
    settings: Settings
    client: ApiClient
    client_b: ApiClient | None
    journal: Journal
    rng: random.Random
    limits: Limits = field(default_factory=limits)

    def valid_body(self, **overrides: Any) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": self.limits.model,
            "prompt": "A lighthouse on a cliff at dawn (toapis-conformance)",
        }
        body.update(overrides)
        return body


class Recorder:
    """Collects what a probe observed, check by check."""

    def __init__(self, check_ids: tuple[str, ...]) -> None:
        self.check_ids = check_ids
        self.exercised = dict.fromkeys(check_ids, 0)
        self.failures: dict[str, list[Evidence]] = {c: [] for c in check_ids}
        self.reasons: dict[str, str] = {}

    def ok(self, check_id: str, times: int = 1) -> None:
        self.exercised[check_id] += times

    def fail(self, check_id: str, evidence: Evidence) -> None:
        self.exercised[check_id] += 1
        if len(self.failures[check_id]) < 3:  # a few examples say enough
            self.failures[check_id].append(evidence)

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
                status, reason = Status.FAIL, ""
            elif self.exercised[check_id]:
                status, reason = Status.PASS, ""
            else:
                status = Status.NOT_RUN
                reason = self.reasons.get(check_id, "the probe never reached this check")
            out[check_id] = Verdict(
                check_id, status, reason, list(failures), self.exercised[check_id], duration
            )
        return out


ProbeFunction = Callable[[Context, Recorder], None]


@dataclass(frozen=True)
class Probe:
    name: str
    checks: tuple[str, ...]
    run: ProbeFunction
    cost: Callable[[Settings], int] = lambda settings: 0
    needs_token_b: bool = False


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


def poll_until_final(ctx: Context, client: ApiClient, task_id: str) -> tuple[list[Exchange], bool]:
    """Poll a task until it is final or the bound passes. Returns the polls and whether it ended."""
    polls: list[Exchange] = []
    deadline = time.monotonic() + ctx.settings.task_timeout
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
            return polls, False
        time.sleep(ctx.settings.poll_interval)


def not_run_on(exc: NotRun, recorder: Recorder) -> None:
    for check_id in recorder.check_ids:
        recorder.not_run(check_id, exc.reason)
